import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import { collector } from '../../src/collectors/reddit.js';
import { readFixture, startFixtureServer, type FixtureServer, type RecordedRequest } from '../helpers/fixture-server.js';
import { makeContext } from './context.js';

const TOKEN = 'POST /api/v1/access_token';
const RATE = { 'x-ratelimit-remaining': '99.0', 'x-ratelimit-used': '1', 'x-ratelimit-reset': '296' };

/** A self post `t3_n<n>` in r/acme, made <n> minutes after the previous run's newest post (`t3_n0`). */
const fakePost = (n: number) => ({
  name: `t3_n${n}`,
  id: `n${n}`,
  title: `Acme post ${n}`,
  selftext: `about acme ${n}`,
  author: 'acme_fan',
  subreddit: 'acme',
  permalink: `/r/acme/comments/n${n}/`,
  created_utc: 1749555980 + n * 60,
});

/** Serves `posts` (newest first) the way Reddit pages a listing: `limit` at a time, `after` the last fullname. */
function pagedListing(posts: ReturnType<typeof fakePost>[], req: RecordedRequest) {
  const after = req.query.get('after');
  const start = after ? posts.findIndex((p) => p.name === after) + 1 : 0;
  const page = posts.slice(start, start + Number(req.query.get('limit')));
  const more = start + page.length < posts.length;
  return { headers: RATE, body: { kind: 'Listing', data: { after: more ? page.at(-1)!.name : null, children: page.map((data) => ({ kind: 't3', data })) } } };
}

