import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Collector } from '../../src/collectors/types.js';
import type { SourceConfig } from '../../src/config.js';
import type { RawPost } from '../../src/domain.js';
import { listDeadLetters } from '../../src/queue/dead-letter.js';
import { analyseJobOptions, enqueueCollection, pendingAuthorsKey } from '../../src/queue/queues.js';
import { startWorkerNode } from '../../src/queue/nodes.js';
import type { Runtime } from '../../src/runtime.js';
import { makeRuntime } from '../helpers/runtime.js';
import { deletePrefix, REDIS_URL, shouldRunQueueTests, uniquePrefix, waitFor } from './helpers.js';

const runQueueTests = await shouldRunQueueTests();

const DAY = { interval: 'day' as const, from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2026-01-02T00:00:00Z') };
const posts = (sourceId: string, n: number): RawPost[] =>
  Array.from({ length: n }, (_, i) => ({ source: sourceId, externalId: `${sourceId}-${i}`, text: `FreshBee order ${i * 31} arrived cold and late, refund please`, createdAt: '2026-01-01T09:00:00.000Z', author: { id: `u${i % 5}` } }));
const source = (id: string, type: string): SourceConfig => ({ id, type, schedule: '0 0 1 1 *', enabled: true, config: {} });
const collectorOf = (type: string, collect: Collector['collect']): Collector<unknown> => ({ type, name: type, configSchema: z.unknown(), defaultSchedule: '* * * * *', requiresConfig: [], collect });

async function storedCounts(runtime: Runtime) {
  const mentions = (await runtime.store.listMentions({ limit: 1000 })).items.length;
  const volume = (await runtime.store.trends(DAY)).reduce((sum, p) => sum + p.volume, 0);
  return { mentions, volume };
}

describe.runIf(runQueueTests)('queue workers (Redis)', () => {
  let prefix = '';
  let cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.reverse()) await fn();
    cleanup = [];
    await deletePrefix(prefix);
  });

  async function start(collectors: Collector<unknown>[], retry = { attempts: 3, backoffMs: 100 }) {
    prefix = uniquePrefix();
    const runtime = await makeRuntime({ sources: collectors.map((c) => source(c.type, c.type)), redisUrl: REDIS_URL, queuePrefix: prefix });
    const node = await startWorkerNode(runtime, { collectors: new Map(collectors.map((c) => [c.type, c])), retry: { collect: retry }, batchSize: 10 });
    cleanup.push(() => runtime.close(), () => node.close());
    return { runtime, node };
  }

  it('retries a failing collection with exponential backoff, then stores its posts once', async () => {
    const calls: number[] = [];
    const flaky = collectorOf('flaky', async (ctx) => {
      calls.push(Date.now());
      if (calls.length < 3) throw new Error(`upstream answered 503 (call ${calls.length})`);
      return { posts: posts(ctx.sourceId, 12), cursor: 'c1' };
    });
    const { runtime, node } = await start([flaky]);
    await enqueueCollection(node.queues, 'flaky');
    await waitFor(async () => ((await storedCounts(runtime)).mentions === 12 ? true : undefined), 20_000, '12 stored mentions');
    expect(calls).toHaveLength(3);
    const [gap1, gap2] = [calls[1] - calls[0], calls[2] - calls[1]];
    expect(gap1).toBeGreaterThanOrEqual(100);
    expect(gap2).toBeGreaterThanOrEqual(200); // exponential: the second wait doubles
    expect(await storedCounts(runtime)).toEqual({ mentions: 12, volume: 12 });
    // Only the outcome is a run: retried failures do not count toward the unhealthy streak.
    expect((await runtime.store.listRuns('flaky', 10)).map((r) => r.status)).toEqual(['ok']);
    expect(await runtime.store.getSource('flaky')).toMatchObject({ cursor: 'c1', consecutiveFailures: 0 });
    expect(await listDeadLetters(node.queues.dead)).toEqual([]);
    // The authors of the stored batch get profiles from one debounced tags job.
    await waitFor(async () => ((await node.queues.tags.getJobCounts('completed')).completed >= 1 ? true : undefined), 20_000, 'the tags job');
    expect(await node.client.sCard(pendingAuthorsKey(prefix))).toBe(0);
    expect(await runtime.profiles.getProfile('flaky:u1')).toBeTruthy();
  }, 40_000);

  it('moves a job that exhausts its attempts to the dead-letter queue with its error', async () => {
    const broken = collectorOf('broken', async () => {
      throw new Error('upstream answered 503 three times');
    });
    const { runtime, node } = await start([broken], { attempts: 2, backoffMs: 50 });
    await enqueueCollection(node.queues, 'broken');
    const dead = await waitFor(async () => ((await listDeadLetters(node.queues.dead)).at(0)), 20_000, 'a dead letter');
    expect(dead).toMatchObject({ queue: 'collect', data: { sourceId: 'broken' }, error: 'upstream answered 503 three times', attempts: 2 });
    expect((await runtime.store.listRuns('broken', 10)).map((r) => [r.status, r.error])).toEqual([['error', 'upstream answered 503 three times']]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await listDeadLetters(node.queues.dead)).toHaveLength(1);
  }, 40_000);

  it('records a collection that skipped rows and imported none as a failed run at once (no retries), keeping the cursor', async () => {
    const skipped = Array.from({ length: 30 }, (_, i) => ({ line: i + 1, reason: 'not valid UTF-8' }));
    let reads = 0;
    const unreadable = collectorOf('unreadable', async () => {
      reads += 1;
      return { posts: [], cursor: 'moved-on', skipped };
    });
    const { runtime, node } = await start([unreadable], { attempts: 3, backoffMs: 50 });
    await enqueueCollection(node.queues, 'unreadable');
    const [run] = await waitFor(async () => {
      const runs = await runtime.store.listRuns('unreadable', 10);
      return runs.length ? runs : undefined;
    }, 20_000, 'a recorded run');
    expect(run).toMatchObject({ status: 'error', skipped: 30, error: 'nothing imported: all 30 rows were skipped; the first (line 1): not valid UTF-8' });
    expect((await runtime.store.getSource('unreadable'))?.cursor).toBeNull();
    await waitFor(async () => ((await listDeadLetters(node.queues.dead)).at(0)), 20_000, 'a dead letter');
    expect(reads).toBe(1);
  }, 40_000);

  it('stores a re-collected or re-delivered batch once (same job ids; upsert by source + external id)', async () => {
    const same = collectorOf('same', async (ctx) => ({ posts: posts(ctx.sourceId, 25), cursor: null }));
    const { runtime, node } = await start([same]);
    for (let round = 1; round <= 2; round++) {
      await enqueueCollection(node.queues, 'same');
      await waitFor(async () => ((await node.queues.collect.getJobCounts('completed')).completed === round ? true : undefined), 20_000, `collection ${round}`);
      await waitFor(async () => {
        const c = await node.queues.analyse.getJobCounts('waiting', 'active', 'delayed');
        return c.waiting + c.active + c.delayed === 0 ? true : undefined;
      }, 20_000, 'analysis drained');
    }
    // The second collection produced the same three batches: their ids were already taken.
    expect((await node.queues.analyse.getJobCounts('completed')).completed).toBe(3);
    // A batch delivered again under another id (e.g. after its completed job was cleaned up).
    const again = analyseJobOptions({ sourceId: 'same', platform: 'same', posts: posts('same', 25).slice(0, 10) });
    await node.queues.analyse.add(again.name, again.data, { jobId: 'redelivered-batch' });
    await waitFor(async () => ((await node.queues.analyse.getJobCounts('completed')).completed === 4 ? true : undefined), 20_000, 'redelivered batch');
    expect(await storedCounts(runtime)).toEqual({ mentions: 25, volume: 25 });
  }, 40_000);
});
