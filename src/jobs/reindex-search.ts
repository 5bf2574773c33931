import type { Pipeline } from '../pipeline/pipeline.js';
import { SEARCH_LAYOUT, searchTokensOf } from '../pipeline/search-tokens.js';
import type { SearchText, Store } from '../store/types.js';
import { analysisText } from './analyse-posts.js';

export interface ReindexDeps {
  store: Store;
  /** Search tokens of a stored mention in the current layout (`createStoredTokenizer`). */
  tokensOf: (mention: SearchText) => string[];
  /** Mentions rewritten per transaction (default 500). */
  batchSize?: number;
  /** Checked between steps: true ends the run early (shutdown); the next run goes on from there. */
  shouldStop?: () => boolean;
  /** Called after every step with the mentions rewritten so far and the number due at the start. */
  onProgress?: (done: number, total: number) => void;
}

export interface ReindexSummary {
  /** The layout the store's rows were in before (the current one when nothing was due). */
  from: number;
  to: number;
  /** Live mentions that were due for a rewrite when the run started. */
  due: number;
  reindexed: number;
  /** The run ended early (`shouldStop`); the store remembers where. */
  stopped: boolean;
}

const DEFAULT_BATCH = 500;

/**
 * Rewrites the search tokens of every mention stored in an older layout than `SEARCH_LAYOUT`, one
 * transaction of `batchSize` mentions at a time, then records the new layout. Rows keep answering searches
 * meanwhile: a query matches the old layout as it did before (`termPhrases`). The event loop gets a
 * turn after every step, so a server re-indexing in the background keeps answering requests.
 *
 * @example
 * await reindexSearch({ store, tokensOf: createStoredTokenizer(pipeline) }); // { from: 1, to: 2, due: 1200, reindexed: 1200, stopped: false }
 */
export async function reindexSearch(deps: ReindexDeps): Promise<ReindexSummary> {
  const state = await deps.store.searchIndexState(SEARCH_LAYOUT);
  const summary: ReindexSummary = { from: state.layout, to: SEARCH_LAYOUT, due: state.remaining, reindexed: 0, stopped: false };
  if (state.layout >= SEARCH_LAYOUT) return summary;
  for (;;) {
    if (deps.shouldStop?.()) return { ...summary, stopped: true };
    const step = await deps.store.reindexSearch(SEARCH_LAYOUT, deps.batchSize ?? DEFAULT_BATCH, deps.tokensOf);
    summary.reindexed += step.rewritten;
    deps.onProgress?.(summary.reindexed, summary.due);
    if (step.done) return summary;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Search tokens as the collection job makes them for a stored mention: the pipeline's segmentation
 * of title + text, in the current layout. The stored language is passed as declared, so the text is
 * segmented as it was when it was analysed.
 */
export function createStoredTokenizer(pipeline: Pipeline): (mention: SearchText) => string[] {
  return ({ title, text, lang }) => {
    const { doc } = pipeline.run({ text: analysisText(title, text), declaredLang: lang === 'zh' || lang === 'en' ? lang : undefined });
    return searchTokensOf(doc.tokens ?? []);
  };
}

export interface ReindexRunner {
  /** Runs the re-index, or joins the run going (its progress goes to the caller that started it). */
  run(onProgress?: ReindexDeps['onProgress']): Promise<ReindexSummary>;
  /** Ends the run going at its next step and waits for it; true when one was cut short. */
  stop(): Promise<boolean>;
}

/** One re-index at a time per process (the server in the background, `koubei migrate` in front). */
export function createReindexRunner(deps: Pick<ReindexDeps, 'store' | 'tokensOf'>): ReindexRunner {
  let running: Promise<ReindexSummary> | null = null;
  let stopping = false;
  return {
    run(onProgress) {
      running ??= reindexSearch({ ...deps, shouldStop: () => stopping, onProgress }).finally(() => (running = null));
      return running;
    },
    async stop() {
      stopping = true;
      const summary = await running?.catch(() => undefined);
      return summary?.stopped === true;
    },
  };
}
