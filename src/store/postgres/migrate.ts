import type pg from 'pg';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listMigrations, type Migration } from '../db.js';
import { assertSchemaName, query } from './pool.js';
import { withTransaction } from './transaction.js';

/** `src/store/migrations-pg/000N_*.sql`, the Postgres twins of the SQLite migrations. */
export const PG_MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations-pg');

/** Lists the Postgres migrations in order (same numbering rules as SQLite). */
export function listPgMigrations(dir: string = PG_MIGRATIONS_DIR): Migration[] {
  return listMigrations(dir);
}

/**
 * Applies every Postgres migration not yet recorded in `<schema>.koubei_migrations`, each in its own
 * transaction. Each transaction first takes a transaction-scoped advisory lock keyed by the schema,
 * so two processes starting at once apply each migration exactly once: the second waits, then sees it
 * recorded. A failing migration rolls back whole (DDL is transactional in Postgres).
 * Returns the versions applied.
 *
 * @example
 * await migratePg(pool, 'koubei');
 */
export async function migratePg(pool: pg.Pool, schema: string, migrations: Migration[] = listPgMigrations()): Promise<number[]> {
  assertSchemaName(schema);
  const lock = `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`;
  const lockKey = `koubei_migrations:${schema}`;
  await withTransaction(pool, async (client) => {
    await client.query(lock, [lockKey]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.koubei_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await withTransaction(pool, async (client) => {
      await client.query(lock, [lockKey]);
      const seen = await query(client, `SELECT 1 FROM ${schema}.koubei_migrations WHERE version = $1`, [migration.version]);
      if (seen.length) return false;
      // The migration files name no schema; LOCAL scopes this to the transaction.
      await client.query(`SET LOCAL search_path TO ${schema}`);
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${schema}.koubei_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

/** Highest applied migration version in the schema, 0 when none. */
export async function pgSchemaVersion(pool: pg.Pool, schema: string): Promise<number> {
  assertSchemaName(schema);
  const rows = await query<{ v: number | null }>(pool, `SELECT max(version) AS v FROM ${schema}.koubei_migrations`);
  return rows[0]?.v ?? 0;
}
