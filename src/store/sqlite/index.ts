import type { Db } from '../db.js';
import type { Store } from '../types.js';
import { createSaveMentions } from './save-mentions.js';
import { createListMentions } from './query-mentions.js';
import { createTrends } from './trends.js';
import { createSourceRepository } from './sources.js';
import { createBrandRepository } from './brands.js';

/**
 * The embedded SQLite backend behind the async `Store` interface. Work runs synchronously in
 * better-sqlite3 (fast, one transaction per batch); results are wrapped in resolved promises.
 *
 * @example
 * const store = createSqliteStore(openDb(':memory:'));
 */
export function createSqliteStore(db: Db): Store {
  const saveMentions = createSaveMentions(db);
  const listMentions = createListMentions(db);
  const trends = createTrends(db);
  const sources = createSourceRepository(db);
  const brands = createBrandRepository(db);
  const markDeleted = db.prepare(
    'UPDATE mentions SET deleted_at = ? WHERE source_id = ? AND external_id = ? AND deleted_at IS NULL',
  );
  const markDeletedAll = db.transaction((sourceId: string, ids: string[], at: number) =>
    ids.reduce((sum, id) => sum + markDeleted.run(at, sourceId, id).changes, 0),
  );
  return {
    saveMentions: async (items) => saveMentions(items),
    listMentions: async (query) => listMentions(query),
    trends: async (query) => trends(query),
    markDeleted: async (sourceId, ids, at) => markDeletedAll(sourceId, ids, at),
    upsertSource: async (id, type, now) => sources.upsert(id, type, now),
    getSource: async (id) => sources.get(id),
    listSources: async () => sources.list(),
    recordRun: async (run, unhealthyAfter) => sources.recordRun(run, unhealthyAfter),
    listRuns: async (sourceId, limit) => sources.listRuns(sourceId, limit),
    upsertBrands: async (list) => brands.upsert(list),
    listBrands: async () => brands.list(),
    close: async () => void db.close(),
  };
}
