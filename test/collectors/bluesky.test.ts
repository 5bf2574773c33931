import { afterEach, describe, expect, it } from 'vitest';
import { ParseError, RateLimitedError, UpstreamError } from '../../src/errors.js';
import { collector } from '../../src/collectors/bluesky.js';
import { readFixture, startFixtureServer, type FixtureServer, type RecordedRequest } from '../helpers/fixture-server.js';
import { makeContext } from './context.js';

const SESSION = 'POST /xrpc/com.atproto.server.createSession';
const SEARCH = '/xrpc/app.bsky.feed.searchPosts';
const ALICE = 'at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lr2abcde2k2a';

/** A post `p<n>` about acme, indexed <n> minutes after the previous run's newest post (`p0`). */
const fakeView = (n: number) => ({
  uri: `at://did:plc:fan/app.bsky.feed.post/p${n}`,
  author: { did: 'did:plc:fan', handle: 'fan.bsky.social' },
  record: { text: `acme ${n}`, createdAt: new Date(Date.parse('2025-06-10T11:00:00.000Z') + n * 60_000).toISOString() },
  indexedAt: new Date(Date.parse('2025-06-10T11:00:00.500Z') + n * 60_000).toISOString(),
});
const uriOf = (n: number) => fakeView(n).uri;

/** Serves `views` (newest first) like searchPosts: `since` inclusive, `until` exclusive, `limit` per page, offset cursors. */
function searchWindow(views: ReturnType<typeof fakeView>[], req: RecordedRequest) {
  const [since, until] = [req.query.get('since'), req.query.get('until')];
  const matching = views.filter((v) => (!since || v.indexedAt >= since) && (!until || v.indexedAt < until));
  const [start, limit] = [Number(req.query.get('cursor') ?? 0), Number(req.query.get('limit'))];
  const more = start + limit < matching.length;
  return { body: { posts: matching.slice(start, start + limit), ...(more ? { cursor: String(start + limit) } : {}) } };
}

