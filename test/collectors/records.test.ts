/**
 * The collector records as the registry will see them, and docs/sources.md kept honest: every
 * example config block in the docs must validate against its collector's schema.
 */
import { readFileSync } from 'node:fs';
import { validate } from 'node-cron';
import { describe, expect, it } from 'vitest';
import { collector as appstore } from '../../src/collectors/appstore.js';
import { collector as bluesky } from '../../src/collectors/bluesky.js';
import { collector as hackernews } from '../../src/collectors/hackernews.js';
import { collector as mastodon } from '../../src/collectors/mastodon.js';
import { collector as reddit } from '../../src/collectors/reddit.js';
import { collector as rss } from '../../src/collectors/rss.js';
import type { Collector } from '../../src/collectors/types.js';
import { collector as v2ex } from '../../src/collectors/v2ex.js';
import { collector as youtube } from '../../src/collectors/youtube.js';

const COLLECTORS: Collector<any>[] = [rss, mastodon, hackernews, reddit, appstore, v2ex, bluesky, youtube];
const DOCS = readFileSync(new URL('../../docs/sources.md', import.meta.url), 'utf8');

/** The config loader resolves `{ "env": NAME }`; here any string stands in for the secret. */
function resolveEnvRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveEnvRefs);
  if (value && typeof value === 'object') {
    if ('env' in value && Object.keys(value).length === 1) return `secret-from-${String((value as { env: string }).env)}`;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveEnvRefs(v)]));
  }
  return value;
}

function docExamples(): { id: string; type: string; schedule?: string; config: unknown }[] {
  return [...DOCS.matchAll(/```json\n([\s\S]*?)```/g)].flatMap((m) => {
    const parsed = JSON.parse(m[1]) as { sources?: unknown[] } & Record<string, unknown>;
    return (parsed.sources ?? [parsed]) as { id: string; type: string; schedule?: string; config: unknown }[];
  });
}

describe('collector records', () => {
  it('have unique types, valid default schedules and documented sections', () => {
    expect(new Set(COLLECTORS.map((c) => c.type)).size).toBe(COLLECTORS.length);
    for (const c of COLLECTORS) {
      expect(validate(c.defaultSchedule), `${c.type} defaultSchedule`).toBe(true);
      expect(DOCS).toContain(`## \`${c.type}\``);
      expect(typeof c.collect).toBe('function');
    }
  });

  it.each(docExamples().map((e) => [e.id, e] as const))('docs example %s validates against its schema', (_id, example) => {
    const c = COLLECTORS.find((x) => x.type === example.type);
    expect(c, `unknown type ${example.type}`).toBeDefined();
    const result = c!.configSchema.safeParse(resolveEnvRefs(example.config));
    expect(result.error?.issues ?? []).toEqual([]);
    if (example.schedule) expect(validate(example.schedule)).toBe(true);
  });

  it('say "required" and what a valid value looks like for missing fields', () => {
    const issues = (c: Collector<any>, input: unknown) =>
      c.configSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues(reddit, { subreddits: ['acme'] })).toEqual([
      'clientId: required: client id of a Reddit "script" app (reddit.com/prefs/apps)',
      'clientSecret: required: secret of that app, e.g. { "env": "REDDIT_CLIENT_SECRET" }',
    ]);
    expect(issues(rss, {})).toEqual(['url: required: the feed URL, e.g. "https://example.com/feed.xml"']);
    expect(issues(rss, { url: 'ftp://example.com/feed' })).toEqual(['url: expected an http(s) URL: the feed URL, e.g. "https://example.com/feed.xml"']);
    expect(issues(appstore, { appId: 'id123' })).toEqual(['appId: the numeric app id from the App Store URL (…/id<digits>)']);
    expect(issues(hackernews, { query: 'acme', pages: 3 })).toEqual([': Unrecognized key: "pages"']);
  });

  it('every type has a docs example', () => {
    const documented = new Set(docExamples().map((e) => e.type));
    expect(COLLECTORS.filter((c) => !documented.has(c.type)).map((c) => c.type)).toEqual([]);
  });
});
