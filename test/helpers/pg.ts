import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPgPool, PG_TYPES } from '../../src/store/postgres/pool.js';
import { migratePg } from '../../src/store/postgres/migrate.js';

/**
 * The test server: PostgreSQL on 127.0.0.1:5432, database `test`, trust auth. `KOUBEI_TEST_PG`
 * overrides it (tests read the environment directly; the app never does outside src/config.ts).
 */
export const PG_TEST_URL = process.env.KOUBEI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Under CI a missing server must fail the PostgreSQL tests rather than silently skip them. */
export const PG_REQUIRED = process.env.CI === 'true';

async function probe(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_TEST_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why PostgreSQL is unusable, or null when it answers. Probed once per test file. */
export const PG_UNAVAILABLE: string | null = await probe();

if (PG_UNAVAILABLE && !PG_REQUIRED) {
  console.warn(`[koubei tests] PostgreSQL at ${PG_TEST_URL} not reachable (${PG_UNAVAILABLE}); skipping the PostgreSQL backend`);
}

/** Runs one statement on a short-lived admin connection (schema create/drop). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestSchema {
  schema: string;
  pool: pg.Pool;
  /** Rows as arrays, with koubei's number parsing (for comparing against recounts). */
  raw(sql: string, params?: unknown[]): Promise<unknown[][]>;
  /** Ends the pool and drops the schema. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated schema `koubei_test_<random>` with its own small pool. Every test gets its own
 * and drops it afterwards, so tests never see each other's rows.
 */
export async function makePgSchema(options: { migrate?: boolean } = {}): Promise<TestSchema> {
  if (PG_UNAVAILABLE) throw new Error(`PostgreSQL required${PG_REQUIRED ? ' under CI' : ''} but not reachable at ${PG_TEST_URL}: ${PG_UNAVAILABLE}`);
  const schema = `koubei_test_${randomBytes(6).toString('hex')}`;
  const pool = createPgPool(PG_TEST_URL, { schema, max: 4, synchronousCommit: false });
  if (options.migrate ?? true) await migratePg(pool, schema);
  let dropped = false;
  return {
    schema,
    pool,
    raw: async (sql, params = []) => (await pool.query({ text: sql, values: params, rowMode: 'array', types: PG_TYPES } as pg.QueryConfig)).rows,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await pool.end().catch(() => undefined);
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}
