import type { RawPost } from '../domain.js';
import { ConflictError } from '../errors.js';
import type { SourceClaim, SourceState } from '../store/types.js';
import { ingestPosts, type IngestDeps, type IngestOptions, type IngestSummary } from './ingest.js';

/** Source types that pushes create: `POST /api/ingest` makes `push` sources, `koubei ingest` makes `file` ones. */
export type PushSourceType = 'push' | 'file';

/** What makes each push type, for messages. */
const PUSHED_BY: Record<PushSourceType, string> = { push: 'POST /api/ingest', file: 'koubei ingest' };

/** The command or route whose pushes make sources of `type`, for messages about a stored push source. */
export function pusherOf(type: string): string {
  return PUSHED_BY[type as PushSourceType] ?? 'a push';
}

export interface PushDeps extends IngestDeps {
  /** The sources the config defines (the demo one included when it runs): their collectors own their ids. */
  configuredSources: readonly { id: string; type: string }[];
}

/** Stores posts under the checked source id. */
export type PushPosts = (posts: RawPost[], options?: Omit<IngestOptions, 'claim'>) => Promise<IngestSummary>;

/**
 * Why a push of `type` may not go to `sourceId`, or undefined when it may. Pushed posts under a
 * collector's id would mix into its stream (trends, health, run counts), so the id of a configured
 * source is refused, and so is a stored one a collector created (origin `collector`; a `file`
 * collector shares its type with `koubei ingest`, so the type cannot tell). A push never changes
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
  if (stored.origin === 'collector') return `source "${sourceId}" was created by a ${stored.type} collector; pushed posts would mix into its stream`;
  if (stored.type !== type) return `source "${sourceId}" is a ${stored.type} source and ${PUSHED_BY[type]} makes ${type} sources; a push never changes a source's type`;
  return undefined;
}

/**
 * Checks that `sourceId` may take pushes of `type` (ConflictError, a 409, see `pushRefusal`) and returns
 * the function that stores them. The source is claimed in the transaction of the first batch, and the
 * check runs again on the claimed row there: the check here reads before another process may create
 * the id, and the claim is atomic, so the later of two such pushes gets the 409 with nothing stored.
 * A push with no posts, or whose first batch fails, creates no source.
 *
 * @example
 * const push = await openPushTarget('crm', 'file', deps);
 * await push(posts, { onProgress });
 */
export async function openPushTarget(sourceId: string, type: PushSourceType, deps: PushDeps): Promise<PushPosts> {
  assertPushable(sourceId, type, deps.configuredSources, await deps.store.getSource(sourceId));
  return (posts, options) => {
    const claim: SourceClaim = {
      id: sourceId,
      type,
      origin: 'push',
      now: deps.now().getTime(),
      accept: (stored) => assertPushable(sourceId, type, deps.configuredSources, stored),
    };
    return ingestPosts(posts, type, deps, { ...options, claim });
  };
}

function assertPushable(sourceId: string, type: PushSourceType, configured: PushDeps['configuredSources'], stored: SourceState | undefined): void {
  const refusal = pushRefusal(sourceId, type, configured, stored);
  if (refusal) throw new ConflictError(`${refusal}: push them under another source id`);
}
