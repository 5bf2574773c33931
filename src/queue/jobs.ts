/**
 * Queue names, job payloads and retry policy. Payloads are validated when a worker takes a job,
 * because a job may have been written by another version of koubei on another machine.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { RawPost } from '../domain.js';

/** The work queues a worker consumes, in pipeline order. */
export const WORK_QUEUES = ['collect', 'analyse', 'tags', 'alerts'] as const;
export type WorkQueueName = (typeof WORK_QUEUES)[number];
/** Jobs that exhausted their attempts, kept with the error for `koubei queue dead`. */
export const DEAD_LETTER_QUEUE = 'dead-letter';

/** Collect one source from its stored cursor. */
export const CollectJobSchema = z.object({ sourceId: z.string().min(1) });
export type CollectJob = z.infer<typeof CollectJobSchema>;

const RawPostSchema = z.custom<RawPost>(
  (v) => typeof v === 'object' && v !== null && typeof (v as RawPost).externalId === 'string' && typeof (v as RawPost).text === 'string',
  'expected a post with externalId and text',
);

/** Analyse and store one batch of fetched posts (idempotent by source + external id). */
export const AnalyseJobSchema = z.object({
  sourceId: z.string().min(1),
  /** Collector type: the platform author ids belong to. */
  platform: z.string().min(1),
  posts: z.array(RawPostSchema),
});
export type AnalyseJob = z.infer<typeof AnalyseJobSchema>;

/**
 * `pending`: recompute the profiles of authors marked by stored batches (a Redis set, so many
 * batches share one job); `maintenance`: the daily purge + rebuild.
 */
export const TagsJobSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('pending') }), z.object({ kind: z.literal('maintenance') })]);
export type TagsJob = z.infer<typeof TagsJobSchema>;

/** Evaluate alert rules and deliver the outbox. */
export const AlertsJobSchema = z.object({ reason: z.string() });
export type AlertsJob = z.infer<typeof AlertsJobSchema>;

/** Attempts and the first backoff delay per queue; the delay doubles on each retry. */
export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/**
 * Defaults. Collection gets few attempts because collectors already retry HTTP themselves and the
 * next schedule tries again; storage and follow-ups get more because their inputs exist only in
 * the job.
 */
export const DEFAULT_RETRY: Readonly<Record<WorkQueueName, RetryPolicy>> = Object.freeze({
  collect: { attempts: 3, backoffMs: 5_000 },
  analyse: { attempts: 8, backoffMs: 1_000 },
  tags: { attempts: 5, backoffMs: 2_000 },
  alerts: { attempts: 5, backoffMs: 2_000 },
});

/**
 * A deterministic job id: the same inputs give the same id, so re-enqueueing work that is already
 * queued (a collection re-run after a crash) is a no-op in BullMQ. Hex only, since BullMQ ids may
 * not contain ":" or be plain integers.
 *
 * @example
 * stableJobId('a', sourceId, JSON.stringify(posts)) // "a-3f9c…"
 */
export function stableJobId(kind: string, ...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return `${kind}-${hash.digest('hex').slice(0, 32)}`;
}
