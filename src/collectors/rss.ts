/**
 * RSS 2.0 / Atom / RSS 1.0 feeds (news, blogs, Google Alerts, forum feeds). One conditional GET
 * per run; entries are deduplicated by guid/link against the ids remembered in the cursor.
 */
import { z } from 'zod';
import type { RawPost } from '../domain.js';
import { urlField } from './config-fields.js';
import { decodeCursor, encodeCursor, MAX_REMEMBERED_IDS, rememberIds } from './cursor.js';
import { parseFeed, type FeedEntry } from './feed-parser.js';
import { fetchConditional } from './fetch-body.js';
import { matchesKeywords } from './keywords.js';
import { tryIsoUtc } from './time.js';
import type { Collector } from './types.js';

/** Config of an `rss` source. */
export const RssConfigSchema = z
  .object({
    url: urlField('the feed URL, e.g. "https://example.com/feed.xml"'),
    keywords: z.array(z.string().min(1)).optional(),
    /** Entries taken per run at most (newest first as the feed lists them). */
    maxItems: z.number().int().positive().max(1000).default(200),
  })
  .strict();

export type RssConfig = z.infer<typeof RssConfigSchema>;

/** Cursor: HTTP validators plus the ids already emitted (feeds have no "since"). */
const RssCursorSchema = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  seen: z.array(z.string()).default([]),
});

function toPost(sourceId: string, entry: FeedEntry, fallbackDate: string): RawPost {
  return {
    source: sourceId,
    externalId: entry.id,
    text: entry.text,
    title: entry.title,
    url: entry.link,
    author: entry.author ? { id: entry.author, name: entry.author } : undefined,
    // Undated entries (some forum feeds) get the time we first saw them.
    createdAt: tryIsoUtc(entry.date) ?? fallbackDate,
  };
}

/**
 * The `rss` collector. A `304 Not Modified` returns no posts and keeps the cursor; otherwise
 * entries not seen before (and matching `keywords`, when given) become posts.
 *
 * @example { "id": "rss-acme-blog", "type": "rss", "config": { "url": "https://acme.example/feed.xml" } }
 */
export const collector: Collector<RssConfig> = {
  type: 'rss',
  name: 'RSS / Atom feed',
  configSchema: RssConfigSchema,
  defaultSchedule: '*/15 * * * *',
  requiresConfig: [],
  async collect(ctx) {
    const { url, keywords, maxItems } = ctx.config;
    const state = decodeCursor(ctx.cursor, RssCursorSchema, ctx.log) ?? { seen: [] };
    const result = await fetchConditional(ctx.fetch, url, state, {
      signal: ctx.signal,
      headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1' },
    });
    if (result.notModified) {
      ctx.log.info('feed not modified', { url });
      return { posts: [], cursor: ctx.cursor };
    }

    const feed = parseFeed(result.body, url);
    const seen = new Set(state.seen);
    const now = ctx.now().toISOString();
    const entries = feed.entries.slice(0, maxItems);
    const posts: RawPost[] = [];
    const emitted = new Set<string>();
    for (const entry of entries) {
      if (seen.has(entry.id) || emitted.has(entry.id)) continue;
      emitted.add(entry.id);
      if (!matchesKeywords(`${entry.title ?? ''}\n${entry.text}`, keywords)) continue;
      posts.push(toPost(ctx.sourceId, entry, now));
    }
    ctx.progress?.(posts.length);
    // Remember every id in the current feed, including keyword misses, so they are not re-checked.
    const ids = entries.map((e) => e.id);
    const cursor = encodeCursor({ ...result.validators, seen: rememberIds(ids, state.seen, Math.max(MAX_REMEMBERED_IDS, ids.length)) });
    return { posts, cursor };
  },
};
