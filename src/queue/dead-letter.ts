import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { NotFoundError } from '../errors.js';
import type { QueueSet } from './queues.js';
import { WORK_QUEUES, type WorkQueueName } from './jobs.js';

/** What the dead-letter queue keeps of a job that exhausted its attempts. */
export interface DeadLetter {
  /** Id in the dead-letter queue: `<queue>-<original job id>`. */
  id: string;
  queue: WorkQueueName;
  jobId: string;
  name: string;
  data: unknown;
  error: string;
  attempts: number;
  failedAt: string;
}

/** True when this failure is the job's last: attempts used up, or an error marked unrecoverable. */
export function isFinalAttempt(job: Job, err: unknown): boolean {
  return err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Copies a failed job, with its error, to the dead-letter queue. The id is derived from the
 * original, so recording the same failure twice (processor and `failed` event) keeps one entry.
 */
export async function recordDeadLetter(dead: Queue, queue: WorkQueueName, job: Job, err: unknown): Promise<void> {
  const entry: Omit<DeadLetter, 'id'> = {
    queue,
    jobId: String(job.id),
    name: job.name,
    data: job.data,
    error: err instanceof Error ? err.message : String(err),
    attempts: Math.max(job.attemptsMade, job.attemptsStarted),
    failedAt: new Date().toISOString(),
  };
  // No worker consumes this queue: entries wait there until listed, retried or removed.
  await dead.add(queue, entry, { jobId: `${queue}-${job.id}` });
}

/** Dead letters, oldest first. */
export async function listDeadLetters(dead: Queue, limit = 100): Promise<DeadLetter[]> {
  const jobs = await dead.getJobs(['waiting', 'prioritized'], 0, limit - 1, true);
  return jobs.filter((job): job is Job => Boolean(job)).map((job) => ({ id: String(job.id), ...(job.data as Omit<DeadLetter, 'id'>) }));
}

/**
 * Puts a dead letter's job back on its queue with fresh attempts and removes the entry.
 * The original id is kept, so a batch that was since stored by a re-collection is not redone twice.
 */
export async function retryDeadLetter(queues: QueueSet, id: string): Promise<DeadLetter> {
  const job = await queues.dead.getJob(id);
  if (!job) throw new NotFoundError(`dead letter "${id}" not found (see \`koubei queue dead\`)`);
  const entry = { id, ...(job.data as Omit<DeadLetter, 'id'>) };
  if (!WORK_QUEUES.includes(entry.queue)) throw new NotFoundError(`dead letter "${id}": unknown queue "${entry.queue}"`);
  const original = await queues[entry.queue].getJob(entry.jobId);
  // The failed original still holds the id; drop it so the re-added job is not ignored as a duplicate.
  if (original) await original.remove();
  await queues[entry.queue].add(entry.name, entry.data, { jobId: entry.jobId });
  await job.remove();
  return entry;
}
