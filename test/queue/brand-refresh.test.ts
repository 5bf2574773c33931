import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RawPost } from '../../src/domain.js';
import { createBrandRefresh } from '../../src/queue/brand-refresh.js';
import { startWorkerNode } from '../../src/queue/nodes.js';
import { analyseJobOptions } from '../../src/queue/queues.js';
import type { Runtime } from '../../src/runtime.js';
import { makeApp, makeRuntime } from '../helpers/runtime.js';
import { startServer } from '../../src/server.js';
import { deletePrefix, REDIS_URL, shouldRunQueueTests, uniquePrefix, waitFor } from './helpers.js';

const runQueueTests = await shouldRunQueueTests();

const post = (externalId: string, text: string): RawPost => ({ source: 'push', externalId, text, createdAt: '2026-01-01T09:00:00.000Z', author: { id: 'u1' } });

/** External ids of the stored mentions linked to `brandId`, or found by searching `term`. */
async function ids(runtime: Runtime, query: { brandId?: string; terms?: string[] }): Promise<string[]> {
  return (await runtime.store.listMentions({ ...query, limit: 10 })).items.map((m) => m.externalId).sort();
}

describe('brand refresh of a worker', () => {
  it('reads the store at most once per interval, lets concurrent jobs share one read, and survives a failed one', async () => {
    let clock = 0;
    let reads = 0;
    let fail = false;
    const warnings: string[] = [];
    const refresh = createBrandRefresh({
      refresh: async () => {
        reads += 1;
        await new Promise((r) => setTimeout(r, 10));
        if (fail) throw new Error('store unreachable');
        return true;
      },
      intervalMs: 1_000,
      log: { info: () => {}, warn: (message) => warnings.push(message), error: () => {} },
      now: () => clock,
    });
    await Promise.all([refresh(), refresh(), refresh()]);
    expect(reads).toBe(1);
    clock = 999;
    await refresh();
    expect(reads).toBe(1);
    clock = 1_000;
    fail = true;
    await refresh();
    expect([reads, warnings]).toEqual([2, ['brand check failed; analysing with the brands already loaded']]);
  });
});

describe.runIf(runQueueTests)('queue workers follow brand changes (Redis)', () => {
  let prefix = '';
  let cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.reverse()) await fn();
    cleanup = [];
    await deletePrefix(prefix);
  });

  it('a running worker links a post to a brand added through another process’s API after it started', async () => {
    prefix = uniquePrefix();
    const dir = mkdtempSync(join(tmpdir(), 'koubei-brand-refresh-'));
    const databasePath = join(dir, 'koubei.db');
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const workerRuntime = await makeRuntime({ databasePath, redisUrl: REDIS_URL, queuePrefix: prefix });
    cleanup.push(() => workerRuntime.close());
    const brandCheckMs = 200;
    const node = await startWorkerNode(workerRuntime, { brandCheckMs });
    cleanup.push(() => node.close());
    const analyse = async (p: RawPost) => {
      const job = analyseJobOptions({ sourceId: 'push', platform: 'push', posts: [p] });
      await node.queues.analyse.add(job.name, job.data, job.opts);
      await waitFor(async () => ((await ids(workerRuntime, {})).includes(p.externalId) ? true : undefined), 20_000, `${p.externalId} stored`);
    };
    await analyse(post('before', '茶语轩的奶茶太甜了，鲜蜂外卖送得也慢'));
    expect(await ids(workerRuntime, { brandId: 'freshbee' })).toEqual(['before']);

    // `koubei serve`: its own runtime over the same database adds the brand and re-matches stored mentions.
    const serverRuntime = await makeRuntime({ databasePath });
    cleanup.push(() => serverRuntime.close());
    const res = await makeApp(serverRuntime).request('/api/brands/chayu', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ChaYu', aliases: ['茶语轩'], competitors: [] }),
    });
    expect(res.status).toBe(200);
    await serverRuntime.rematchBrands();
    expect(await ids(workerRuntime, { brandId: 'chayu' })).toEqual(['before']);
    // The worker looks at the store at most every `brandCheckMs`; the next job after that sees the brand.
    await new Promise((r) => setTimeout(r, brandCheckMs + 50));

    await analyse(post('after', '茶语轩新出的杨枝甘露很好喝'));
    expect(await ids(workerRuntime, { brandId: 'chayu' })).toEqual(['after', 'before']);
    // Its jieba learned the name too, so the post is found by searching it, like the re-indexed one.
    expect(await ids(workerRuntime, { terms: ['茶语轩'] })).toEqual(['after', 'before']);
  }, 60_000);

  it('a serve replica matches pushes against a brand another replica added, without a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-serve-refresh-'));
    const databasePath = join(dir, 'koubei.db');
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const replica = await makeRuntime({ databasePath });
    cleanup.push(() => replica.close());
    const server = await startServer(replica, { port: 0, withScheduler: false, brandCheckMs: 100 });
    cleanup.push(() => server.close());
    const other = await makeRuntime({ databasePath });
    cleanup.push(() => other.close());
    const put = await makeApp(other).request('/api/brands/chayu', { method: 'PUT', body: JSON.stringify({ name: 'ChaYu', aliases: ['茶语轩'] }) });
    expect(put.status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    const push = await fetch(`${server.url}/api/ingest?source=crm`, { method: 'POST', body: JSON.stringify([{ id: 'r1', text: '茶语轩新出的杨枝甘露很好喝' }]) });
    expect(push.status).toBe(200);
    expect(await ids(replica, { brandId: 'chayu' })).toEqual(['r1']);
  }, 30_000);
});