describe('bluesky collector', () => {
  let server: FixtureServer;
  afterEach(() => server?.close());

  const search = (req: RecordedRequest) => {
    if (req.headers.authorization !== 'Bearer eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJFUzI1NksifQ.access.sig') {
      return { status: 401, body: { error: 'AuthenticationRequired', message: 'Authentication Required' } };
    }
    if (req.query.get('since') === '2025-06-10T11:50:01.123Z') return { body: readFixture('bluesky', 'search-newer.json') };
    return { body: readFixture('bluesky', req.query.get('cursor') === '2' ? 'search-page2.json' : 'search-page1.json') };
  };
  const routes = () => ({ [SESSION]: { body: readFixture('bluesky', 'session.json') }, [SEARCH]: search });
  const config = (extra: Record<string, unknown> = {}) =>
    collector.configSchema.parse({ identifier: 'koubei.bsky.social', appPassword: 'abcd-efgh-ijkl-mnop', query: 'acme', service: server.baseUrl, ...extra });

  it('creates a session with the app password and searches with the access JWT', async () => {
    server = await startFixtureServer(routes());
    await collector.collect(makeContext(config({ lang: 'zh' })));
    const [session, first] = server.requests;
    expect(JSON.parse(session.body)).toEqual({ identifier: 'koubei.bsky.social', password: 'abcd-efgh-ijkl-mnop' });
    expect(session.headers['content-type']).toBe('application/json');
    expect(Object.fromEntries(first.query)).toEqual({ q: 'acme', sort: 'latest', since: '2025-06-09T12:00:00.000Z', limit: '100', lang: 'zh' });
  });

  it('normalises posts: declared langs, author, likes/replies/reposts, web URL', async () => {
    server = await startFixtureServer(routes());
    const { posts } = await collector.collect(makeContext(config()));
    expect(posts[0]).toEqual({
      source: 'test-source',
      externalId: ALICE,
      text: 'The Acme phone camera is honestly amazing 📸',
      url: 'https://bsky.app/profile/alice.bsky.social/post/3lr2abcde2k2a',
      author: { id: 'did:plc:z72i7hdynmk6r22z27h6tvur', handle: 'alice.bsky.social', name: 'Alice', followers: 4210 },
      createdAt: '2025-06-10T11:50:00.000Z',
      lang: 'en',
      engagement: { likes: 52, replies: 4, reposts: 7 },
    });
    expect(posts[1]).toMatchObject({ lang: 'zh', createdAt: '2025-06-10T11:30:00.000Z', author: { name: '王小明' } });
    expect(posts[2].lang).toBeUndefined(); // no langs declared
    expect(posts[2].author?.name).toBeUndefined();
  });

  it('pages with cursor until the last page and stores the high-water mark', async () => {
    server = await startFixtureServer(routes());
    const { posts, cursor } = await collector.collect(makeContext(config()));
    expect(posts).toHaveLength(3);
    expect(server.requestsTo(SEARCH).map((r) => r.query.get('cursor'))).toEqual([null, '2']);
    expect(JSON.parse(cursor!)).toEqual({ since: '2025-06-10T11:50:01.123Z', uris: [ALICE] });
  });

  it('on the next run asks since the high-water mark and stops at a known post', async () => {
    server = await startFixtureServer(routes());
    const { posts, cursor } = await collector.collect(makeContext(config(), JSON.stringify({ since: '2025-06-10T11:50:01.123Z', uris: [ALICE] })));
    expect(posts.map((p) => [p.text, p.lang])).toEqual([['更新之后 Acme 好用多了', 'zh']]); // langs ["zh-Hans", "en"]
    expect(server.requestsTo(SEARCH)).toHaveLength(1);
    expect(JSON.parse(cursor!).since).toBe('2025-06-10T12:40:00.000Z');
  });

  it('resumes where maxPages stopped on the next run, before newer posts, taking none twice', async () => {
    let views = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map(fakeView);
    server = await startFixtureServer({ ...routes(), [SEARCH]: (req: RecordedRequest) => searchWindow(views, req) });
    const cfg = config({ limit: 2, maxPages: 4 });
    const first = makeContext(cfg, JSON.stringify({ since: fakeView(0).indexedAt, uris: [uriOf(0)] }));
    const run1 = await collector.collect(first);
    expect(run1.posts.map((p) => p.text)).toEqual(['acme 9', 'acme 8', 'acme 7', 'acme 6', 'acme 5', 'acme 4', 'acme 3', 'acme 2']);
    expect(first.logs).toContainEqual({
      level: 'warn',
      msg: "bluesky: stopped paging before reaching the last run's posts; the rest follows next run",
      fields: { taken: 8, reached: '2025-06-10T11:02:00.500Z', since: '2025-06-10T11:00:00.500Z' },
    });

    views = [fakeView(10), ...views];
    const before = server.requestsTo(SEARCH).length;
    const second = makeContext(cfg, run1.cursor);
    const run2 = await collector.collect(second);
    expect(run2.posts.map((p) => p.text)).toEqual(['acme 10', 'acme 1']);
    expect(second.logs.filter((l) => l.level === 'warn')).toEqual([]);
    // The backlog is a window below the oldest post taken (`until` is exclusive), then the new posts.
    const windows = server.requestsTo(SEARCH).slice(before).map((r) => [r.query.get('since'), r.query.get('until')]);
    expect(windows).toEqual([
      ['2025-06-10T11:00:00.500Z', '2025-06-10T11:02:00.501Z'],
      ['2025-06-10T11:00:00.500Z', '2025-06-10T11:02:00.501Z'],
      ['2025-06-10T11:09:00.500Z', null],
    ]);
    const run3 = await collector.collect(makeContext(cfg, run2.cursor));
    expect(run3.posts).toEqual([]);
    expect(JSON.parse(run3.cursor!)).toEqual({ since: fakeView(10).indexedAt, uris: [uriOf(10)] });
  });

  it('explains a rejected app password', async () => {
    server = await startFixtureServer({ [SESSION]: { status: 401, body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' } } });
    const error = await collector.collect(makeContext(config())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toContain('check "identifier" and "appPassword"');
    expect(server.requestsTo(SEARCH)).toHaveLength(0);
  });

  it('honours 429 Retry-After, retries 5xx, and gives up with RateLimitedError on a long wait', async () => {
    server = await startFixtureServer({ ...routes(), [SEARCH]: [{ status: 502 }, { status: 429, headers: { 'retry-after': '2' } }, { body: { posts: [] } }] });
    const ctx = makeContext(config());
    await collector.collect(ctx);
    expect(ctx.sleeps).toEqual([250, 2_000]);
    server.route(SESSION, { status: 429, headers: { 'retry-after': '86400', 'ratelimit-policy': '300;w=86400' } });
    await expect(collector.collect(makeContext(config()))).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('reports malformed JSON as ParseError', async () => {
    server = await startFixtureServer({ ...routes(), [SEARCH]: { body: '{"posts": [' } });
    const error = await collector.collect(makeContext(config())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(/expected Bluesky search results \(JSON\) from .*searchPosts.*instead found "\{"posts": \["/);
  });
});
