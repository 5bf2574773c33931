import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Db } from '../db.js';
import { PG_TYPES } from './pool.js';
import { listSqliteTables, type TableSpec } from './copy-from-sqlite.js';

/** Row count and checksum of one table on both sides. */
export interface TableCheck {
  table: string;
  sqliteRows: number;
  postgresRows: number;
  sqliteMd5: string;
  postgresMd5: string;
  ok: boolean;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * md5 over every row of every copied table, read in key order on both sides and serialised the same
 * way in JS (JSON of the SQLite column values). Covering all columns, not just keys, is what makes
 * "without loss" checkable: any changed value, missing or extra row changes the digest. Text keys are
 * ordered `COLLATE "C"` on Postgres, which is SQLite's binary order for UTF-8.
 */
export async function verifyCopy(db: Db, pool: pg.Pool, options: { batchSize?: number } = {}): Promise<TableCheck[]> {
  const checks: TableCheck[] = [];
  for (const table of listSqliteTables(db)) {
    const local = digestSqlite(db, table);
    const remote = await digestPostgres(pool, table, options.batchSize ?? 2000);
    checks.push({
      table: table.name,
      sqliteRows: local.rows,
      postgresRows: remote.rows,
      sqliteMd5: local.md5,
      postgresMd5: remote.md5,
      ok: local.rows === remote.rows && local.md5 === remote.md5,
    });
  }
  return checks;
}

function digestSqlite(db: Db, table: TableSpec): { rows: number; md5: string } {
  const hash = createHash('md5');
  let rows = 0;
  const sql = `SELECT ${table.columns.map(quote).join(', ')} FROM ${quote(table.name)} ORDER BY ${table.key.map(quote).join(', ')}`;
  for (const row of db.prepare(sql).raw().iterate()) {
    hash.update(`${JSON.stringify(row)}\n`);
    rows += 1;
  }
  return { rows, md5: hash.digest('hex') };
}

/** Reads through a server-side cursor in a read-only snapshot, so memory stays flat at any size. */
async function digestPostgres(pool: pg.Pool, table: TableSpec, batchSize: number): Promise<{ rows: number; md5: string }> {
  const client = await pool.connect();
  const hash = createHash('md5');
  let rows = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const keyTypes = await client.query<{ column_name: string; data_type: string }>(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [table.name]);
    const isText = new Set(keyTypes.rows.filter((r) => r.data_type === 'text').map((r) => r.column_name));
    const order = table.key.map((k) => `${quote(k)}${isText.has(k) ? ' COLLATE "C"' : ''}`).join(', ');
    await client.query(`DECLARE koubei_verify NO SCROLL CURSOR FOR
      SELECT ${table.columns.map(quote).join(', ')} FROM ${quote(table.name)} ORDER BY ${order}`);
    for (;;) {
      const page = await client.query({ text: `FETCH ${batchSize} FROM koubei_verify`, rowMode: 'array', types: PG_TYPES } as pg.QueryConfig);
      for (const row of page.rows as unknown[][]) hash.update(`${JSON.stringify(row)}\n`);
      rows += page.rows.length;
      if (page.rows.length < batchSize) break;
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  return { rows, md5: hash.digest('hex') };
}
