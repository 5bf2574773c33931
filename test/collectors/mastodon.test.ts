import { afterEach, describe, expect, it } from 'vitest';
import { ParseError, RateLimitedError } from '../../src/errors.js';
import { collector } from '../../src/collectors/mastodon.js';
import { parseLinkHeader } from '../../src/collectors/link-header.js';
import { readFixture, startFixtureServer, type FixtureServer, type RecordedRequest } from '../helpers/fixture-server.js';
import { makeContext } from './context.js';

const TAG_PATH = '/api/v1/timelines/tag/acme';
const RATE = { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '280', 'x-ratelimit-reset': '2025-06-10T12:05:00.000Z' };

describe('parseLinkHeader', () => {
  it('maps rel names to URLs', () => {
    expect(parseLinkHeader('<https://m.example/a?max_id=7>; rel="next", <https://m.example/a?min_id=9>; rel="prev"')).toEqual({
      next: 'https://m.example/a?max_id=7',
      prev: 'https://m.example/a?min_id=9',
    });
    expect(parseLinkHeader(null)).toEqual({});
  });
});

describe('mastodon collector', () => {
  let server: FixtureServer;
  afterEach(() => server?.close());

  /** Serves the tag timeline like Mastodon does: newest first, Link next (older) / prev (newer). */
  function timeline(req: RecordedRequest) {
    const base = `${server.baseUrl}${TAG_PATH}`;
    if (req.query.get('max_id') === '114649980000000001') {
      return {
        headers: { ...RATE, link: `<${base}?max_id=114648000000000004>; rel="next", <${base}?min_id=114649000000000005>; rel="prev"` },
        body: readFixture('mastodon', 'tag-page2.json'),
      };
    }
    if (req.query.get('max_id') === '114648000000000004') return { headers: RATE, body: '[]' };
    if (req.query.get('min_id') === '114650000000000003') {
      return {
        headers: { ...RATE, link: `<${base}?max_id=114650500000000010>; rel="next", <${base}?min_id=114651000000000011>; rel="prev"` },
        body: readFixture('mastodon', 'tag-newer.json'),
      };
    }
    if (req.query.get('min_id') === '114651000000000011') return { headers: RATE, body: '[]' };
    return {
      headers: { ...RATE, link: `<${base}?max_id=114649980000000001>; rel="next", <${base}?min_id=114650000000000003>; rel="prev"` },
      body: readFixture('mastodon', 'tag-page1.json'),
    };
  }

  const config = (extra: Record<string, unknown> = {}) =>
    collector.configSchema.parse({ instance: server.baseUrl, tag: '#acme', ...extra });

  it('normalises statuses: HTML → text, author with followers, engagement, declared language', async () => {
    server = await startFixtureServer({ [TAG_PATH]: timeline });
    const { posts } = await collector.collect(makeContext(config({ maxPages: 1 })));
    expect(posts[0]).toEqual({
      source: 'test-source',
      externalId: '114650000000000003',
      text: 'The new #Acme phone is fantastic & fast!\n\nBattery lasts two days.',
      url: 'https://mastodon.example/@alice/114650000000000003',
      author: { id: '109371045', handle: 'alice@127.0.0.1:' + new URL(server.baseUrl).port, name: 'Alice ✨', followers: 1532 },
      createdAt: '2025-06-10T11:58:12.000Z',
      lang: 'en',
      engagement: { likes: 31, replies: 2, reposts: 5 },
    });
    expect(posts[1]).toMatchObject({ text: 'Acme 客服太慢了，等了三天。', lang: 'zh', author: { handle: 'xiaoli@m.cmx.example', followers: 305 } });
    // No declared language → no lang; a content warning leads the text.
    expect(posts[2].lang).toBeUndefined();
    expect(posts[2].text).toBe('Acme phone CW: long post\n\nUnboxing photos inside');
  });

  it('pages back through rel="next" on the first run and stores the newest id', async () => {
    server = await startFixtureServer({ [TAG_PATH]: timeline });
    const { posts, cursor } = await collector.collect(makeContext(config()));
    expect(posts).toHaveLength(5);
    expect(JSON.parse(cursor!)).toEqual({ minId: '114650000000000003' });
    expect(server.requests.map((r) => r.query.get('max_id'))).toEqual([null, '114649980000000001', '114648000000000004']);
    expect(server.requests[0].query.get('limit')).toBe('40');
  });

  it('asks only for newer statuses (min_id) on the next run and walks rel="prev"', async () => {
    server = await startFixtureServer({ [TAG_PATH]: timeline });
    const { posts, cursor } = await collector.collect(makeContext(config(), JSON.stringify({ minId: '114650000000000003' })));
    expect(posts.map((p) => p.externalId)).toEqual(['114651000000000011', '114650500000000010']);
    expect(JSON.parse(cursor!)).toEqual({ minId: '114651000000000011' });
    expect(server.requests.map((r) => r.query.get('min_id'))).toEqual(['114650000000000003', '114651000000000011']);
  });

  it('keeps the cursor when nothing is new', async () => {
    server = await startFixtureServer({ [TAG_PATH]: { headers: RATE, body: '[]' } });
    const cursor = JSON.stringify({ minId: '114651000000000011' });
    expect(await collector.collect(makeContext(config(), cursor))).toEqual({ posts: [], cursor });
  });

  it('sends the bearer token and uses the public timeline when configured', async () => {
    server = await startFixtureServer({ '/api/v1/timelines/public': { body: readFixture('mastodon', 'tag-newer.json') } });
    await collector.collect(makeContext(config({ timeline: 'public', tag: undefined, local: true, accessToken: 'tok-123', maxPages: 1 })));
    expect(server.requests[0].headers.authorization).toBe('Bearer tok-123');
    expect(server.requests[0].query.get('local')).toBe('true');
  });

  it('stops paging when X-RateLimit-Remaining runs low and says so', async () => {
    server = await startFixtureServer({
      [TAG_PATH]: (req) => ({ ...timeline(req), headers: { ...timeline(req).headers, 'x-ratelimit-remaining': '2' } }),
    });
    const ctx = makeContext(config());
    const { posts } = await collector.collect(ctx);
    expect(posts).toHaveLength(3);
    expect(server.requests).toHaveLength(1);
    expect(ctx.logs).toContainEqual(expect.objectContaining({ level: 'warn', fields: { remaining: 2, reset: '2025-06-10T12:05:00.000Z' } }));
  });

  it('honours 429 Retry-After, retries 5xx, and raises RateLimitedError beyond the cap', async () => {
    server = await startFixtureServer({
      [TAG_PATH]: [{ status: 429, headers: { 'retry-after': '5' } }, { status: 502 }, { headers: RATE, body: '[]' }],
    });
    const ctx = makeContext(config());
    await collector.collect(ctx);
    expect(ctx.sleeps).toEqual([5_000, 500]); // second retry: full jitter of 2 × base

    server.route(TAG_PATH, { status: 429, headers: { 'retry-after': 'Tue, 10 Jun 2025 12:30:00 GMT' } });
    const error = await collector.collect(makeContext(config())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(30 * 60_000);
  });

  it('reports malformed JSON and unexpected shapes as ParseError', async () => {
    server = await startFixtureServer({ [TAG_PATH]: { body: '[{"id": "1", "content": ' } });
    await expect(collector.collect(makeContext(config()))).rejects.toThrow(/expected Mastodon statuses \(JSON\) from .*tag\/acme.*instead found "\[\{"id": "1"/);
    server.route(TAG_PATH, { body: { error: 'This method requires an authenticated user' } });
    const error = await collector.collect(makeContext(config())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(/expected an array of Mastodon statuses/);
  });

  it('requires a tag for the tag timeline', () => {
    const result = collector.configSchema.safeParse({ instance: 'https://mastodon.social' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['tag'], message: 'required when "timeline" is "tag": the hashtag, e.g. "acme"' });
  });
});
