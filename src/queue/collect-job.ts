import { UnrecoverableError, type Job } from 'bullmq';
import type { Collector } from '../collectors/types.js';
import { assertImported, logSkipped } from '../collectors/skip-report.js';
import type { SourceConfig } from '../config.js';
import type { CollectionDeps } from '../jobs/run-collection.js';
import type { RunRecord, SourceState, Store } from '../store/types.js';
import { claimCollectorSource } from '../jobs/claim-source.js';
import { SourceTypeConflictError } from '../errors.js';
import { isFinalAttempt } from './dead-letter.js';
import { CollectJobSchema } from './jobs.js';
import { analyseJobOptions, type QueueSet } from './queues.js';

export interface CollectJobDeps {
  sources: SourceConfig[];
  collectors: ReadonlyMap<string, Collector<unknown>>;
  collection: CollectionDeps;
  queues: QueueSet;
  /** Posts per analysis job. */
  batchSize: number;
}

/** What a collection job returns (kept on the completed job for a while). */
export interface CollectJobResult {
  fetched: number;
  batches: number;
}

/**
 * One collection, split so that a worker killed at any point loses nothing and counts nothing
 * twice: fetch from the stored cursor → enqueue analysis batches under content-derived ids (one
 * atomic `addBulk`) → only then persist the new cursor. Killed before the cursor is written, the
 * job is recovered as stalled and re-fetches from the old cursor; the same batches get the same ids
 * (ignored while still queued) and the store upserts by (source, external id) in any case.
 *
 * Failures are retried with backoff; only the last attempt is recorded as a failed run, so a
 * transient error does not count toward the source's unhealthy streak.
 */
export async function processCollectJob(job: Job, deps: CollectJobDeps): Promise<CollectJobResult> {
  const { sourceId } = CollectJobSchema.parse(job.data);
  const { collection } = deps;
  const source = deps.sources.find((s) => s.id === sourceId);
  const collector = source && deps.collectors.get(source.type);
  if (!source || !collector || !source.enabled) {
    throw new UnrecoverableError(`collect: source "${sourceId}" is not configured and enabled here (configured: ${deps.sources.map((s) => s.id).join(', ') || 'none'})`);
  }
  const startedAt = collection.now().getTime();
  const state = await claimForJob(source, collection.store, startedAt);
  const base = { sourceId, startedAt, fetched: 0, inserted: 0, updated: 0, duplicates: 0, skipped: 0 };
  try {
    const result = await collector.collect({
      sourceId,
      config: source.config,
      cursor: state.cursor,
      fetch: collection.fetch,
      signal: AbortSignal.timeout(collection.timeoutMs ?? 300_000),
      now: collection.now,
      log: collection.log,
    });
    const skipped = result.skipped ?? [];
    // Counted before the check below, so a run failed for its skips still records what it read.
    base.fetched = result.posts.length;
    base.skipped = skipped.length;
    logSkipped(collection.log, sourceId, skipped);
    // Unreadable rows stay unreadable: failing at once spares the retries, each of which re-reads the file.
    try {
      assertImported(result.posts.length, skipped);
    } catch (err) {
      throw new UnrecoverableError(err instanceof Error ? err.message : String(err));
    }
    const batches = [];
    for (let i = 0; i < result.posts.length; i += deps.batchSize) {
      batches.push(analyseJobOptions({ sourceId, platform: source.type, posts: result.posts.slice(i, i + deps.batchSize) }));
    }
    if (batches.length) await deps.queues.analyse.addBulk(batches);
    if (result.deleted?.length) {
      await collection.store.markDeleted(sourceId, result.deleted, collection.now().getTime());
      await collection.onDeleted?.(sourceId, result.deleted);
    }
    // Store counts are not known yet (analysis runs in other jobs), so the run row records the fetch.
    const run: RunRecord = { ...base, finishedAt: collection.now().getTime(), status: 'ok', error: null, cursor: result.cursor };
    await collection.store.recordRun(run, collection.unhealthyAfterFailures);
    return { fetched: result.posts.length, batches: batches.length };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!isFinalAttempt(job, err)) {
      collection.log.warn('collection failed; will retry', { source: sourceId, attempt: job.attemptsMade + 1, error: message });
      throw err;
    }
    collection.log.error('collection failed', { source: sourceId, error: message });
    await collection.store.recordRun({ ...base, finishedAt: collection.now().getTime(), status: 'error', error: message }, collection.unhealthyAfterFailures);
    throw err;
  }
}

/**
 * A stored source's type and origin never change, so a job refused for them fails at once rather than retrying.
 * Thrown before the run is recorded: the id belongs to the other source (see `runCollection`), and
 * the dead-letter queue keeps the message.
 */
async function claimForJob(source: SourceConfig, store: Store, now: number): Promise<SourceState> {
  try {
    return await claimCollectorSource(source, store, now);
  } catch (err) {
    if (err instanceof SourceTypeConflictError) throw new UnrecoverableError(err.message);
    throw err;
  }
}
