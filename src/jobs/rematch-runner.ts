import { rematchBrands, type RematchDeps, type RematchSummary } from './rematch-brands.js';
import { namesToRecheck } from './aspect-name-changes.js';

export interface RematchRequest {
  /** Brand words jieba learned: mentions whose tokens hold one are re-indexed for search. */
  reindexWords: Iterable<string>;
  /**
   * Re-check the aspects of mentions naming any brand, not only a name changed since the last pass
   * (see `namesToRecheck`): `koubei rematch` catches up on what the server's passes could not know.
   */
  everyName?: boolean;
  onProgress?: RematchDeps['onProgress'];
}

export interface RematchRunner {
  /**
   * Queues a re-match after the one running, if any. Requests made before the queued run starts
   * join it (their words are merged), so a burst of brand edits costs one extra pass, not one each.
   */
  request(request: RematchRequest): Promise<RematchSummary>;
  /** Ends the running pass at its next page and waits for it; true when a pass was cut short. */
  stop(): Promise<boolean>;
}

export interface RematchRunnerDeps extends Pick<RematchDeps, 'store' | 'pipeline' | 'matchBrands'> {
  /** The brand names and aliases aspect matching looks through now. */
  brandNames: () => readonly string[];
}

/** What the queued pass will do: the requests that joined it, merged. */
interface PassRequest {
  words: Set<string>;
  everyName: boolean;
  listeners: NonNullable<RematchDeps['onProgress']>[];
}

/** Serialises brand re-matches for one process (the server after API brand changes, the CLI). */
export function createRematchRunner(deps: RematchRunnerDeps): RematchRunner {
  let last: Promise<RematchSummary | undefined> = Promise.resolve(undefined);
  let queued: { pass: PassRequest; done: Promise<RematchSummary> } | null = null;
  let stopping = false;
  return {
    request({ reindexWords, everyName = false, onProgress }) {
      if (queued) {
        for (const word of reindexWords) queued.pass.words.add(word);
        queued.pass.everyName ||= everyName;
        if (onProgress) queued.pass.listeners.push(onProgress);
        return queued.done;
      }
      const pass: PassRequest = { words: new Set(reindexWords), everyName, listeners: onProgress ? [onProgress] : [] };
      const done = last.catch(() => undefined).then(() => {
        queued = null;
        return runPass(deps, pass, () => stopping);
      });
      queued = { pass, done };
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

/**
 * One pass. The names the stored aspects looked through are recorded only after a complete pass: a
 * pass cut short leaves the old record, so the next one re-checks the same names.
 */
async function runPass(deps: RematchRunnerDeps, pass: PassRequest, stopping: () => boolean): Promise<RematchSummary> {
  const names = [...deps.brandNames()];
  const summary = await rematchBrands({
    ...deps,
    reindexWords: pass.words,
    aspectNames: namesToRecheck(await deps.store.aspectNames(), names, pass.everyName),
    shouldStop: stopping,
    onProgress: (s) => pass.listeners.forEach((listener) => listener(s)),
  });
  if (!summary.stopped) await deps.store.setAspectNames(names);
  return summary;
}
