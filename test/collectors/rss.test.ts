import { afterEach, describe, expect, it } from 'vitest';
import { ParseError, RateLimitedError } from '../../src/errors.js';
import { collector } from '../../src/collectors/rss.js';
import { readFixture, readFixtureBytes, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { makeContext } from './context.js';

const RSS_HEADERS = {
  'content-type': 'application/rss+xml; charset=utf-8',
  etag: 'W/"feed-v1"',
  'last-modified': 'Tue, 10 Jun 2025 09:30:00 GMT',
};

describe('rss collector', () => {
  let server: FixtureServer;
  afterEach(() => server?.close());

  const config = (extra: Record<string, unknown> = {}) =>
    collector.configSchema.parse({ url: `${server.baseUrl}/feed.xml`, ...extra });

  it('parses RSS 2.0 into normalised posts (HTML → text, UTC dates, authors)', async () => {
    server = await startFixtureServer({ '/feed.xml': { headers: RSS_HEADERS, body: readFixture('rss', 'rss2.xml') } });
    const { posts } = await collector.collect(makeContext(config()));
    expect(posts).toHaveLength(3);
    expect(posts[0]).toEqual({
      source: 'test-source',
      externalId: 'https://blog.acme.example/?p=1042',
      title: 'Acme Phone X review: battery “lasts forever”',
      text: 'The Acme Phone X battery is great…\n\nBut the camera app crashes daily.',
      url: 'https://blog.acme.example/2025/06/phone-x-review/',
      author: { id: 'Jane Doe', name: 'Jane Doe' },
      createdAt: '2025-06-10T09:00:00.000Z',
    });
    expect(posts[1]).toMatchObject({ text: '等了三天都没有回复 & 退款也没到账。', createdAt: '2025-06-10T04:30:00.000Z' });
    expect(posts[2].externalId).toBe('https://blog.acme.example/2025/06/roundup/');
    expect(posts.every((p) => p.lang === undefined)).toBe(true);
  });

  it('parses Atom, including escaped HTML and inline XHTML content', async () => {
    server = await startFixtureServer({ '/feed.xml': { body: readFixture('rss', 'atom.xml') } });
    const { posts } = await collector.collect(makeContext(config()));
    expect(posts.map((p) => [p.externalId, p.title, p.text, p.url, p.createdAt, p.author?.name])).toEqual([
      [
        'tag:forum.acme.example,2025:topic-881',
        'Firmware 2.1 bricked my Acme Watch',
        "After updating to 2.1 the watch won't boot.\n\nAnyone else?",
        'https://forum.acme.example/t/firmware-2-1/881',
        '2025-06-10T08:00:00.000Z',
        'wrist_owner',
      ],
      [
        'tag:forum.acme.example,2025:topic-882',
        'Love the new sleep tracking',
        'Sleep tracking is spot on.',
        'https://forum.acme.example/t/sleep-tracking/882',
        '2025-06-10T08:00:00.000Z',
        'night_owl',
      ],
    ]);
  });

  it('decodes GB2312 feeds from the XML declaration or the Content-Type charset', async () => {
    const bytes = readFixtureBytes('rss', 'gb2312.xml');
    server = await startFixtureServer({
      '/feed.xml': { headers: { 'content-type': 'text/xml' }, body: bytes },
      '/labelled': { headers: { 'content-type': 'application/rss+xml; charset=GBK' }, body: bytes },
    });
    for (const path of ['/feed.xml', '/labelled']) {
      const { posts } = await collector.collect(makeContext(config({ url: `${server.baseUrl}${path}` })));
      expect(posts[0]).toMatchObject({
        title: 'Acme 手机发热严重怎么办',
        text: '玩游戏十分钟就很烫，\n客服说是正常现象。',
        author: { name: '机友小张' },
        createdAt: '2025-06-10T10:20:00.000Z',
      });
    }
  });

  it('uses conditional GET: a 304 yields no posts and keeps the cursor', async () => {
    server = await startFixtureServer({
      '/feed.xml': (req) =>
        req.headers['if-none-match'] === 'W/"feed-v1"' ? { status: 304 } : { headers: RSS_HEADERS, body: readFixture('rss', 'rss2.xml') },
    });
    const first = await collector.collect(makeContext(config()));
    const second = await collector.collect(makeContext(config(), first.cursor));
    expect(second).toEqual({ posts: [], cursor: first.cursor });
    expect(server.requests[1].headers['if-modified-since']).toBe('Tue, 10 Jun 2025 09:30:00 GMT');
  });

  it('emits only entries not seen before when the feed changes', async () => {
    const v1 = readFixture('rss', 'rss2.xml');
    const newItem = `<item><title>Acme Phone X firmware fixes camera</title><link>https://blog.acme.example/fix/</link>
      <guid>https://blog.acme.example/?p=1050</guid><pubDate>Wed, 11 Jun 2025 08:00:00 +0000</pubDate>
      <description>Camera no longer crashes.</description></item>`;
    const v2 = v1.replace('<item>', `${newItem}<item>`);
    server = await startFixtureServer({ '/feed.xml': [{ body: v1 }, { body: v2 }] });
    const first = await collector.collect(makeContext(config()));
    const second = await collector.collect(makeContext(config(), first.cursor));
    expect(second.posts.map((p) => p.externalId)).toEqual(['https://blog.acme.example/?p=1050']);
    expect(JSON.parse(second.cursor!).seen).toHaveLength(4);
  });

  it('filters by keywords (case-insensitive, title or text) without re-checking misses', async () => {
    server = await startFixtureServer({ '/feed.xml': { body: readFixture('rss', 'rss2.xml') } });
    const { posts, cursor } = await collector.collect(makeContext(config({ keywords: ['CAMERA', '退款'] })));
    expect(posts.map((p) => p.externalId)).toEqual(['https://blog.acme.example/?p=1042', 'https://blog.acme.example/2025/06/letters/']);
    expect(JSON.parse(cursor!).seen).toContain('https://blog.acme.example/2025/06/roundup/');
  });

  it('gives a ParseError with the line for malformed XML, and names an HTML page', async () => {
    server = await startFixtureServer({
      '/feed.xml': { body: readFixture('rss', 'malformed.xml') },
      '/page': { headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><body>Login</body></html>' },
      '/empty': { body: '  \n' },
    });
    const error = await collector.collect(makeContext(config())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ line: 8 });
    expect((error as Error).message).toMatch(/expected well-formed RSS\/Atom XML from .*feed\.xml, instead found an error at line 8/);
    const html = collector.collect(makeContext(config({ url: `${server.baseUrl}/page` })));
    await expect(html).rejects.toThrow(/instead found an HTML page: "<!DOCTYPE html><html><body>Login/);
    const empty = collector.collect(makeContext(config({ url: `${server.baseUrl}/empty` })));
    await expect(empty).rejects.toThrow(/from .*\/empty, instead found an empty body$/);
  });

  it('retries a 5xx and honours 429 Retry-After', async () => {
    server = await startFixtureServer({
      '/feed.xml': [{ status: 503 }, { status: 429, headers: { 'retry-after': '2' } }, { body: readFixture('rss', 'rss2.xml') }],
    });
    const ctx = makeContext(config());
    expect((await collector.collect(ctx)).posts).toHaveLength(3);
    expect(ctx.sleeps).toEqual([250, 2_000]);
  });

  it('reports a long Retry-After as RateLimitedError', async () => {
    server = await startFixtureServer({ '/feed.xml': { status: 429, headers: { 'retry-after': '900' } } });
    await expect(collector.collect(makeContext(config()))).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('restarts cleanly from a corrupt cursor', async () => {
    server = await startFixtureServer({ '/feed.xml': { body: readFixture('rss', 'rss2.xml') } });
    const ctx = makeContext(config(), 'not json');
    expect((await collector.collect(ctx)).posts).toHaveLength(3);
    expect(ctx.logs[0]).toMatchObject({ level: 'warn' });
  });

  it('validates config with messages naming the field', () => {
    const bad = collector.configSchema.safeParse({ url: 'not a url', extra: 1 });
    expect(bad.success).toBe(false);
    const text = JSON.stringify(bad.error?.issues);
    expect(text).toContain('"url"');
    expect(text).toContain('extra');
  });
});
