import type { RawPost } from '../domain.js';
import { ConflictError } from '../errors.js';
import type { SourceState } from '../store/types.js';
import { ingestPosts, type IngestDeps, type IngestOptions, type IngestSummary } from './ingest.js';

/** Source types that pushes create: `POST /api/ingest` makes `push` sources, `koubei ingest` makes `file` ones. */
export type PushSourceType = 'push' | 'file';

/** What makes each push type, for messages. */
const PUSHED_BY: Record<PushSourceType, string> = { push: 'POST /api/ingest', file: 'koubei ingest' };

export interface PushDeps extends IngestDeps {
  /** The sources the config defines (the demo one included when it runs): their collectors own their ids. */
  configuredSources: readonly { id: string; type: string }[];
}

/** Stores posts under the checked source id. */
export type PushPosts = (posts: RawPost[], options?: IngestOptions) => Promise<IngestSummary>;

/**
 * Why a push of `type` may not go to `sourceId`, or undefined when it may. Pushed posts under a
 * collector's id would mix into its stream (trends, health, run counts), so the id of a configured
 * source is refused, and so is a stored one a collector has run under (it has runs, which pushes never
 * record; the scheduled `file` collector shares its type with `koubei ingest`). A push never changes
 * a stored source's type either: a source of another type is refused, whoever created it.
 */
function pushRefusal(
  sourceId: string,
  type: PushSourceType,
  configured: PushDeps['configuredSources'],
  stored: SourceState | undefined,
): string | undefined {
  const config = configured.find((source) => source.id === sourceId);
  if (config) return `source "${sourceId}" is filled by its ${config.type} collector; pushed posts would mix into its stream`;
  if (!stored) return undefined;
  if (stored.lastRunAt !== null) return `source "${sourceId}" was filled by a ${stored.type} collector (it has collection runs); pushed posts would mix into its stream`;
  if (stored.type !== type) return `source "${sourceId}" is a ${stored.type} source and ${PUSHED_BY[type]} makes ${type} sources; a push never changes a source's type`;
  return undefined;
}

/**
 * Checks that `sourceId` may take pushes of `type` (ConflictError, a 409, see `pushRefusal`) and returns
 * the function that stores them. A push with no posts creates no source. Otherwise the source is
 * claimed before the first batch is saved, and the check runs again on the claimed row: the check
 * here reads before another process may create the id with another type, and the claim is atomic,
 * so the later of two such pushes gets the 409 and nothing stored is retyped.
 *
 * @example
 * const push = await openPushTarget('crm', 'file', deps);
 * await push(posts, { onProgress });
 */
export async function openPushTarget(sourceId: string, type: PushSourceType, deps: PushDeps): Promise<PushPosts> {
  assertPushable(sourceId, type, deps.configuredSources, await deps.store.getSource(sourceId));
  return async (posts, options) => {
    if (posts.length) {
      const claimed = await deps.store.claimSource(sourceId, type, deps.now().getTime());
      assertPushable(sourceId, type, deps.configuredSources, claimed);
    }
    return ingestPosts(posts, type, deps, options);
  };
}

function assertPushable(sourceId: string, type: PushSourceType, configured: PushDeps['configuredSources'], stored: SourceState | undefined): void {
  const refusal = pushRefusal(sourceId, type, configured, stored);
  if (refusal) throw new ConflictError(`${refusal}: push them under another source id`);
}
