import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { closeRedis, connectRedis } from '../../src/queue/connection.js';
import { enqueueCollection, openQueues } from '../../src/queue/queues.js';
import { openStore } from '../../src/store/index.js';
import { BIN } from '../helpers/cli.js';
import { startFixtureServer } from '../helpers/fixture-server.js';
import { deletePrefix, REDIS_URL, RSS_HEADERS, rssFeed, shouldRunQueueTests, uniquePrefix, waitFor } from './helpers.js';

const runQueueTests = await shouldRunQueueTests();

const FAST_POSTS = 200; // the rss collector takes at most 200 entries per run (maxItems)
const SLOW_POSTS = 30;

/** Starts `koubei worker` as a child process and resolves once it is consuming. */
async function spawnWorker(dir: string, env: Record<string, string>): Promise<{ child: ChildProcess; stderr: () => string }> {
  // Short locks so the test does not wait BullMQ's default 30 s for the stalled-job check.
  const args = [BIN, 'worker', '--batch-size', '10', '--lock-duration', '2000', '--stalled-interval', '1000'];
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, CI: 'true', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  await waitFor(async () => (/koubei worker \d+:/.test(stderr) ? true : child.exitCode !== null ? Promise.reject(new Error(stderr)) : undefined), 60_000, `worker start (stderr: ${stderr})`);
  return { child, stderr: () => stderr };
}

describe.runIf(runQueueTests)('worker killed with SIGKILL mid-batch', () => {
  const children: ChildProcess[] = [];
  const prefix = uniquePrefix();
  const dir = mkdtempSync(join(tmpdir(), 'koubei-kill-'));
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await deletePrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no post and double-counts none: another worker takes over the stalled jobs', async () => {
    let slowRequests = 0;
    const server = await startFixtureServer({
      '/fast.xml': { headers: RSS_HEADERS, body: rssFeed('fast', FAST_POSTS) },
      // The first request hangs (the worker is killed while waiting); later ones answer at once.
      '/slow.xml': () => ({ headers: RSS_HEADERS, body: rssFeed('slow', SLOW_POSTS), delayMs: ++slowRequests === 1 ? 120_000 : 0 }),
    });
    const rss = (id: string) => ({ id, type: 'rss', schedule: '0 0 1 1 *', config: { url: `${server.baseUrl}/${id}.xml` } });
    writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify({ demo: false, collectOnStart: false, sources: [rss('fast'), rss('slow')] }));
    // SQLite WAL file shared by both workers (DATABASE_URL cleared so a PG test setting cannot redirect it).
    const env = { KOUBEI_DB: join(dir, 'k.db'), DATABASE_URL: '', REDIS_URL, KOUBEI_QUEUE_PREFIX: prefix };

    const client = await connectRedis(REDIS_URL, silentLogger);
    const queues = openQueues(client, { prefix });
    try {
      const first = await spawnWorker(dir, env);
      children.push(first.child);
      await enqueueCollection(queues, 'fast');
      await enqueueCollection(queues, 'slow');
      // Kill once the worker has fetched "fast" (20 batches queued), stored a few of them, has one
      // in hand, and hangs on "slow".
      await waitFor(async () => (server.requestsTo('/slow.xml').length === 1 ? true : undefined), 30_000, 'the hanging request');
      await waitFor(async () => ((await queues.analyse.getJobCounts('completed')).completed >= 3 ? true : undefined), 30_000, 'three stored batches', 5);
      const atKill = await queues.analyse.getJobCounts('waiting', 'active', 'completed');
      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.once('exit', r));
      expect(atKill.completed).toBeLessThan(FAST_POSTS / 10); // killed with analysis batches still to do
      expect(await queues.collect.getJobCounts('active')).toEqual({ active: 1 }); // "slow" is held by a dead worker

      const second = await spawnWorker(dir, env);
      children.push(second.child);
      const idle = async () => {
        const [c, a] = [await queues.collect.getJobCounts('waiting', 'active', 'delayed'), await queues.analyse.getJobCounts('waiting', 'active', 'delayed')];
        return c.waiting + c.active + c.delayed + a.waiting + a.active + a.delayed === 0 && server.requestsTo('/slow.xml').length === 2 ? true : undefined;
      };
      await waitFor(idle, 60_000, `queues drained after the kill (worker 2 stderr: ${second.stderr()})`, 250);
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));

      const store = openStore(env.KOUBEI_DB);
      try {
        const mentions = (await store.listMentions({ limit: 1000 })).items;
        const ids = new Set(mentions.map((m) => `${m.sourceId}/${m.externalId}`));
        const volume = (await store.trends({ interval: 'day', from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2026-01-02T00:00:00Z') })).reduce((s, p) => s + p.volume, 0);
        expect({ mentions: mentions.length, distinct: ids.size, volume }).toEqual({ mentions: FAST_POSTS + SLOW_POSTS, distinct: FAST_POSTS + SLOW_POSTS, volume: FAST_POSTS + SLOW_POSTS });
        expect((await store.getSource('slow'))?.lastStatus).toBe('ok');
        expect(await queues.dead.count()).toBe(0);
      } finally {
        await store.close();
      }
    } finally {
      await queues.close();
      await closeRedis(client);
      await server.close();
    }
  }, 150_000);
});
