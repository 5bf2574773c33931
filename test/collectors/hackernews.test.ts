import { afterEach, describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors.js';
import { collector } from '../../src/collectors/hackernews.js';
import { readFixture, startFixtureServer, type FixtureServer, type RecordedRequest } from '../helpers/fixture-server.js';
import { makeContext } from './context.js';

const PATH = '/api/v1/search_by_date';
// makeContext's clock is 2025-06-10T12:00:00Z; the first run looks back 24 h.
const FIRST_SINCE = 1749556800 - 24 * 3600;

describe('hackernews collector', () => {
  let server: FixtureServer;
  afterEach(() => server?.close());

  const search = (req: RecordedRequest) => {
    if (req.query.get('numericFilters') === 'created_at_i>=1749555000') return { body: readFixture('hackernews', 'newer.json') };
    return { body: readFixture('hackernews', req.query.get('page') === '1' ? 'page1.json' : 'page0.json') };
  };
  const config = (extra: Record<string, unknown> = {}) => collector.configSchema.parse({ query: 'acme', baseUrl: server.baseUrl, ...extra });

  it('normalises stories and comments (HTML → text, points, num_comments, item URL)', async () => {
    server = await startFixtureServer({ [PATH]: search });
    const { posts } = await collector.collect(makeContext(config()));
    expect(posts[0]).toEqual({
      source: 'test-source',
      externalId: '44235003',
      text: 'The Acme launch was rough / the API kept timing out.\n\nStill, "good enough" for v1.',
      title: 'Acme launches phone API',
      url: 'https://news.ycombinator.com/item?id=44235003',
      author: { id: 'pg_fan', handle: 'pg_fan' },
      createdAt: '2025-06-10T11:30:00.000Z',
    });
    expect(posts[0]).not.toHaveProperty('engagement');
    // A link story without text uses its title as text.
    expect(posts[1]).toMatchObject({ text: 'Acme launches phone API', title: 'Acme launches phone API', engagement: { likes: 142, replies: 87 } });
    expect(posts[2].text).toBe('Waited 3 weeks for a refund.\n\nAnyone else?');
    expect(posts.every((p) => p.lang === undefined)).toBe(true);
  });

  it('pages with page/nbPages and builds the Algolia query', async () => {
    server = await startFixtureServer({ [PATH]: search });
    const { posts, cursor } = await collector.collect(makeContext(config()));
    expect(posts).toHaveLength(4);
    expect(server.requests.map((r) => r.query.get('page'))).toEqual(['0', '1']);
    expect(Object.fromEntries(server.requests[0].query)).toMatchObject({
      query: 'acme',
      tags: '(story,comment)',
      numericFilters: `created_at_i>=${FIRST_SINCE}`,
      hitsPerPage: '100',
    });
    expect(JSON.parse(cursor!)).toEqual({ since: 1749555000, ids: ['44235003'] });
  });

  it('asks only for hits since the high-water mark and skips the boundary hit it already has', async () => {
    server = await startFixtureServer({ [PATH]: search });
    const cursor = JSON.stringify({ since: 1749555000, ids: ['44235003'] });
    const result = await collector.collect(makeContext(config(), cursor));
    expect(result.posts.map((p) => p.externalId)).toEqual(['44236010']);
    expect(server.requests[0].query.get('numericFilters')).toBe('created_at_i>=1749555000');
    expect(JSON.parse(result.cursor!)).toEqual({ since: 1749556500, ids: ['44236010'] });
  });

  it('stops at maxPages and warns that older hits were skipped', async () => {
    server = await startFixtureServer({ [PATH]: search });
    const ctx = makeContext(config({ maxPages: 1, tags: ['comment'] }));
    const { posts } = await collector.collect(ctx);
    expect(posts).toHaveLength(3);
    expect(server.requests[0].query.get('tags')).toBe('(comment)');
    expect(ctx.logs.map((l) => l.level)).toEqual(['warn']);
  });

  it('retries 5xx and waits out 429 Retry-After', async () => {
    server = await startFixtureServer({ [PATH]: [{ status: 500 }, { status: 429, headers: { 'retry-after': '1' } }, { body: readFixture('hackernews', 'page1.json') }] });
    const ctx = makeContext(config());
    await collector.collect(ctx);
    expect(ctx.sleeps).toEqual([250, 1_000]);
  });

  it('reports truncated JSON as a ParseError naming what was expected', async () => {
    server = await startFixtureServer({ [PATH]: { body: readFixture('hackernews', 'page0.json').slice(0, 200) } });
    const error = await collector.collect(makeContext(config())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(/^expected HN search results \(JSON\) from http:\/\/127\.0\.0\.1:\d+\/api\/v1\/search_by_date\?.*, instead found "\{/);
  });
});
