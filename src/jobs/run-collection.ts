import type { Collector, Logger, SkippedItem } from '../collectors/types.js';
import { isTooFarAhead } from '../collectors/time.js';
import { assertImported, logSkipped } from '../collectors/skip-report.js';
import type { RawPost } from '../domain.js';
import type { SourceConfig } from '../config.js';
import type { RunRecord } from '../store/types.js';
import { ingestPosts, type IngestDeps } from './ingest.js';
import { claimCollectorSource } from './claim-source.js';
import { describeError, SourceTypeConflictError } from '../errors.js';

export interface CollectionDeps extends IngestDeps {
  fetch: typeof fetch;
  log: Logger;
  unhealthyAfterFailures: number;
  /** Abort a run that takes longer than this. */
  timeoutMs?: number;
}

export interface CollectionOptions {
  onProgress?: (stage: 'fetch' | 'store', done: number, total?: number) => void;
}

/**
 * One run of one source: collect from its cursor, analyse, store, record the run. Never throws:
 * a failure, a run that skipped rows and imported none included (`assertImported`), is recorded in
 * `collector_runs` (and counts toward the unhealthy streak) so the scheduler and other sources carry on.
 * A run whose id is stored as a source of another type, or as one pushes made (`claimCollectorSource`),
 * fails without collecting and is logged and returned, not recorded.
 */
export async function runCollection(
  source: SourceConfig,
  collector: Collector<unknown>,
  deps: CollectionDeps,
  options: CollectionOptions = {},
): Promise<RunRecord> {
  const startedAt = deps.now().getTime();
  const base = { sourceId: source.id, startedAt, fetched: 0, inserted: 0, updated: 0, duplicates: 0, skipped: 0 };
  try {
    const state = await claimCollectorSource(source, deps.store, startedAt);
    const result = await collector.collect({
      sourceId: source.id,
      config: source.config,
      cursor: state.cursor,
      fetch: deps.fetch,
      signal: AbortSignal.timeout(deps.timeoutMs ?? 300_000),
      now: deps.now,
      log: deps.log,
      progress: (n) => options.onProgress?.('fetch', n),
    });
    const { posts, skipped } = withoutFuturePosts(result.posts, result.skipped ?? [], deps.now());
    // Counted before the checks below, so a run failed for its skips still records what it read.
    base.fetched = result.posts.length;
    base.skipped = skipped.length;
    logSkipped(deps.log, source.id, skipped);
    // Only the collector's own skips (unreadable rows) fail a run: a feed that dates its posts ahead
    // (events) was read fine, and failing it would keep its cursor and refetch it whole every run.
    assertImported(result.posts.length, result.skipped ?? []);
    const summary = await ingestPosts(posts, source.type, deps, {
      onProgress: (done, total) => options.onProgress?.('store', done, total),
    });
    if (result.deleted?.length) {
      await deps.store.markDeleted(source.id, result.deleted, deps.now().getTime());
      await deps.onDeleted?.(source.id, result.deleted);
    }
    const run: RunRecord = {
      ...base,
      finishedAt: deps.now().getTime(),
      status: 'ok',
      inserted: summary.inserted,
      updated: summary.updated,
      duplicates: summary.duplicates,
      error: null,
      cursor: result.cursor,
    };
    await deps.store.recordRun(run, deps.unhealthyAfterFailures);
    return run;
  } catch (err) {
    const message = describeError(err);
    deps.log.error('collection failed', { source: source.id, error: message });
    const run: RunRecord = { ...base, finishedAt: deps.now().getTime(), status: 'error', error: message };
    // The id belongs to another source (of another type, or one pushes made): a run recorded under
    // it would turn up in that source's health and run history.
    if (!(err instanceof SourceTypeConflictError)) await deps.store.recordRun(run, deps.unhealthyAfterFailures);
    return run;
  }
}

/** A collected post dated more than a day ahead is skipped with a reason, as a pushed one is rejected. */
function withoutFuturePosts(posts: RawPost[], skipped: SkippedItem[], now: Date): { posts: RawPost[]; skipped: SkippedItem[] } {
  const kept: RawPost[] = [];
  const reasons = skipped.slice();
  for (const p of posts) {
    if (!isTooFarAhead(p.createdAt, now)) kept.push(p);
    else reasons.push({ reason: `${p.externalId}: created_at ${p.createdAt} is more than a day in the future` });
  }
  return { posts: kept, skipped: reasons };
}
