/**
 * Composition for the queue process layout: builds a worker or scheduler node from a `Runtime`
 * (the same store, pipeline and collectors `koubei start` uses) and a Redis connection.
 */
import type { Collector } from '../collectors/types.js';
import { createAlertService } from '../alerts/service.js';
import { syncConfigSettings } from '../alerts/rule-settings.js';
import { ConfigError } from '../errors.js';
import { COLLECTORS, type Runtime } from '../runtime.js';
import { processAnalyseJob } from './analyse-job.js';
import { BRAND_CHECK_MS, createBrandRefresh } from './brand-refresh.js';
import { processCollectJob } from './collect-job.js';
import { closeRedis, connectRedis, type RedisClient } from './connection.js';
import { createRedisCoordinator } from './coordinator.js';
import { processAlertsJob, processTagsJob } from './follow-up-jobs.js';
import type { RetryPolicy, WorkQueueName } from './jobs.js';
import { enqueueCollection, openQueues, pendingAuthorsKey, type QueueSet } from './queues.js';
import { createQueueScheduler, type QueueScheduler, type QueueSchedulerOptions } from './scheduler.js';
import { startWorkers, type WorkerPool } from './workers.js';

/** Redis connection and queues of a node; `close` releases both. */
export interface QueueNode {
  client: RedisClient;
  queues: QueueSet;
  close(): Promise<void>;
}

/** Opens the queues of the configured Redis; a missing `REDIS_URL` is a config error naming the command. */
export async function openQueueNode(runtime: Runtime, what: string, retry?: Partial<Record<WorkQueueName, RetryPolicy>>): Promise<QueueNode> {
  const { redisUrl, queuePrefix } = runtime.config;
  if (!redisUrl) throw new ConfigError(`REDIS_URL: required for ${what} (e.g. redis://127.0.0.1:6379); \`koubei start\` runs everything in one process without Redis`);
  const client = await connectRedis(redisUrl, runtime.log);
  const queues = openQueues(client, { prefix: queuePrefix ?? 'koubei', retry, log: runtime.log });
  return {
    client,
    queues,
    close: async () => {
      await queues.close();
      await closeRedis(client);
    },
  };
}

export interface WorkerNodeOptions {
  concurrency?: number;
  /** Posts per analysis job (default 100). */
  batchSize?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** How often analysis jobs look for brand changes in the store (default 5 s). */
  brandCheckMs?: number;
  retry?: Partial<Record<WorkQueueName, RetryPolicy>>;
  /** Source types; tests add their own. */
  collectors?: ReadonlyMap<string, Collector<unknown>>;
}

/**
 * A worker process: consumes collection, analysis, tag and alert jobs. Analysis follows brand changes
 * made by other processes within `brandCheckMs`.
 *
 * @example
 * const node = await startWorkerNode(runtime, { concurrency: 2 });
 * process.once('SIGTERM', () => node.close());
 */
export async function startWorkerNode(runtime: Runtime, options: WorkerNodeOptions = {}): Promise<QueueNode & { pool: WorkerPool }> {
  const node = await openQueueNode(runtime, '`koubei worker`', options.retry);
  const { config, store, log, collection } = runtime;
  const alerts = createAlertService({ config, store, log });
  await syncConfigSettings(store, alerts.alerts, Date.now());
  const maintenance = async () => {
    if (config.retentionDays) log.info('retention purge', { retentionDays: config.retentionDays, ...(await runtime.profiles.purge(config.retentionDays)) });
    log.info('profiles rebuilt', { ...(await runtime.profiles.rebuild()) });
  };
  const pendingKey = pendingAuthorsKey(node.queues.prefix);
  const pending = {
    take: (count: number) => node.client.sRandMemberCount(pendingKey, count),
    done: async (members: string[]) => void (await node.client.sRem(pendingKey, members)),
  };
  const refreshBrands = createBrandRefresh({ refresh: runtime.refreshBrands, intervalMs: options.brandCheckMs ?? BRAND_CHECK_MS, log });
  const deps = { sources: config.sources, collectors: options.collectors ?? COLLECTORS, collection, queues: node.queues, batchSize: options.batchSize ?? 100 };
  const pool = startWorkers(
    node.client,
    node.queues,
    {
      collect: (job) => processCollectJob(job, deps),
      analyse: (job) => processAnalyseJob(job, { ingest: collection, queues: node.queues, refreshBrands }),
      tags: (job) => processTagsJob(job, { store, updateProfiles: (ids) => runtime.profiles.updateProfiles(ids), maintenance, pending }),
      alerts: (job) => processAlertsJob(job, { check: alerts.check, deliver: alerts.deliver, log }),
    },
    { concurrency: options.concurrency, lockDurationMs: options.lockDurationMs, stalledIntervalMs: options.stalledIntervalMs, log },
  );
  return {
    ...node,
    pool,
    close: async () => {
      await pool.close();
      await node.close();
    },
  };
}

/**
 * A scheduler process: fires each source's schedule on exactly one instance and enqueues the
 * collection. With `collectOnStart`, each source is enqueued once at start (deduplicated, so
 * several schedulers starting together still add one job per source).
 */
export async function startSchedulerNode(
  runtime: Runtime,
  options: Partial<Omit<QueueSchedulerOptions, 'coordinator' | 'log'>> = {},
): Promise<QueueNode & { scheduler: QueueScheduler }> {
  const node = await openQueueNode(runtime, '`koubei scheduler`');
  const { config, log } = runtime;
  const coordinator = createRedisCoordinator(node.client, node.queues.prefix);
  const scheduler = createQueueScheduler(config.sources, node.queues, { timezone: config.timezone, ...options, coordinator, log });
  if (config.collectOnStart) for (const source of config.sources.filter((s) => s.enabled)) await enqueueCollection(node.queues, source.id);
  scheduler.start();
  return {
    ...node,
    scheduler,
    close: async () => {
      await scheduler.stop();
      await node.close();
    },
  };
}