describe('reddit collector', () => {
  let server: FixtureServer;
  afterEach(() => server?.close());

  const newListing = (req: RecordedRequest) => ({
    headers: RATE,
    body: readFixture('reddit', req.query.get('after') === 't3_1l7w2b8' ? 'new-page2.json' : 'new-page1.json'),
  });
  const routes = (extra: Record<string, unknown> = {}) => ({
    [TOKEN]: { body: readFixture('reddit', 'token.json') },
    '/r/acme/new': newListing,
    '/api/info': { headers: RATE, body: readFixture('reddit', 'info.json') },
    ...extra,
  });
  const config = (extra: Record<string, unknown> = {}) =>
    collector.configSchema.parse({
      clientId: 'abc123',
      clientSecret: 's3cret',
      userAgent: 'server:koubei-test:0.1 (by /u/koubei)',
      subreddits: ['acme'],
      authUrl: server.baseUrl,
      apiUrl: server.baseUrl,
      ...extra,
    });

  it('gets an app-only token with basic auth, then calls the API with bearer + its User-Agent', async () => {
    server = await startFixtureServer(routes());
    await collector.collect(makeContext(config()));
    const [tokenReq, listingReq] = server.requests;
    expect(tokenReq.method).toBe('POST');
    expect(tokenReq.headers.authorization).toBe(`Basic ${Buffer.from('abc123:s3cret').toString('base64')}`);
    expect(tokenReq.body).toBe('grant_type=client_credentials');
    expect(tokenReq.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(listingReq.headers.authorization).toMatch(/^Bearer eyJ.*\.app-only$/);
    expect(listingReq.headers['user-agent']).toBe('server:koubei-test:0.1 (by /u/koubei)');
    expect(Object.fromEntries(listingReq.query)).toEqual({ limit: '100', raw_json: '1' });
  });

  it('normalises posts and pages with after, skipping ones already deleted', async () => {
    server = await startFixtureServer(routes());
    const { posts, cursor, deleted } = await collector.collect(makeContext(config()));
    expect(posts.map((p) => p.externalId)).toEqual(['t3_1l7x9a3', 't3_1l7w2b8', 't3_1l7u0c1']);
    expect(posts[0]).toEqual({
      source: 'test-source',
      externalId: 't3_1l7x9a3',
      text: 'Battery is amazing & the screen is gorgeous. <3',
      title: 'Acme Phone X after one week',
      url: 'https://www.reddit.com/r/acme/comments/1l7x9a3/acme_phone_x_after_one_week/',
      author: { id: 't2_10x1l7x9a3', handle: 'happy_user' },
      createdAt: '2025-06-10T11:45:00.000Z',
      engagement: { likes: 211, replies: 48 },
    });
    expect(posts[2].text).toBe('Acme announces firmware 2.1'); // link post: title as text
    expect(server.requestsTo('/r/acme/new').map((r) => r.query.get('after'))).toEqual([null, 't3_1l7w2b8']);
    expect(JSON.parse(cursor!)).toEqual({ hw: { acme: 1749555900 }, known: ['t3_1l7x9a3', 't3_1l7w2b8', 't3_1l7u0c1'] });
    expect(deleted).toEqual([]);
  });

  it('on the next run stops at known posts and reports known posts now [removed] as deleted', async () => {
    server = await startFixtureServer(routes({ '/r/acme/new': { headers: RATE, body: readFixture('reddit', 'new-newer.json') } }));
    const previous = JSON.stringify({ hw: { acme: 1749555900 }, known: ['t3_1l7x9a3', 't3_1l7w2b8', 't3_1l7u0c1'] });
    const { posts, cursor, deleted } = await collector.collect(makeContext(config(), previous));
    expect(posts.map((p) => p.externalId)).toEqual(['t3_1l7zz01']);
    expect(server.requestsTo('/r/acme/new')).toHaveLength(1);
    // Known posts absent from the listing are re-checked in one /api/info call.
    expect(server.requestsTo('/api/info')[0].query.get('id')).toBe('t3_1l7w2b8,t3_1l7u0c1');
    expect(deleted).toEqual(['t3_1l7w2b8']);
    expect(JSON.parse(cursor!)).toEqual({ hw: { acme: 1749559000 }, known: ['t3_1l7zz01', 't3_1l7x9a3', 't3_1l7u0c1'] });
  });

  it('searches within subreddits, or across Reddit without them', async () => {
    server = await startFixtureServer(routes({ '/r/acme/search': newListing, '/search': { body: readFixture('reddit', 'new-page2.json') } }));
    await collector.collect(makeContext(config({ query: 'acme phone', maxPages: 1 })));
    expect(Object.fromEntries(server.requestsTo('/r/acme/search')[0].query)).toMatchObject({ q: 'acme phone', restrict_sr: '1', sort: 'new' });
    await collector.collect(makeContext(config({ subreddits: [], query: 'acme phone' })));
    expect(server.requestsTo('/search')[0].query.get('restrict_sr')).toBeNull();
  });

  it('stops when X-Ratelimit-Remaining reaches 0 and logs the reset', async () => {
    server = await startFixtureServer(routes({ '/r/acme/new': (req: RecordedRequest) => ({ ...newListing(req), headers: { ...RATE, 'x-ratelimit-remaining': '0.0' } }) }));
    const ctx = makeContext(config());
    const { posts } = await collector.collect(ctx);
    expect(posts).toHaveLength(2);
    expect(server.requestsTo('/r/acme/new')).toHaveLength(1);
    expect(ctx.logs[0]).toMatchObject({ level: 'warn', fields: { resetSeconds: '296', used: '1' } });
  });

  it('resumes where maxPages stopped on the next run, before newer posts, taking none twice', async () => {
    let listing = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map(fakePost);
    server = await startFixtureServer(routes({ '/r/acme/new': (req: RecordedRequest) => pagedListing(listing, req) }));
    const cfg = config({ limit: 2, maxPages: 4, recheck: 0 });
    const first = makeContext(cfg, JSON.stringify({ hw: { acme: fakePost(0).created_utc }, known: ['t3_n0'] }));
    const run1 = await collector.collect(first);
    expect(run1.posts.map((p) => p.externalId)).toEqual(['t3_n9', 't3_n8', 't3_n7', 't3_n6', 't3_n5', 't3_n4', 't3_n3', 't3_n2']);
    expect(first.logs).toContainEqual(expect.objectContaining({
      level: 'warn',
      msg: "reddit: stopped paging before reaching the last run's posts; the rest follows next run",
      fields: { listing: 'acme', taken: 8, reached: '2025-06-10T11:48:20.000Z', until: '2025-06-10T11:46:20.000Z' },
    }));

    listing = [fakePost(10), ...listing];
    const second = makeContext(cfg, run1.cursor);
    const run2 = await collector.collect(second);
    expect(run2.posts.map((p) => p.externalId)).toEqual(['t3_n10', 't3_n1']);
    expect(second.logs.filter((l) => l.level === 'warn')).toEqual([]);
    const run3 = await collector.collect(makeContext(cfg, run2.cursor));
    expect(run3.posts).toEqual([]);
  });

  it('resumes a run the rate limit stopped from where it stopped', async () => {
    const listing = [3, 2, 1, 0].map(fakePost);
    const spentOnce = [true];
    server = await startFixtureServer(routes({
      '/r/acme/new': (req: RecordedRequest) => {
        const page = pagedListing(listing, req);
        return spentOnce.shift() ? { ...page, headers: { ...RATE, 'x-ratelimit-remaining': '0.0' } } : page;
      },
    }));
    const cfg = config({ limit: 2, recheck: 0 });
    const run1 = await collector.collect(makeContext(cfg, JSON.stringify({ hw: { acme: fakePost(0).created_utc }, known: ['t3_n0'] })));
    expect(run1.posts.map((p) => p.externalId)).toEqual(['t3_n3', 't3_n2']);
    const run2 = await collector.collect(makeContext(cfg, run1.cursor));
    expect(run2.posts.map((p) => p.externalId)).toEqual(['t3_n1']);
  });

  it('warns that older posts are skipped when Reddit cannot resume the backlog', async () => {
    server = await startFixtureServer(routes({ '/r/acme/new': { headers: RATE, body: { kind: 'Listing', data: { after: null, children: [] } } } }));
    const previous = { hw: { acme: fakePost(9).created_utc }, known: [], backlog: { acme: { after: 't3_n4', until: fakePost(0).created_utc } } };
    const ctx = makeContext(config({ recheck: 0 }), JSON.stringify(previous));
    const { cursor } = await collector.collect(ctx);
    expect(ctx.logs).toContainEqual(expect.objectContaining({
      level: 'warn',
      msg: 'reddit: could not page back from where the last run stopped; older posts are skipped',
      fields: { listing: 'acme', after: 't3_n4', until: '2025-06-10T11:46:20.000Z' },
    }));
    expect(JSON.parse(cursor!).backlog).toBeUndefined();
  });

  it('explains rejected credentials and token-endpoint errors', async () => {
    server = await startFixtureServer(routes({ [TOKEN]: { status: 401, body: { message: 'Unauthorized', error: 401 } } }));
    const error = await collector.collect(makeContext(config())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/token request rejected \(401\); check "clientId" and "clientSecret"/);
    server.route(TOKEN, { body: { error: 'unsupported_grant_type' } });
    await expect(collector.collect(makeContext(config()))).rejects.toThrow(/instead found error "unsupported_grant_type"/);
  });

  it('retries 5xx and honours 429 Retry-After on listings', async () => {
    server = await startFixtureServer(routes({ '/r/acme/new': [{ status: 503 }, { status: 429, headers: { 'retry-after': '4' } }, { body: readFixture('reddit', 'new-page2.json') }] }));
    const ctx = makeContext(config());
    expect((await collector.collect(ctx)).posts).toHaveLength(1);
    expect(ctx.sleeps).toEqual([250, 4_000]);
  });

  it('reports malformed JSON and non-listing documents clearly', async () => {
    server = await startFixtureServer(routes({ '/r/acme/new': { body: '<html>Our CDN was unable to reach our servers</html>' } }));
    await expect(collector.collect(makeContext(config()))).rejects.toThrow(/expected a Reddit listing \(JSON\) from .*\/r\/acme\/new.*instead found "<html>Our CDN/);
    server.route('/r/acme/new', { body: { kind: 't3', data: {} } });
    await expect(collector.collect(makeContext(config()))).rejects.toThrow(/expected a Reddit Listing from .* at "kind"/);
  });

  it('needs subreddits or a query', () => {
    const result = collector.configSchema.safeParse({ clientId: 'a', clientSecret: 'b' });
    expect(result.error?.issues[0].message).toBe('give "subreddits", "query" or both');
    expect(collector.configSchema.safeParse({ clientId: 'a', clientSecret: 'b', subreddits: ['r/acme'] }).success).toBe(false);
  });
});
