import type { RawPost } from '../domain.js';
import { ConflictError } from '../errors.js';
import type { SourceState } from '../store/types.js';
import { ingestPosts, type IngestDeps, type IngestOptions, type IngestSummary } from './ingest.js';

/** Source types that pushes create: `POST /api/ingest` makes `push` sources, `koubei ingest` makes `file` ones. */
export type PushSourceType = 'push' | 'file';

const PUSH_SOURCE_TYPES: ReadonlySet<string> = new Set<PushSourceType>(['push', 'file']);

export interface PushDeps extends IngestDeps {
  /** The sources the config defines (the demo one included when it runs): their collectors own their ids. */
  configuredSources: readonly { id: string; type: string }[];
}

/** Stores posts under the checked source id. */
export type PushPosts = (posts: RawPost[], options?: IngestOptions) => Promise<IngestSummary>;

/**
 * The collector that owns `sourceId`, if any: one the config defines, or, for an id no longer
 * configured, the type its stored row was collected as. Pushed posts under that id would mix into
 * the collector's stream (its trends, health and run counts), and a push would retype its row.
 */
function collectorOwning(sourceId: string, configured: PushDeps['configuredSources'], stored: SourceState | undefined): string | undefined {
  const config = configured.find((source) => source.id === sourceId);
  if (config) return config.type;
  return stored && !PUSH_SOURCE_TYPES.has(stored.type) ? stored.type : undefined;
}

/**
 * Checks that `sourceId` may take pushes (ConflictError, a 409, when a collector owns it) and returns
 * the function that stores them. The source row is written with the first stored batch and not
 * before, so a push that stores nothing (every row rejected, a failure) leaves no empty source behind.
 *
 * @example
 * const push = await openPushTarget('crm', 'file', deps);
 * await push(posts, { onProgress });
 */
export async function openPushTarget(sourceId: string, type: PushSourceType, deps: PushDeps): Promise<PushPosts> {
  const owner = collectorOwning(sourceId, deps.configuredSources, await deps.store.getSource(sourceId));
  if (owner) {
    throw new ConflictError(
      `source "${sourceId}" is filled by its ${owner} collector; pushed posts would mix into its stream: push them under another source id`,
    );
  }
  return async (posts, options) => {
    let registered = false;
    const onStored: IngestDeps['onStored'] = async (batch, platform) => {
      if (!registered) await deps.store.upsertSource(sourceId, type, deps.now().getTime());
      registered = true;
      await deps.onStored?.(batch, platform);
    };
    return ingestPosts(posts, type, { ...deps, onStored }, options);
  };
}
