import { Queue, type JobsOptions } from 'bullmq';
import type { Logger } from '../collectors/types.js';
import { silentLogger } from '../logger.js';
import { throttledWarn, type RedisClient } from './connection.js';
import { DEAD_LETTER_QUEUE, DEFAULT_RETRY, stableJobId, WORK_QUEUES, type AnalyseJob, type RetryPolicy, type TagsJob, type WorkQueueName } from './jobs.js';

/** The BullMQ queues of one installation (one key prefix). */
export type QueueSet = Record<WorkQueueName, Queue> & {
  dead: Queue;
  prefix: string;
  client: RedisClient;
  close(): Promise<void>;
};

export interface OpenQueuesOptions {
  /** Redis key prefix; tests use a unique one each. */
  prefix: string;
  /** Where connection errors go (throttled); without a listener BullMQ prints raw stacks. */
  log?: Logger;
  retry?: Partial<Record<WorkQueueName, RetryPolicy>>;
}

/**
 * Opens the work queues and the dead-letter queue on a shared client.
 * Completed jobs are kept for an hour so a deterministic job id added again within that time is
 * ignored; failed ones for a week (they are also copied to the dead-letter queue).
 *
 * @example
 * const queues = openQueues(client, { prefix: config.queuePrefix });
 * await enqueueCollection(queues, 'hn-acme');
 */
export function openQueues(client: RedisClient, options: OpenQueuesOptions): QueueSet {
  const { prefix } = options;
  const warn = throttledWarn(options.log ?? silentLogger);
  const watch = (queue: Queue) => queue.on('error', (err: Error) => warn('queue connection error', { error: err.message }));
  const make = (name: WorkQueueName) => {
    const policy = { ...DEFAULT_RETRY[name], ...options.retry?.[name] };
    const defaultJobOptions: JobsOptions = {
      attempts: policy.attempts,
      backoff: { type: 'exponential', delay: policy.backoffMs },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 86_400 },
    };
    return watch(new Queue(name, { connection: client, prefix, defaultJobOptions }));
  };
  const queues = Object.fromEntries(WORK_QUEUES.map((name) => [name, make(name)])) as Record<WorkQueueName, Queue>;
  const dead = watch(new Queue(DEAD_LETTER_QUEUE, { connection: client, prefix }));
  return {
    ...queues,
    dead,
    prefix,
    client,
    close: async () => {
      await Promise.all([...WORK_QUEUES.map((name) => queues[name].close()), dead.close()]);
    },
  };
}

/**
 * Enqueues one collection of a source. At most one collection per source waits or runs at a time
 * across the cluster (BullMQ deduplication), the distributed form of node-cron's `noOverlap`.
 * With a `slot` (the cron tick), the job id is derived from it, so two schedulers that both fired
 * the same tick would still add one job.
 */
export async function enqueueCollection(queues: QueueSet, sourceId: string, slot?: Date): Promise<string | undefined> {
  const opts: JobsOptions = { deduplication: { id: stableJobId('dedupe', 'collect', sourceId) } };
  if (slot) opts.jobId = stableJobId('c', sourceId, slot.toISOString());
  const job = await queues.collect.add('collect', { sourceId }, opts);
  return job.id;
}

/** Enqueues a batch of fetched posts for analysis under an id derived from its content. */
export function analyseJobOptions(job: AnalyseJob): { name: string; data: AnalyseJob; opts: JobsOptions } {
  return { name: 'analyse', data: job, opts: { jobId: stableJobId('a', job.sourceId, JSON.stringify(job.posts)) } };
}

/**
 * Enqueues an alert check, debounced: the job waits `delayMs` and every request made meanwhile is
 * folded into it (deduplicated), since a check reads the latest stored mentions anyway. Without
 * this, every stored batch would re-evaluate every brand.
 */
export async function enqueueAlertCheck(queues: QueueSet, reason: string, delayMs = ALERT_CHECK_DELAY_MS): Promise<void> {
  await queues.alerts.add('check', { reason }, { delay: delayMs, deduplication: { id: 'alerts-check' } });
}

/** Debounce of alert checks after stored batches; alert windows are minutes long, so 5 s is invisible. */
export const ALERT_CHECK_DELAY_MS = 5_000;

/** Enqueues a tags job; `jobId` makes it idempotent (e.g. one maintenance per cron slot). */
export async function enqueueTags(queues: QueueSet, job: TagsJob, jobId?: string): Promise<void> {
  await queues.tags.add(job.kind, job, jobId ? { jobId } : {});
}

/** Redis set of `platform NUL authorId` whose profiles need recomputing. */
export const pendingAuthorsKey = (prefix: string) => `${prefix}:tags:pending-authors`;

/** Debounce of profile updates: authors marked meanwhile by other batches share one job. */
export const TAGS_DELAY_MS = 2_000;

/**
 * Marks a stored batch's authors for a profile update and enqueues a debounced `pending` tags job.
 * Profiles are recomputed from all of an author's mentions, so one update after several batches
 * equals one per batch; per-batch jobs would redo active authors and contend for the store.
 */
export async function markAuthorsForTags(queues: QueueSet, platform: string, authorIds: string[], delayMs = TAGS_DELAY_MS): Promise<void> {
  if (!authorIds.length) return;
  await queues.client.sAdd(pendingAuthorsKey(queues.prefix), authorIds.map((id) => `${platform}\u0000${id}`));
  await queues.tags.add('pending', { kind: 'pending' }, { delay: delayMs, deduplication: { id: 'tags-pending' } });
}
