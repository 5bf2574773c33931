import type { RawPost } from '../domain.js';
import type { SaveResult, SourceClaim, Store } from '../store/types.js';
import { analysePosts, type AnalyseDeps } from './analyse-posts.js';

export interface IngestDeps extends AnalyseDeps {
  store: Store;
  /** Replaces author ids with HMAC keys before anything is stored (pseudonymizeAuthors). */
  pseudonymize?: (post: RawPost, platform: string) => RawPost;
  /** Called after each stored batch, e.g. to update the profiles of its authors. */
  onStored?: (posts: RawPost[], platform: string) => Promise<void>;
  /** Called after a source's posts were marked deleted, e.g. so they stop being profile evidence. */
  onDeleted?: (sourceId: string, externalIds: string[]) => Promise<void>;
}

export interface IngestOptions {
  /** Posts per transaction. */
  batchSize?: number;
  /** Called after each batch with posts done so far. */
  onProgress?: (done: number, total: number) => void;
  /** Claimed with the first batch, in its transaction: no posts, or a first batch that fails, leave no source. */
  claim?: SourceClaim;
}

export type IngestSummary = SaveResult & { received: number };

/** Analyses and stores posts in batches, each batch in one transaction. */
export async function ingestPosts(
  posts: RawPost[],
  platform: string,
  deps: IngestDeps,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const batchSize = options.batchSize ?? 500;
  const summary: IngestSummary = { received: posts.length, inserted: 0, updated: 0, unchanged: 0, duplicates: 0 };
  for (let i = 0; i < posts.length; i += batchSize) {
    const slice = posts.slice(i, i + batchSize);
    const batch = deps.pseudonymize ? slice.map((post) => deps.pseudonymize!(post, platform)) : slice;
    const result = await deps.store.saveMentions(analysePosts(batch, platform, deps), i === 0 ? options.claim : undefined);
    await deps.onStored?.(batch, platform);
    summary.inserted += result.inserted;
    summary.updated += result.updated;
    summary.unchanged += result.unchanged;
    summary.duplicates += result.duplicates;
    options.onProgress?.(Math.min(i + batchSize, posts.length), posts.length);
  }
  return summary;
}
