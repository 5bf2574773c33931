import type { BrandMatcher } from '../pipeline/brand-matcher.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { BrandRelink, Store } from '../store/types.js';
import { analysisText } from './analyse-posts.js';

export interface RematchDeps {
  store: Store;
  pipeline: Pipeline;
  matchBrands: BrandMatcher;
  /** Called after every page with the running totals (for progress on long runs). */
  onProgress?: (summary: RematchSummary) => void;
}

export interface RematchSummary {
  scanned: number;
  /** Mentions whose brand links changed. */
  relinked: number;
}

/** Mentions read and re-matched per transaction. */
const PAGE = 500;

/**
 * Matches every stored mention against the current brand definitions and moves the ones whose
 * matches changed (links and rollup counts), so a brand added or edited after the fact shows its
 * history. Mentions are matched exactly as at ingestion (same text, pipeline and matcher).
 *
 * @example
 * await rematchBrands({ store, pipeline, matchBrands }); // { scanned: 1200, relinked: 37 }
 */
export async function rematchBrands(deps: RematchDeps): Promise<RematchSummary> {
  const summary: RematchSummary = { scanned: 0, relinked: 0 };
  for (let afterId = 0; ; ) {
    const rows = await deps.store.scanMentionBrands(afterId, PAGE);
    if (rows.length === 0) return summary;
    const changes: BrandRelink[] = [];
    for (const row of rows) {
      const text = analysisText(row.title, row.text);
      const { doc } = deps.pipeline.run({ text, declaredLang: row.lang });
      const brandIds = deps.matchBrands(doc.simplified ?? doc.normalized ?? text, doc.tokens);
      if (!sameSet(brandIds, row.brandIds)) changes.push({ id: row.id, contentHash: row.contentHash, brandIds });
    }
    await deps.store.relinkBrands(changes);
    summary.scanned += rows.length;
    summary.relinked += changes.length;
    afterId = rows[rows.length - 1].id;
    deps.onProgress?.({ ...summary });
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(b);
  return a.every((x) => set.has(x));
}
