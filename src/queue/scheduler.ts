import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Logger } from '../collectors/types.js';
import type { SourceConfig } from '../config.js';
import { enqueueAlertCheck, enqueueCollection, enqueueTags, type QueueSet } from './queues.js';

export interface QueueSchedulerOptions {
  timezone: string;
  coordinator: RunCoordinator;
  log: Logger;
  /** How long a slot's election key lives; must exceed the clock skew between instances. */
  leaseMs?: number;
  /** Alert check + outbox delivery tick (cron); catches up on checks folded into a running one. */
  alertsSchedule?: string;
  /** Daily retention purge + profile rebuild (cron). */
  maintenanceSchedule?: string;
  /** Called for every slot this instance won (tests count them). */
  onFire?: (task: string, slot: Date) => void;
}

/** The distributed scheduler of one process. */
export interface QueueScheduler {
  start(): void;
  stop(): Promise<void>;
  /** Next scheduled time per source id. */
  nextRuns(): Map<string, Date | null>;
}

/**
 * node-cron tasks with `distributed: true`: every scheduler instance ticks, the Redis coordinator
 * elects one per slot, and the winner only enqueues a job — collection runs on the workers.
 *
 * @example
 * const scheduler = createQueueScheduler(config.sources, queues, { timezone, coordinator, log });
 * scheduler.start();
 */
export function createQueueScheduler(sources: SourceConfig[], queues: QueueSet, options: QueueSchedulerOptions): QueueScheduler {
  const { log } = options;
  const tasks = new Map<string, ScheduledTask>();
  const add = (id: string, name: string, schedule: string, fire: (slot: Date) => Promise<unknown>) => {
    const task = cron.createTask(
      schedule,
      async (ctx) => {
        options.onFire?.(name, ctx.date);
        // A Redis hiccup must not kill the cron task; the next slot simply tries again.
        await fire(ctx.date).catch((err: Error) => log.error('enqueue failed', { task: name, error: err.message }));
      },
      { name, timezone: options.timezone, distributed: true, runCoordinator: options.coordinator, distributedLease: options.leaseMs ?? 30_000 },
    );
    tasks.set(id, task);
  };
  for (const source of sources.filter((s) => s.enabled)) {
    add(source.id, `collect:${source.id}`, source.schedule, (slot) => enqueueCollection(queues, source.id, slot));
  }
  // Every minute: an alert check, and a sweep of authors whose debounced tags job was missed.
  add('@alerts', 'alerts:check', options.alertsSchedule ?? '* * * * *', async () => {
    await enqueueAlertCheck(queues, 'schedule', 0);
    await queues.tags.add('pending', { kind: 'pending' }, { deduplication: { id: 'tags-pending' } });
  });
  add('@maintenance', 'profiles:maintenance', options.maintenanceSchedule ?? '17 3 * * *', (slot) =>
    enqueueTags(queues, { kind: 'maintenance' }, `m-${slot.getTime()}`),
  );
  return {
    start: () => tasks.forEach((task) => void task.start()),
    stop: async () => {
      await Promise.all([...tasks.values()].map((task) => task.destroy()));
    },
    nextRuns: () => new Map([...tasks].filter(([id]) => !id.startsWith('@')).map(([id, task]) => [id, task.getNextRun()])),
  };
}
