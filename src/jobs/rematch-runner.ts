import { rematchBrands, type RematchDeps, type RematchSummary } from './rematch-brands.js';

export interface RematchRunner {
  /**
   * Queues a re-match after the one running, if any. Requests made before the queued run starts
   * join it (their words are merged), so a burst of brand edits costs one extra pass, not one each.
   */
  request(reindexWords: Iterable<string>, onProgress?: RematchDeps['onProgress']): Promise<RematchSummary>;
  /** Ends the running pass at its next page and waits for it; true when a pass was cut short. */
  stop(): Promise<boolean>;
}

interface Queued {
  words: Set<string>;
  listeners: NonNullable<RematchDeps['onProgress']>[];
  done: Promise<RematchSummary>;
}

/** Serialises brand re-matches for one process (the server after API brand changes, the CLI). */
export function createRematchRunner(deps: Pick<RematchDeps, 'store' | 'pipeline' | 'matchBrands'>): RematchRunner {
  let last: Promise<RematchSummary | undefined> = Promise.resolve(undefined);
  let queued: Queued | null = null;
  let stopping = false;
  return {
    request(reindexWords, onProgress) {
      if (queued) {
        for (const word of reindexWords) queued.words.add(word);
        if (onProgress) queued.listeners.push(onProgress);
        return queued.done;
      }
      const words = new Set(reindexWords);
      const listeners = onProgress ? [onProgress] : [];
      const done = last.catch(() => undefined).then(() => {
        queued = null;
        return rematchBrands({
          ...deps,
          reindexWords: words,
          shouldStop: () => stopping,
          onProgress: (summary) => listeners.forEach((listener) => listener(summary)),
        });
      });
      queued = { words, listeners, done };
      last = done;
      return done;
    },
    async stop() {
      stopping = true;
      const summary = await last.catch(() => undefined);
      return summary?.stopped === true;
    },
  };
}
