import cron, { type ScheduledTask } from 'node-cron';
import type { Collector } from '../collectors/types.js';
import type { SourceConfig } from '../config.js';
import type { RunRecord } from '../store/types.js';
import { runCollection, type CollectionDeps } from './run-collection.js';

export interface SchedulerOptions {
  timezone: string;
  /** Called after every run, e.g. to trigger alert checks. */
  onRun?: (run: RunRecord) => void | Promise<void>;
}

export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
  /** Next scheduled time per source id. */
  nextRuns(): Map<string, Date | null>;
}

/**
 * One node-cron task per enabled source, `noOverlap` so a slow run is never doubled. Each task body
 * is one `runCollection` call, the same function `koubei collect --once` uses.
 */
export function createScheduler(
  sources: SourceConfig[],
  collectors: ReadonlyMap<string, Collector<unknown>>,
  deps: CollectionDeps,
  options: SchedulerOptions,
): Scheduler {
  const tasks = new Map<string, ScheduledTask>();
  for (const source of sources.filter((s) => s.enabled)) {
    const collector = collectors.get(source.type);
    if (!collector) continue;
    const task = cron.createTask(
      source.schedule,
      async () => {
        const run = await runCollection(source, collector, deps);
        await options.onRun?.(run);
        return run;
      },
      { name: `collect:${source.id}`, timezone: options.timezone, noOverlap: true },
    );
    tasks.set(source.id, task);
  }
  return {
    start: () => tasks.forEach((task) => void task.start()),
    stop: async () => {
      await Promise.all([...tasks.values()].map((task) => task.destroy()));
    },
    nextRuns: () => new Map([...tasks].map(([id, task]) => [id, task.getNextRun()])),
  };
}
