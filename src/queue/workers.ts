import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from '../collectors/types.js';
import { throttledWarn, type RedisClient } from './connection.js';
import { isFinalAttempt, recordDeadLetter } from './dead-letter.js';
import type { WorkQueueName } from './jobs.js';
import type { QueueSet } from './queues.js';

/** A job handler per work queue. */
export type Processors = Record<WorkQueueName, (job: Job) => Promise<unknown>>;

export interface WorkerOptions {
  /** Jobs run at once per queue for `collect` and `analyse` (follow-ups run one at a time). */
  concurrency?: number;
  /**
   * How long a job's lock lasts without renewal; a worker that dies holding a job loses it after
   * this and the job is taken again. BullMQ's default (30 s) suits production; tests use less.
   */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose lock expired. */
  stalledIntervalMs?: number;
  log: Logger;
}

/** The running BullMQ workers of one process. */
export interface WorkerPool {
  workers: Worker[];
  /** Finishes running jobs, then stops taking new ones. */
  close(): Promise<void>;
}

/**
 * Starts one BullMQ worker per work queue. A job that fails for the last time is copied to the
 * dead-letter queue before BullMQ marks it failed (so the entry exists even if this process dies
 * right after); the `failed` event covers jobs failed by the stalled-job checker, which never
 * reach a processor.
 *
 * @example
 * const pool = startWorkers(client, queues, processors, { concurrency: 2, log });
 */
export function startWorkers(client: RedisClient, queues: QueueSet, processors: Processors, options: WorkerOptions): WorkerPool {
  const { log, concurrency = 1 } = options;
  const warn = throttledWarn(log);
  const workers = (Object.keys(processors) as WorkQueueName[]).map((name) => {
    const process = async (job: Job) => {
      try {
        return await processors[name](job);
      } catch (err) {
        if (isFinalAttempt(job, err)) await recordDeadLetter(queues.dead, name, job, err);
        throw err;
      }
    };
    const worker = new Worker(name, process, {
      connection: client,
      prefix: queues.prefix,
      concurrency: name === 'collect' || name === 'analyse' ? concurrency : 1,
      ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
    });
    worker.on('failed', (job, err) => {
      if (!job) return;
      log.warn('job failed', { queue: name, job: job.id, attempt: job.attemptsMade, error: err.message });
      // Here attemptsMade already counts this failure. Recording twice is harmless (same entry id).
      const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError || /stalled more than/.test(err.message);
      if (exhausted) void recordDeadLetter(queues.dead, name, job, err).catch((e: Error) => log.error('dead letter not recorded', { job: job.id, error: e.message }));
    });
    worker.on('stalled', (jobId) => log.warn('job stalled; another worker will take it', { queue: name, job: jobId }));
    // Without a listener an 'error' (e.g. Redis went away) would crash the process; BullMQ reconnects.
    worker.on('error', (err) => warn('worker connection error', { error: err.message }));
    return worker;
  });
  return {
    workers,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
