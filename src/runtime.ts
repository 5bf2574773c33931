import { createRequire } from 'node:module';
import type { AppConfig } from './config.js';
import type { Logger } from './collectors/types.js';
import { COLLECTORS } from './collectors/index.js';
import { createPoliteFetch } from './collectors/http.js';
import type { RawPost } from './domain.js';
import { createBrandMatcher, type BrandMatcher } from './pipeline/brand-matcher.js';
import type { RematchDeps, RematchSummary } from './jobs/rematch-brands.js';
import { createRematchRunner } from './jobs/rematch-runner.js';
import { createReindexRunner, createStoredTokenizer, type ReindexDeps, type ReindexSummary } from './jobs/reindex-search.js';
import { createDefaultPipeline } from './pipeline/default-pipeline.js';
import { createSegmentationPipeline } from './pipeline/segmentation-pipeline.js';
import type { Pipeline } from './pipeline/pipeline.js';
import { loadNlpResources } from './resources/nlp.js';
import { brandNames, brandWords } from './resources/brand-names.js';
import type { IngestSummary } from './jobs/ingest.js';
import { openPushTarget } from './jobs/push-posts.js';
import type { CollectionDeps } from './jobs/run-collection.js';
import { openStore } from './store/index.js';
import { createProfileService, type ProfileService } from './jobs/update-profiles.js';
import { loadTaxonomy } from './resources/taxonomy.js';
import { resolveProfilesConfig } from './profiles/config.js';
import { createPseudonymizer } from './profiles/pseudonymize.js';
import type { BrandRecord, Store } from './store/types.js';

const require = createRequire(import.meta.url);
export const VERSION: string = (require('../package.json') as { version: string }).version;

/** Everything a process needs, built once from config: the composition root. */
export interface Runtime {
  config: AppConfig;
  store: Store;
  pipeline: Pipeline;
  log: Logger;
  collection: CollectionDeps;
  /** Customer profiles: incremental update, rebuild, links, erasure, retention. */
  profiles: ProfileService;
  /** Stores pushed posts under a push source id; a ConflictError when a collector owns the id. */
  ingest: (posts: RawPost[], sourceId: string) => Promise<IngestSummary>;
  /**
   * Re-reads brands from the store after they change through the API, then re-matches the stored
   * mentions in the background (see `rematchBrands`).
   */
  reloadBrands(): Promise<void>;
  /**
   * Re-reads brands from the store and, when they differ from those this process matches with,
   * rebuilds the matcher and adds their new words to jieba, without a re-match (the process that
   * changed them runs that). True when they changed. Worker processes call it (see `createBrandRefresh`).
   */
  refreshBrands(): Promise<boolean>;
  /**
   * Re-matches every stored mention against the current brands, re-indexes the mentions that name
   * one and recomputes their aspects where a brand name changes them (`koubei rematch`). Runs one at
   * a time after any run going (see `createRematchRunner`).
   */
  rematchBrands(onProgress?: RematchDeps['onProgress']): Promise<RematchSummary>;
  /**
   * Rewrites the search tokens of mentions indexed in an older layout than the code's, in steps
   * that survive an interruption (see `reindexSearch`); one run at a time, stopped by `close`.
   */
  reindexSearch(onProgress?: ReindexDeps['onProgress']): Promise<ReindexSummary>;
  /** Search-query tokens, produced by the same segmenters that indexed the mentions. */
  searchTerms: (query: string) => string[];
  close(): Promise<void>;
}

