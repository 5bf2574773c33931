import { afterEach, describe, expect, it } from 'vitest';
import type { RunCoordinator } from 'node-cron';
import type { SourceConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { closeRedis, connectRedis } from '../../src/queue/connection.js';
import { createRedisCoordinator } from '../../src/queue/coordinator.js';
import { openQueues } from '../../src/queue/queues.js';
import { createQueueScheduler } from '../../src/queue/scheduler.js';
import { deletePrefix, REDIS_URL, shouldRunQueueTests, uniquePrefix } from './helpers.js';

const runQueueTests = await shouldRunQueueTests();

const EVERY_SECOND: SourceConfig[] = [
  { id: 'a', type: 'rss', schedule: '* * * * * *', enabled: true, config: {} },
  { id: 'b', type: 'rss', schedule: '* * * * * *', enabled: true, config: {} },
];

describe.runIf(runQueueTests)('distributed scheduler (Redis coordinator)', () => {
  let prefix = '';
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await deletePrefix(prefix);
  });

  /** Runs two scheduler instances side by side for `ms` and returns each one's fired slots. */
  async function runTwo(ms: number, coordinatorFor: (client: Awaited<ReturnType<typeof connectRedis>>) => RunCoordinator) {
    prefix = uniquePrefix();
    const fired: string[][] = [[], []];
    const schedulers = await Promise.all(
      fired.map(async (log) => {
        const client = await connectRedis(REDIS_URL, silentLogger);
        const queues = openQueues(client, { prefix });
        closers.push(async () => {
          await queues.close();
          await closeRedis(client);
        });
        return createQueueScheduler(EVERY_SECOND, queues, {
          timezone: 'UTC',
          coordinator: coordinatorFor(client),
          log: silentLogger,
          onFire: (task, slot) => task.startsWith('collect:') && log.push(`${task}@${slot.toISOString()}`),
        });
      }),
    );
    schedulers.forEach((s) => s.start());
    closers.push(async () => void (await Promise.all(schedulers.map((s) => s.stop()))));
    await new Promise((r) => setTimeout(r, ms));
    await Promise.all(schedulers.map((s) => s.stop()));
    return fired;
  }

  it('fires each schedule slot on exactly one of two instances', async () => {
    const fired = await runTwo(4200, (client) => createRedisCoordinator(client, prefix));
    const all = fired.flat();
    const slots = new Set(all);
    expect(all.length).toBe(slots.size); // no slot fired twice
    // A tick missed under load is allowed (it only delays a collection); a doubled one is not.
    for (const source of ['a', 'b']) expect([...slots].filter((s) => s.startsWith(`collect:${source}@`)).length).toBeGreaterThanOrEqual(2);
  }, 20_000);

  it('(control) without election both instances fire every slot', async () => {
    const fired = await runTwo(3200, () => ({ shouldRun: () => true }));
    // Edge ticks may differ (one instance starts a moment later), so look at the slots both saw.
    const both = fired[0].filter((slot) => fired[1].includes(slot));
    expect(both.length).toBeGreaterThanOrEqual(2);
  }, 20_000);

  it('enqueues a collection, not more than one per source while one is pending', async () => {
    prefix = uniquePrefix();
    const client = await connectRedis(REDIS_URL, silentLogger);
    const queues = openQueues(client, { prefix });
    closers.push(async () => {
      await queues.close();
      await closeRedis(client);
    });
    const scheduler = createQueueScheduler(EVERY_SECOND, queues, { timezone: 'UTC', coordinator: createRedisCoordinator(client, prefix), log: silentLogger });
    scheduler.start();
    await new Promise((r) => setTimeout(r, 2500));
    await scheduler.stop();
    // No worker runs here: the first job per source is still waiting, later slots fold into it.
    const jobs = await queues.collect.getJobs(['waiting']);
    expect(jobs.map((j) => j.data.sourceId).sort()).toEqual(['a', 'b']);
  }, 20_000);
});
