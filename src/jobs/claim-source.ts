import type { SourceConfig } from '../config.js';
import { SourceTypeConflictError } from '../errors.js';
import type { SourceState, Store } from '../store/types.js';
import { pusherOf } from './push-posts.js';

/**
 * Claims the stored source a collector run fills (created on its first run) and returns its state.
 * The claim is atomic in the store, so a push that created the id a moment earlier in another
 * process is seen here: the run then fails with SourceTypeConflictError and the source keeps its
 * type and origin. A push that comes later sees the collector's claim and is refused in turn.
 *
 * @example
 * const state = await claimCollectorSource(source, store, Date.now());
 */
export async function claimCollectorSource(source: SourceConfig, store: Store, now: number): Promise<SourceState> {
  const stored = await store.claimSource(source.id, { type: source.type, origin: 'collector' }, now);
  assertCollectorOwns(source, stored);
  return stored;
}

/**
 * Refuses, before anything is collected, sources the config gives an id the store holds as another
 * collector's or a push's (a push source the config later names for a collector, or a `koubei ingest`
 * import named for a `file` collector). Commands that collect call it at start, so the mistake stops
 * them with one message instead of failing every run of that source.
 *
 * @example
 * await assertSourceTypes(config.sources.filter((s) => s.enabled), store);
 */
export async function assertSourceTypes(sources: readonly SourceConfig[], store: Store): Promise<void> {
  for (const source of sources) {
    const stored = await store.getSource(source.id);
    if (stored) assertCollectorOwns(source, stored);
  }
}

/** A collector fills only a source of its own type that a collector created: the type alone cannot tell a `file` collector's from an import's. */
function assertCollectorOwns(source: SourceConfig, stored: SourceState): void {
  if (stored.type !== source.type) throw new SourceTypeConflictError(source.id, source.type, stored.type);
  if (stored.origin !== 'collector') throw new SourceTypeConflictError(source.id, source.type, stored.type, pusherOf(stored.type));
}
