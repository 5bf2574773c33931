import type { Logger } from '../collectors/types.js';

export interface BrandRefreshOptions {
  /** Re-reads the brands and rebuilds the matcher when they changed (`Runtime.refreshBrands`). */
  refresh: () => Promise<boolean>;
  /** At most one look at the store per this many milliseconds. */
  intervalMs: number;
  log: Logger;
  now?: () => number;
}

/** How often a worker looks for brand changes by default. */
export const BRAND_CHECK_MS = 5_000;

/**
 * A worker builds its brand matcher and jieba words at start, but brands change later through the
 * API of another process (`koubei serve`). So an analysis job first calls the function returned
 * here, which re-reads the brands from the store at most once per `intervalMs`; jobs arriving while
 * a read runs wait for it rather than analyse with the brands it is about to replace.
 *
 * Why poll the store rather than be told: every change lands there (the API of any process, the
 * config brands a starting process upserts), so none can be missed, as a message over Redis could be
 * while a worker reconnects. Why compare the list rather than a revision number: the brands table
 * holds one short row per brand, reading it every few seconds costs less than one analysis batch,
 * and it needs no new column to keep right on every write path. A failed read is logged and the job
 * goes on with the brands it has; the next call tries again.
 *
 * @example
 * const refreshBrands = createBrandRefresh({ refresh: runtime.refreshBrands, intervalMs: 5_000, log });
 * await refreshBrands(); // before analysing a batch
 */
export function createBrandRefresh(options: BrandRefreshOptions): () => Promise<void> {
  const { refresh, intervalMs, log, now = Date.now } = options;
  let lastCheck = -Infinity;
  let running: Promise<void> | null = null;
  return () => {
    if (running) return running;
    if (now() - lastCheck < intervalMs) return Promise.resolve();
    lastCheck = now();
    running = refresh().then(
      () => undefined,
      (err: Error) => log.warn('brand check failed; analysing with the brands already loaded', { error: err.message }),
    ).finally(() => {
      running = null;
    });
    return running;
  };
}