/** Opens the store, loads lexicons/models/segmenters once and wires the jobs. */
export async function createRuntime(config: AppConfig, log: Logger): Promise<Runtime> {
  const store = openStore(config);
  await store.upsertBrands(config.brands);
  // Brands live in the store (config brands plus those added through the API); the matcher and jieba follow it.
  const storedBrands = await store.listBrands();
  warnUnknownCompetitors(storedBrands, log);
  const jiebaWords = new Set(brandWords(storedBrands));
  const nlp = await loadNlpResources({ extraWords: [...jiebaWords] });
  const pipeline = createDefaultPipeline(nlp);
  const now = () => new Date();
  let aspectNames = brandNames(storedBrands);
  nlp.aspectNames.set(aspectNames);
  let matcher = createBrandMatcher(storedBrands, nlp.convertChinese);
  let matchedBrands = brandListKey(storedBrands);
  /** Matches with `brands` from now on; returns the words jieba learned from them. */
  const applyBrands = (brands: BrandRecord[]): string[] => {
    // Names of brands added or edited through the API stay whole in jieba from now on, as config
    // brands do; mentions stored before hold them split, so the re-match re-indexes those.
    const learned = brandWords(brands).filter((word) => !jiebaWords.has(word));
    for (const word of learned) jiebaWords.add(word);
    nlp.segmenters.addWords(learned);
    aspectNames = brandNames(brands);
    nlp.aspectNames.set(aspectNames);
    matcher = createBrandMatcher(brands, nlp.convertChinese);
    matchedBrands = brandListKey(brands);
    return learned;
  };
  const matchBrands: BrandMatcher = (text, tokens) => matcher(text, tokens);
  const pseudonymKey = config.pseudonymizeAuthors ? config.pseudonymKey : undefined;
  const profiles = createProfileService({ store, taxonomy: loadTaxonomy(), config: config.profiles ?? resolveProfilesConfig(undefined), now, pseudonymKey });
  const collection: CollectionDeps = {
    store,
    pseudonymize: pseudonymKey ? createPseudonymizer(pseudonymKey) : undefined,
    // A failed profile update must not fail the run: the posts are stored, and a rebuild catches up.
    onStored: (posts, platform) => profiles.updateForPosts(posts, platform).then(
      () => undefined,
      (err: Error) => log.error('profile update failed', { platform, error: err.message }),
    ),
    onDeleted: (sourceId, externalIds) => profiles.updateForDeleted(sourceId, externalIds).then(
      () => undefined,
      (err: Error) => log.error('profile update failed', { source: sourceId, error: err.message }),
    ),
    pipeline,
    matchBrands,
    now,
    log,
    fetch: createPoliteFetch({ onRetry: (info) => log.warn('retrying request', { ...info }) }),
    unhealthyAfterFailures: config.unhealthyAfterFailures,
  };
  const rematch = createRematchRunner({ store, pipeline, matchBrands, brandNames: () => aspectNames });
  const reindex = createReindexRunner({ store, tokensOf: createStoredTokenizer(createSegmentationPipeline(nlp)) });
  return {
    config,
    store,
    pipeline,
    log,
    collection,
    profiles,
    ingest: async (posts, sourceId) => {
      const push = await openPushTarget(sourceId, 'push', { ...collection, configuredSources: config.sources });
      return push(posts);
    },
    reloadBrands: async () => {
      const learned = applyBrands(await store.listBrands());
      rematch.request({ reindexWords: learned }).then(
        (summary) => log.info('stored mentions re-matched to brands', { ...summary }),
        (err: Error) => log.error('re-matching stored mentions failed', { error: err.message }),
      );
    },
    refreshBrands: async () => {
      const brands = await store.listBrands();
      if (brandListKey(brands) === matchedBrands) return false;
      const learned = applyBrands(brands);
      log.info('brands changed in the store; matching with the new ones', { brands: brands.length, newWords: learned.length });
      return true;
    },
    rematchBrands: (onProgress) => rematch.request({ reindexWords: jiebaWords, everyName: true, onProgress }),
    reindexSearch: (onProgress) => reindex.run(onProgress),
    searchTerms: (query) => (pipeline.run({ text: query }).doc.tokens ?? []).filter((t) => /[\p{L}\p{N}]/u.test(t)),
    close: async () => {
      if (await rematch.stop()) log.warn('brand re-match stopped at shutdown; run `koubei rematch` to finish it');
      if (await reindex.stop()) log.warn('search re-index stopped at shutdown; the next `koubei start`, `serve` or `migrate` goes on with it');
      await store.close();
    },
  };
}

/** What matching and segmentation read of a brand list (in `listBrands`' id order), as one string. */
function brandListKey(brands: readonly BrandRecord[]): string {
  return JSON.stringify(brands.map((b) => [b.id, b.name, b.aliases, b.query ?? null]));
}

/** Loads config with the registered source types. */
export { COLLECTORS };

/** Share of voice leaves out a competitor no brand row has (a typo, or a brand deleted through the API). */
function warnUnknownCompetitors(brands: readonly BrandRecord[], log: Logger): void {
  const ids = new Set(brands.map((b) => b.id));
  for (const brand of brands) {
    const unknown = brand.competitors.filter((id) => !ids.has(id));
    if (unknown.length > 0) log.warn('brand lists unknown competitors; share of voice leaves them out', { brand: brand.id, unknown });
  }
}
