import type { Db } from '../db.js';
import type { MentionInput, SourceClaim, Store } from '../types.js';
import { createSaveMentions } from './save-mentions.js';
import { createListMentions } from './query-mentions.js';
import { createTrends } from './trends.js';
import { createSourceRepository } from './sources.js';
import { createBrandRepository } from './brands.js';
import { createAlertRepository } from './alerts.js';
import { createRollupMaintainer } from './rollups.js';
import { createMarkDeleted } from './delete-mentions.js';
import { createRelinkBrands, createScanMentionBrands } from './relink-brands.js';
import { createAnalyticsRepository } from './analytics.js';
import { createProfileRepository } from './profiles.js';
import { createKeyRepository } from './keys.js';
import { createAspectNameState, createSearchIndexMaintenance } from './store-state.js';
import { writeTransaction } from './statements.js';

/**
 * The embedded SQLite backend behind the async `Store` interface. Work runs synchronously in
 * better-sqlite3 (fast, one transaction per batch); results are wrapped in resolved promises.
 *
 * @example
 * const store = createSqliteStore(openDb(':memory:'));
 */
export function createSqliteStore(db: Db): Store {
  const rollups = createRollupMaintainer(db);
  const saveMentions = createSaveMentions(db, rollups);
  const listMentions = createListMentions(db);
  const trends = createTrends(db);
  const sources = createSourceRepository(db);
  const brands = createBrandRepository(db);
  const markDeleted = createMarkDeleted(db, rollups);
  const analytics = createAnalyticsRepository(db);
  const scanMentionBrands = createScanMentionBrands(db);
  const relinkBrands = createRelinkBrands(db, rollups);
  const aspectNames = createAspectNameState(db);
  const searchIndex = createSearchIndexMaintenance(db);
  // The batch's own transaction nests in this one (as a savepoint), so the claim rolls back with it.
  const saveClaimed = writeTransaction(db, (items: MentionInput[], claim: SourceClaim) => {
    claim.accept(sources.claim(claim.id, claim, claim.now));
    return saveMentions(items);
  });
  return {
    saveMentions: async (items, claim) => (claim ? saveClaimed(items, claim) : saveMentions(items)),
    listMentions: async (query) => listMentions(query),
    trends: async (query) => trends(query),
    markDeleted: async (sourceId, ids, at) => markDeleted(sourceId, ids, at),
    rebuildRollups: async () => rollups.rebuild(),
    claimSource: async (id, owner, now) => sources.claim(id, owner, now),
    getSource: async (id) => sources.get(id),
    listSources: async () => sources.list(),
    recordRun: async (run, unhealthyAfter) => sources.recordRun(run, unhealthyAfter),
    listRuns: async (sourceId, limit) => sources.listRuns(sourceId, limit),
    shareOfVoice: async (brandIds, from, to) => analytics.shareOfVoice(brandIds, from, to),
    termCounts: async (query) => analytics.termCounts(query),
    aspectCounts: async (query) => analytics.aspectCounts(query),
    termSamples: async (query) => analytics.termSamples(query),
    upsertBrands: async (list) => brands.upsert(list),
    deleteBrand: async (id) => brands.remove(id),
    listBrands: async () => brands.list(),
    scanMentionBrands: async (afterId, limit) => scanMentionBrands(afterId, limit),
    relinkBrands: async (changes) => relinkBrands(changes),
    aspectNames: async () => aspectNames.get(),
    setAspectNames: async (names) => aspectNames.set(names),
    searchIndexState: async (layout) => searchIndex.state(layout),
    reindexSearch: async (layout, limit, tokensOf) => searchIndex.step(layout, limit, tokensOf),
    alerts: createAlertRepository(db),
    profiles: createProfileRepository(db, rollups),
    keys: createKeyRepository(db),
    close: async () => void db.close(),
  };
}
