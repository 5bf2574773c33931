import { afterEach, describe, expect, it } from 'vitest';
import { ParseError, RateLimitedError, UpstreamError } from '../../src/errors.js';
import { collector } from '../../src/collectors/youtube.js';
import { msUntilPacificMidnight } from '../../src/collectors/youtube-api.js';
import { readFixture, startFixtureServer, type FixtureServer, type RecordedRequest } from '../helpers/fixture-server.js';
import { makeContext } from './context.js';

const PATH = '/youtube/v3/commentThreads';
const KEY = 'AIzaSyTESTKEY000000000000000000000000';

describe('youtube collector', () => {
  let server: FixtureServer;
  afterEach(() => server?.close());

  const threads = (req: RecordedRequest) => ({
    body: readFixture('youtube', req.query.get('pageToken') === 'QURTSl9pMlg0Y2VGNk1HNmJ3' ? 'threads-page2.json' : 'threads-page1.json'),
  });
  const config = (extra: Record<string, unknown> = {}) =>
    collector.configSchema.parse({ apiKey: KEY, videoId: 'aBcDeFgHiJk', baseUrl: server.baseUrl, ...extra });

  it('normalises comments, preferring textOriginal over textDisplay HTML', async () => {
    server = await startFixtureServer({ [PATH]: threads });
    const { posts } = await collector.collect(makeContext(config()));
    expect(posts[0]).toEqual({
      source: 'test-source',
      externalId: 'UgzGv3mQm1a2b3c4d5e6AaABAg',
      text: 'This Acme phone is *so* good!\nBattery lasts 2 days & more.',
      url: 'https://www.youtube.com/watch?v=aBcDeFgHiJk&lc=UgzGv3mQm1a2b3c4d5e6AaABAg',
      author: { id: 'UCa1b2c3d4e5f6g7h8i9j0kL', handle: '@techreviewer', name: '@techreviewer' },
      createdAt: '2025-06-10T11:45:00.000Z',
      engagement: { likes: 120, replies: 14 },
    });
    expect(posts[1].text).toBe('客服太慢了，等了一周 😠'); // textDisplay HTML → text
    expect(posts.every((p) => p.lang === undefined)).toBe(true);
  });

  it('asks commentThreads.list newest first and pages with pageToken, counting quota units', async () => {
    server = await startFixtureServer({ [PATH]: threads });
    const ctx = makeContext(config());
    const { posts, cursor } = await collector.collect(ctx);
    expect(posts).toHaveLength(3);
    expect(Object.fromEntries(server.requests[0].query)).toEqual({ part: 'snippet', videoId: 'aBcDeFgHiJk', maxResults: '100', order: 'time', key: KEY });
    expect(server.requests[1].query.get('pageToken')).toBe('QURTSl9pMlg0Y2VGNk1HNmJ3');
    expect(ctx.logs).toContainEqual(expect.objectContaining({ msg: 'youtube quota used', fields: { units: 2 } }));
    expect(JSON.parse(cursor!)).toEqual({ since: '2025-06-10T11:45:00.000Z', ids: ['UgzGv3mQm1a2b3c4d5e6AaABAg'] });
  });

  it('uses allThreadsRelatedToChannelId for a channel and stops at the quota budget', async () => {
    server = await startFixtureServer({ [PATH]: threads });
    const ctx = makeContext(config({ videoId: undefined, channelId: 'UCx0L2ZdYfiZ5QWu1lbNd9Yw', quotaBudget: 1 }));
    const { posts } = await collector.collect(ctx);
    expect(posts).toHaveLength(2);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].query.get('allThreadsRelatedToChannelId')).toBe('UCx0L2ZdYfiZ5QWu1lbNd9Yw');
    expect(ctx.logs[0]).toMatchObject({ level: 'warn', fields: { units: 1, budget: 1 } });
  });

  it('stops at the high-water mark on the next run', async () => {
    server = await startFixtureServer({ [PATH]: { body: readFixture('youtube', 'threads-newer.json') } });
    const previous = JSON.stringify({ since: '2025-06-10T11:45:00.000Z', ids: ['UgzGv3mQm1a2b3c4d5e6AaABAg'] });
    const { posts, cursor } = await collector.collect(makeContext(config(), previous));
    expect(posts.map((p) => p.externalId)).toEqual(['UgyN3w4n5e6w7e8r9AaABAg00']);
    expect(server.requests).toHaveLength(1);
    expect(JSON.parse(cursor!).since).toBe('2025-06-10T12:30:00.000Z');
  });

  it('turns quotaExceeded into RateLimitedError until Pacific midnight, without leaking the key', async () => {
    server = await startFixtureServer({ [PATH]: { status: 403, body: readFixture('youtube', 'quota-exceeded.json') } });
    const error = await collector.collect(makeContext(config())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    // The test clock is 12:00 UTC = 05:00 PDT, so the reset is 19 h away.
    expect((error as RateLimitedError).retryAfterMs).toBe(19 * 3_600_000);
    expect(msUntilPacificMidnight(new Date('2025-01-10T20:00:00Z'))).toBe(12 * 3_600_000); // 12:00 PST
  });

  it('names the API reason for other errors (comments disabled) and masks the key', async () => {
    server = await startFixtureServer({ [PATH]: { status: 403, body: readFixture('youtube', 'comments-disabled.json') } });
    const error = await collector.collect(makeContext(config())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/403 commentsDisabled/);
    expect((error as Error).message).toContain('key=***');
    expect((error as Error).message).not.toContain(KEY);
  });

  it('retries 5xx, honours 429 Retry-After, and reports malformed JSON', async () => {
    server = await startFixtureServer({ [PATH]: [{ status: 503 }, { status: 429, headers: { 'retry-after': '3' } }, { body: readFixture('youtube', 'threads-page2.json') }] });
    const ctx = makeContext(config());
    expect((await collector.collect(ctx)).posts).toHaveLength(1);
    expect(ctx.sleeps).toEqual([250, 3_000]);

    server.route(PATH, { body: '{"kind": "youtube#commentThreadListResponse", "items": [' });
    const error = await collector.collect(makeContext(config())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(/expected YouTube commentThreads \(JSON\) from .*key=\*\*\*.*instead found "\{"kind"/);
  });

  it('requires exactly one of videoId / channelId', () => {
    const both = collector.configSchema.safeParse({ apiKey: 'k', videoId: 'aBcDeFgHiJk', channelId: 'UCx0L2ZdYfiZ5QWu1lbNd9Yw' });
    expect(both.error?.issues[0].message).toBe('give exactly one of "videoId" or "channelId"');
    expect(collector.configSchema.safeParse({ apiKey: 'k' }).success).toBe(false);
  });
});
