import type { BrandMatcher } from '../pipeline/brand-matcher.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { BrandRelink, Store } from '../store/types.js';
import { analysisText } from './analyse-posts.js';
import { searchTokensOf } from '../pipeline/search-tokens.js';
import { createNameFinder, sameAspects } from './aspect-name-changes.js';

export interface RematchDeps {
  store: Store;
  pipeline: Pipeline;
  matchBrands: BrandMatcher;
  /**
   * Brand words jieba learned after some mentions were indexed: a mention whose tokens now hold one
   * gets its search tokens rewritten, so searching the brand name finds it as it finds new posts.
   */
  reindexWords?: ReadonlySet<string>;
  /**
   * Brand names added, edited or removed since the stored aspects were computed (`namesToRecheck`): a
   * mention whose text holds one gets its aspects computed again, and stored when they changed.
   */
  aspectNames?: readonly string[];
  /** Checked between pages: true ends the run early (shutdown). */
  shouldStop?: () => boolean;
  /** Called after every page with the running totals (for progress on long runs). */
  onProgress?: (summary: RematchSummary) => void;
}

export interface RematchSummary {
  scanned: number;
  /** Mentions whose brand links changed. */
  relinked: number;
  /** Mentions whose aspects changed (a brand name now hides, or no longer hides, an aspect term). */
  aspectsChanged: number;
  /** Mentions whose search tokens were rewritten. */
  reindexed: number;
  /** The run ended early (`shouldStop`) before reading every mention. */
  stopped: boolean;
}

/** Mentions read and re-matched per transaction. */
const PAGE = 500;

/**
 * Matches every stored mention against the current brand definitions and moves the ones whose
 * matches changed (links and rollup counts), so a brand added or edited after the fact shows its
 * history. Mentions are matched exactly as at ingestion (same text, pipeline and matcher). Mentions
 * naming one of `aspectNames` get the aspects the pipeline now gives them, with their aspect
 * rollups, when those differ from the stored ones; no other part of their analysis changes. The
 * event loop gets a turn after every page: on SQLite the store answers synchronously, and a run
 * over a large database would otherwise hold up every request until it ends.
 *
 * @example
 * await rematchBrands({ store, pipeline, matchBrands }); // { scanned: 1200, relinked: 37, aspectsChanged: 0, reindexed: 0, stopped: false }
 */
export async function rematchBrands(deps: RematchDeps): Promise<RematchSummary> {
  const summary: RematchSummary = { scanned: 0, relinked: 0, aspectsChanged: 0, reindexed: 0, stopped: false };
  const holdsChangedName = createNameFinder(deps.aspectNames ?? [], (name) => deps.pipeline.run({ text: name }).doc.simplified ?? name);
  for (let afterId = 0; ; ) {
    if (deps.shouldStop?.()) return { ...summary, stopped: true };
    const rows = await deps.store.scanMentionBrands(afterId, PAGE);
    if (rows.length === 0) return summary;
    const changes: BrandRelink[] = [];
    for (const row of rows) {
      const text = analysisText(row.title, row.text);
      const { doc } = deps.pipeline.run({ text, declaredLang: row.lang });
      const tokens = doc.tokens ?? [];
      const simplified = doc.simplified ?? doc.normalized ?? text;
      const brandIds = deps.matchBrands(simplified, tokens);
      const relink = !sameSet(brandIds, row.brandIds);
      const reindex = deps.reindexWords !== undefined && tokens.some((t) => deps.reindexWords!.has(t));
      const aspects = doc.aspects && holdsChangedName(simplified) && !sameAspects(doc.aspects, row.aspects) ? doc.aspects : undefined;
      if (!relink && !reindex && !aspects) continue;
      changes.push({
        id: row.id,
        contentHash: row.contentHash,
        brandIds,
        ...(reindex ? { searchTokens: searchTokensOf(tokens) } : {}),
        ...(aspects ? { aspects } : {}),
      });
      if (relink) summary.relinked += 1;
      if (aspects) summary.aspectsChanged += 1;
      if (reindex) summary.reindexed += 1;
    }
    await deps.store.relinkBrands(changes);
    summary.scanned += rows.length;
    afterId = rows[rows.length - 1].id;
    deps.onProgress?.({ ...summary });
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(b);
  return a.every((x) => set.has(x));
}
