/** Shared checks of the brand-deletion tests: what a deleted brand leaves behind, and PG lock waits. */
import { expect } from 'vitest';
import { makePgSchema } from './pg.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { pgRecountAuthorsSql, pgRecountSql } from '../../src/store/postgres/rollups.js';
import { recount, round, snapshot, type TestStore } from './store.js';

/** Links, rollup cells, author cells and daily term cells still naming `brandId`. */
export async function traces(t: TestStore, brandId: string): Promise<unknown[]> {
  const tables = ['mention_brands', 'rollups', 'rollup_authors', 'term_rollups'];
  return (await Promise.all(tables.map((table) => t.raw(`SELECT brand_id FROM ${table} WHERE brand_id = '${brandId}'`)))).flat();
}

/** The incrementally kept rollups equal a recount from the mentions. */
export async function expectRollupsEqualRecount(t: TestStore): Promise<void> {
  const [expected, incremental] = [await recount(t), await snapshot(t)];
  expect(round(incremental.cells)).toEqual(round(expected.cells));
  expect(incremental.authors).toEqual(expected.authors);
}

/** A PostgreSQL test store in a fresh schema, plus its pool (for a second, blocking connection). */
export async function openPgTestStore() {
  const schema = await makePgSchema();
  const store = createPostgresStore(schema.pool, { schema: schema.schema, ownsPool: false });
  const t: TestStore = { store, raw: schema.raw, recountSql: pgRecountSql, recountAuthorsSql: pgRecountAuthorsSql, close: schema.drop };
  return { t, store, pool: schema.pool };
}

export type PgTestStore = Awaited<ReturnType<typeof openPgTestStore>>;

/**
 * Runs `op` while `deleteBrand(brandId)` is held between removing the brand's links and committing
 * (another connection holds its rollup rows), then lets the deletion finish. Returns whether `op`
 * had to wait for the deletion.
 */
export async function duringDeletion(pg: PgTestStore, brandId: string, op: () => Promise<unknown>): Promise<boolean> {
  const blocker = await pg.pool.connect();
  try {
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM rollups WHERE brand_id = $1 FOR UPDATE', [brandId]);
    const blockerPid = Number((await blocker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    const deletion = pg.store.deleteBrand(brandId);
    const deleterPid = await poll(async () => (await blockedBy(pg.t, blockerPid))[0], 'the deletion to wait');
    let settled = false;
    const running = op();
    void running.finally(() => (settled = true)).catch(() => undefined);
    const waited = await poll(async () => (settled ? false : (await blockedBy(pg.t, deleterPid)).length > 0 ? true : undefined), 'the operation to wait or finish');
    await blocker.query('ROLLBACK');
    expect(await deletion).toBe(true);
    await running;
    return waited;
  } finally {
    blocker.release();
  }
}

/** Backends blocked by `pid` (waiting for one of its locks). */
async function blockedBy(t: TestStore, pid: number): Promise<number[]> {
  return (await t.raw('SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid])).map(([p]) => Number(p));
}

/** Polls `probe` every 20 ms until it returns a value (10 s at most). */
async function poll<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    const value = await probe();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}
