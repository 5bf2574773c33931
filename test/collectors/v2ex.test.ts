import { afterEach, describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors.js';
import { collector } from '../../src/collectors/v2ex.js';
import { readFixture, startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { makeContext } from './context.js';

const RATE = { 'x-rate-limit-limit': '120', 'x-rate-limit-remaining': '100', 'x-rate-limit-reset': '1749560400' };
const fx = (name: string) => ({ headers: RATE, body: readFixture('v2ex', name) });

describe('v2ex collector', () => {
  let server: FixtureServer;
  afterEach(() => server?.close());

  const config = (extra: Record<string, unknown> = {}) => collector.configSchema.parse({ nodes: ['apple'], baseUrl: server.baseUrl, ...extra });

  describe('public v1 endpoints (no token)', () => {
    const v1Routes = (later = false) => ({
      '/api/topics/show.json': fx(later ? 'v1-topics-apple-later.json' : 'v1-topics-apple.json'),
      '/api/replies/show.json': fx(later ? 'v1-replies-1001002-later.json' : 'v1-replies-1001002.json'),
    });

    it('normalises topics and replies of the node', async () => {
      server = await startFixtureServer(v1Routes());
      const { posts } = await collector.collect(makeContext(config()));
      expect(posts.map((p) => p.externalId)).toEqual(['topic:1001002', 'reply:9000001', 'reply:9000002', 'topic:1001001']);
      expect(posts[0]).toEqual({
        source: 'test-source',
        externalId: 'topic:1001002',
        title: 'Acme 手机续航怎么样？',
        text: '准备入手，想问问大家续航\n谢谢',
        url: `${server.baseUrl}/t/1001002`,
        author: { id: '501', handle: 'acmefan' },
        createdAt: '2025-06-10T10:06:40.000Z',
        engagement: { replies: 2 },
      });
      expect(posts[1]).toMatchObject({ text: '续航很好，一天没问题', url: `${server.baseUrl}/t/1001002#r_9000001`, author: { handle: 'grumpy' } });
      expect(posts[3].text).toBe('维修等了一个月 & 没人回复');
      expect(server.requestsTo('/api/topics/show.json')[0].query.get('node_name')).toBe('apple');
      expect(server.requestsTo('/api/replies/show.json').map((r) => r.query.get('topic_id'))).toEqual(['1001002']);
    });

    it('on the next run emits only new topics and new replies', async () => {
      server = await startFixtureServer(v1Routes());
      const first = await collector.collect(makeContext(config()));
      expect(JSON.parse(first.cursor!)).toEqual({ topics: { apple: 1001002 }, threads: { '1001002': { n: 2, r: 9000002 } }, perPage: 20 });
      server.route('/api/topics/show.json', fx('v1-topics-apple-later.json'));
      server.route('/api/replies/show.json', fx('v1-replies-1001002-later.json'));
      const second = await collector.collect(makeContext(config(), first.cursor));
      expect(second.posts.map((p) => p.externalId)).toEqual(['topic:1001003', 'reply:9000010']);
    });

    it('stops at the per-run request budget and resumes the cut thread next time', async () => {
      server = await startFixtureServer(v1Routes());
      const ctx = makeContext(config({ maxRequests: 1 }));
      const { posts, cursor } = await collector.collect(ctx);
      expect(posts.map((p) => p.externalId)).toEqual(['topic:1001002', 'topic:1001001']);
      expect(JSON.parse(cursor!).threads).toEqual({});
      expect(ctx.logs[0]).toMatchObject({ level: 'warn' });
    });

    it('stops when X-Rate-Limit-Remaining is nearly spent', async () => {
      server = await startFixtureServer({ ...v1Routes(), '/api/topics/show.json': { ...fx('v1-topics-apple.json'), headers: { ...RATE, 'x-rate-limit-remaining': '1' } } });
      await collector.collect(makeContext(config()));
      expect(server.requestsTo('/api/replies/show.json')).toHaveLength(0);
    });
  });

  describe('API 2.0 (token)', () => {
    const v2Routes = () => ({
      '/api/v2/nodes/apple/topics': fx('v2-node-topics.json'),
      '/api/v2/topics/1001002': fx('v2-topic-1001002.json'),
      '/api/v2/topics/1001002/replies': (req: { query: URLSearchParams }) => fx(req.query.get('p') === '2' ? 'v2-replies-p2.json' : 'v2-replies-p1.json'),
    });

    it('sends the bearer token, fetches the author from the topic detail and pages replies', async () => {
      server = await startFixtureServer(v2Routes());
      const { posts, cursor } = await collector.collect(makeContext(config({ token: 'v2ex-token-abc' })));
      expect(server.requests.every((r) => r.headers.authorization === 'Bearer v2ex-token-abc')).toBe(true);
      expect(posts[0]).toMatchObject({ externalId: 'topic:1001002', author: { id: '501', handle: 'acmefan' }, text: '准备入手，想问问大家续航' });
      expect(posts).toHaveLength(26);
      expect(server.requestsTo('/api/v2/topics/1001002/replies').map((r) => r.query.get('p'))).toEqual(['1', '2']);
      expect(JSON.parse(cursor!).threads).toEqual({ '1001002': { n: 25, r: 9100025 } });
    });

    it('starts at the page holding the first unseen reply', async () => {
      server = await startFixtureServer(v2Routes());
      const previous = JSON.stringify({ topics: { apple: 1001002 }, threads: { '1001002': { n: 22, r: 9100022 } }, perPage: 20 });
      const { posts } = await collector.collect(makeContext(config({ token: 't' }), previous));
      expect(posts.map((p) => p.externalId)).toEqual(['reply:9100023', 'reply:9100024', 'reply:9100025']);
      expect(server.requestsTo('/api/v2/topics/1001002/replies').map((r) => r.query.get('p'))).toEqual(['2']);
      expect(server.requestsTo('/api/v2/topics/1001002')).toHaveLength(0);
    });

    it('reports success:false and malformed JSON as ParseError, and retries 5xx / 429', async () => {
      server = await startFixtureServer({ ...v2Routes(), '/api/v2/nodes/apple/topics': fx('v2-unauthorized.json') });
      await expect(collector.collect(makeContext(config({ token: 't' })))).rejects.toThrow(/V2EX node topics .*"success".*V2EX answered success: false/);
      server.route('/api/v2/nodes/apple/topics', { body: '{"success": true, "result": [' });
      await expect(collector.collect(makeContext(config({ token: 't' })))).rejects.toBeInstanceOf(ParseError);
      server.route('/api/v2/nodes/apple/topics', [{ status: 502 }, { status: 429, headers: { 'retry-after': '7' } }, fx('v2-node-topics.json')]);
      const ctx = makeContext(config({ token: 't', includeReplies: false }));
      expect((await collector.collect(ctx)).posts).toHaveLength(1);
      expect(ctx.sleeps).toEqual([250, 7_000]);
    });
  });

  it('needs at least one node', () => {
    expect(collector.configSchema.safeParse({ nodes: [] }).error?.issues[0].message).toBe('needs at least one node name, e.g. ["apple"]');
  });
});
