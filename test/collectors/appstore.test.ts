import { afterEach, describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors.js';
import { collector } from '../../src/collectors/appstore.js';
import { readFixture, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { makeContext } from './context.js';

const APP = '1459969523';
const page = (country: string, n: number) => `/${country}/rss/customerreviews/page=${n}/id=${APP}/sortby=mostrecent/json`;
const json = (name: string) => ({ headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: readFixture('appstore', name) });

describe('appstore collector', () => {
  let server: FixtureServer;
  afterEach(() => server?.close());

  const routes = () => ({
    [page('us', 1)]: json('us-page1.json'),
    [page('us', 2)]: json('us-page2.json'),
    [page('us', 3)]: json('us-page3.json'),
    [page('cn', 1)]: json('cn-page1.json'),
    [page('cn', 2)]: json('us-page3.json'),
  });
  const config = (extra: Record<string, unknown> = {}) => collector.configSchema.parse({ appId: APP, baseUrl: server.baseUrl, ...extra });

  it('normalises reviews with the rating kept in engagement and UTC dates', async () => {
    server = await startFixtureServer(routes());
    const { posts } = await collector.collect(makeContext(config()));
    expect(posts[0]).toEqual({
      source: 'test-source',
      externalId: '11873120441',
      text: 'The new sleep mode is great and sync finally works.',
      title: 'Best update yet',
      url: `https://itunes.apple.com/us/review?id=${APP}&type=Purple%20Software`,
      author: { id: '1048576001', name: 'BatteryLover22' },
      createdAt: '2025-06-10T11:12:33.000Z',
      engagement: { rating: 5 },
    });
    expect(posts.map((p) => p.engagement?.rating)).toEqual([5, 1, 3, 4]);
    expect(posts.every((p) => p.lang === undefined)).toBe(true);
  });

  it('pages until an empty page (single-object and missing "entry" handled)', async () => {
    server = await startFixtureServer(routes());
    const { posts, cursor } = await collector.collect(makeContext(config()));
    expect(posts).toHaveLength(4);
    expect(server.requests.map((r) => r.path)).toEqual([page('us', 1), page('us', 2), page('us', 3)]);
    expect(JSON.parse(cursor!)).toEqual({
      us: { since: '2025-06-10T11:12:33.000Z', ids: ['11873120441', '11872998310', '11871001234', '11869000077'] },
    });
  });

  it('reads every configured storefront', async () => {
    server = await startFixtureServer(routes());
    const { posts, cursor } = await collector.collect(makeContext(config({ countries: ['us', 'cn'], maxPages: 1 })));
    expect(posts.map((p) => p.externalId)).toEqual(['11873120441', '11872998310', '11871001234', '11873300001']);
    expect(posts[3]).toMatchObject({ text: '更新到4.2之后一天要充两次电，希望尽快修复。', createdAt: '2025-06-10T11:20:00.000Z', engagement: { rating: 2 } });
    expect(Object.keys(JSON.parse(cursor!))).toEqual(['us', 'cn']);
  });

  it('stops at the first known review on the next run', async () => {
    server = await startFixtureServer({ ...routes(), [page('us', 1)]: json('us-newer.json') });
    const previous = JSON.stringify({ us: { since: '2025-06-10T11:12:33.000Z', ids: ['11873120441', '11872998310'] } });
    const { posts, cursor } = await collector.collect(makeContext(config(), previous));
    expect(posts.map((p) => p.externalId)).toEqual(['11874000999']);
    expect(server.requests).toHaveLength(1);
    expect(JSON.parse(cursor!).us).toEqual({ since: '2025-06-10T16:00:00.000Z', ids: ['11874000999', '11873120441', '11872998310'] });
  });

  it('skips an edited known review at the top without stopping early', async () => {
    server = await startFixtureServer(routes());
    const previous = JSON.stringify({ us: { since: '2025-06-09T17:05:10.000Z', ids: ['11871001234', '11873120441'] } });
    const { posts } = await collector.collect(makeContext(config(), previous));
    expect(posts.map((p) => p.externalId)).toEqual(['11872998310']);
    expect(server.requests.map((r) => r.path)).toEqual([page('us', 1), page('us', 2)]);
  });

  it('retries 5xx, honours 429 Retry-After, and reports malformed JSON', async () => {
    server = await startFixtureServer({ ...routes(), [page('us', 1)]: [{ status: 500 }, { status: 429, headers: { 'retry-after': '10' } }, json('us-page3.json')] });
    const ctx = makeContext(config());
    expect((await collector.collect(ctx)).posts).toEqual([]);
    expect(ctx.sleeps).toEqual([250, 10_000]);

    server.route(page('us', 1), { body: '{"feed": {"entry": [ {"id": ' });
    const error = await collector.collect(makeContext(config())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(/expected App Store customer reviews \(JSON\) from .*page=1.*instead found "\{"feed"/);
  });

  it('validates appId and country codes', () => {
    const result = collector.configSchema.safeParse({ appId: 'id123', countries: ['USA'] });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['appId', 'countries.0']);
  });
});
