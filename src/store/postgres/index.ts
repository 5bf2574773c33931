import type pg from 'pg';
import { ConfigError } from '../../errors.js';
import type { Store } from '../types.js';
import { createPgPool, parsePgUrl, queryOne } from './pool.js';
import { migratePg } from './migrate.js';
import { withTransaction } from './transaction.js';
import { saveMentionBatch } from './save-mentions.js';
import { listMentionsPg } from './query-mentions.js';
import { trendsPg } from './trends.js';
import { aspectCountsPg, shareOfVoicePg, termCountsPg, termSamplesPg } from './analytics.js';
import { claimSourcePg, createPgSourceRepository } from './sources.js';
import { deleteBrandPg, listBrandsPg, markDeletedPg, upsertBrandsPg } from './brands.js';
import { relinkBrandsPg, scanMentionBrandsPg } from './relink-brands.js';
import { rebuildRollups } from './rollups.js';
import { createPgAlertRepository } from './alerts.js';
import { createPgProfileRepository } from './profiles.js';
import { createPgKeyRepository } from './keys.js';
import { aspectNamesPg, reindexSearchPg, searchIndexStatePg, setAspectNamesPg } from './store-state.js';

export interface PostgresStoreOptions {
  /** Schema of koubei's tables; the pool's connections must have it first on their search_path. */
  schema: string;
  /** Apply pending migrations before the first query (default true). */
  migrate?: boolean;
  /** End the pool on `close()` (default true). */
  ownsPool?: boolean;
}

/**
 * The PostgreSQL backend behind the async `Store` interface. Every write batch is one transaction on
 * one pooled connection; queries are parameterised, hot ones are named (prepared once per connection).
 * Migrations run once, lazily, before the first call, so construction stays synchronous like SQLite's.
 *
 * @example
 * const store = createPostgresStore(createPgPool(url, { schema: 'koubei' }), { schema: 'koubei' });
 */
export function createPostgresStore(pool: pg.Pool, options: PostgresStoreOptions): Store {
  const { schema, migrate = true, ownsPool = true } = options;
  let ready: Promise<void> | undefined;
  const prepare = async () => {
    if (migrate) await migratePg(pool, schema);
    const row = await queryOne<{ s: string }>(pool, 'SELECT current_schema() AS s');
    if (row?.s !== schema) throw new ConfigError(`postgres: expected search_path to start with schema "${schema}", found "${row?.s}" (create the pool with createPgPool)`);
  };
  // A failed start (server down) is not cached: the next call tries again.
  const whenReady = () => (ready ??= prepare().catch((err) => ((ready = undefined), Promise.reject(err))));
  const on = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => (await whenReady(), fn(...args));
  const onAll = <T extends object>(repo: T): T =>
    Object.fromEntries(Object.entries(repo).map(([k, fn]) => [k, on(fn as (...a: unknown[]) => Promise<unknown>)])) as T;

  const sources = createPgSourceRepository(pool);
  return {
    saveMentions: on((items, claim) => (items.length || claim ? withTransaction(pool, async (client) => {
      if (claim) claim.accept(await claimSourcePg(client, claim.id, claim, claim.now));
      return saveMentionBatch(client, items);
    }) : Promise.resolve({ inserted: 0, updated: 0, unchanged: 0, duplicates: 0 }))),
    listMentions: on((q) => listMentionsPg(pool, q)),
    trends: on((q) => trendsPg(pool, q)),
    markDeleted: on((sourceId, ids, at) => markDeletedPg(pool, sourceId, ids, at)),
    rebuildRollups: on(() => withTransaction(pool, rebuildRollups)),
    claimSource: on(sources.claim),
    getSource: on(sources.get),
    listSources: on(sources.list),
    recordRun: on(sources.recordRun),
    listRuns: on(sources.listRuns),
    shareOfVoice: on((brandIds, from, to) => shareOfVoicePg(pool, brandIds, from, to)),
    termCounts: on((q) => termCountsPg(pool, q)),
    aspectCounts: on((q) => aspectCountsPg(pool, q)),
    termSamples: on((q) => termSamplesPg(pool, q)),
    upsertBrands: on((brands) => upsertBrandsPg(pool, brands)),
    deleteBrand: on((id) => deleteBrandPg(pool, id)),
    listBrands: on(() => listBrandsPg(pool)),
    scanMentionBrands: on((afterId, limit) => scanMentionBrandsPg(pool, afterId, limit)),
    relinkBrands: on((changes) => relinkBrandsPg(pool, changes)),
    aspectNames: on(() => aspectNamesPg(pool)),
    setAspectNames: on((names) => setAspectNamesPg(pool, names)),
    searchIndexState: on((layout) => searchIndexStatePg(pool, layout)),
    reindexSearch: on((layout, limit, tokensOf) => reindexSearchPg(pool, layout, limit, tokensOf)),
    alerts: onAll(createPgAlertRepository(pool)),
    profiles: onAll(createPgProfileRepository(pool)),
    keys: onAll(createPgKeyRepository(pool)),
    close: async () => {
      await ready?.catch(() => undefined);
      if (ownsPool) await pool.end();
    },
  };
}

/**
 * Opens the store at a `postgres://…[?schema=name]` URL with its own pool.
 *
 * @example
 * const store = openPostgresStore('postgres://koubei@db:5432/koubei?schema=koubei');
 */
export function openPostgresStore(url: string, options: { max?: number } = {}): Store {
  const target = parsePgUrl(url);
  return createPostgresStore(createPgPool(target.url, { schema: target.schema, max: options.max }), { schema: target.schema });
}

export { createPgPool, parsePgUrl } from './pool.js';
export { migratePg } from './migrate.js';
