import type pg from 'pg';
import type { Db } from '../db.js';
import { ValidationError } from '../../errors.js';
import { query } from './pool.js';
import { withTransaction } from './transaction.js';

/** One table to copy: its columns as SQLite has them, and the key that orders it. */
export interface TableSpec {
  name: string;
  columns: string[];
  key: string[];
}

export interface CopyOptions {
  /** Search tokens of a stored mention (SQLite's FTS5 index is contentless, so they are recomputed). */
  tokenize(mention: { title: string | null; text: string; lang: string }): string[];
  /** The search-token layout `tokenize` writes, recorded as the copy's (`store_state`). */
  searchLayout: number;
  batchSize?: number;
  onProgress?(table: string, done: number, total: number): void;
}

/**
 * SQLite tables that have no row-for-row twin: the FTS5 index lives on as `mentions.tokens`, and
 * `store_state` describes the copy's derived rows rather than the file's (see `copyStoreState`).
 */
const DERIVED = /^(sqlite_|mention_search|store_state$)/;
/** Self-references copied in a second pass: a re-linked repost may point at a later id. */
const SECOND_PASS: Record<string, string[]> = { mentions: ['duplicate_of'] };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every copyable SQLite table in creation order (the migrations create parents before children). */
export function listSqliteTables(db: Db): TableSpec[] {
  const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid`).pluck().all() as string[];
  return names.filter((name) => !DERIVED.test(name)).map((name) => {
    const info = db.prepare(`PRAGMA table_info(${quote(name)})`).all() as { name: string; pk: number }[];
    const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    return { name, columns: info.map((c) => c.name), key: key.length ? key : info.map((c) => c.name) };
  });
}

/**
 * Copies every table of a SQLite store into an empty, migrated Postgres schema in ONE transaction:
 * a failure leaves the target empty and the command can simply run again. Rows go in batches through
 * `INSERT … SELECT * FROM unnest(…)` with each column cast to its Postgres type; identity sequences
 * are moved past the copied ids so new rows never collide, and every table is analysed before the
 * commit, so the first queries on the copy are planned for its real size. Returns the rows copied per table.
 */
export async function copySqliteToPostgres(db: Db, pool: pg.Pool, schema: string, options: CopyOptions): Promise<Map<string, number>> {
  const tables = listSqliteTables(db);
  const batchSize = options.batchSize ?? 1000;
  const copied = new Map<string, number>();
  await withTransaction(pool, async (client) => {
    const pgTypes = await columnTypes(client, schema);
    for (const table of tables) {
      const types = pgTypes.get(table.name);
      const missing = types ? table.columns.filter((c) => !types.has(c)) : table.columns;
      if (missing.length) throw new ValidationError(`migrate-store: ${table.name}.${missing[0]} exists in SQLite but not in Postgres schema "${schema}"; nothing was copied`);
      const existing = await query<{ n: number }>(client, `SELECT count(*) AS n FROM ${quote(table.name)}`);
      if (existing[0].n > 0) throw new ValidationError(`migrate-store: target table ${schema}.${table.name} already has ${existing[0].n} rows; copy into an empty schema`);
    }
    for (const table of tables) {
      const types = pgTypes.get(table.name)!;
      const later = SECOND_PASS[table.name] ?? [];
      const withTokens = table.name === 'mentions';
      const columns = [...table.columns, ...(withTokens ? ['tokens'] : [])];
      const insert = `INSERT INTO ${quote(table.name)} (${columns.map(quote).join(', ')})
        SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${types.get(c)}[]`).join(', ')})`;
      const total = db.prepare(`SELECT count(*) FROM ${quote(table.name)}`).pluck().get() as number;
      const links: unknown[][] = [];
      let done = 0;
      let batch: Record<string, unknown>[] = [];
      const flush = async () => {
        if (!batch.length) return;
        const values = columns.map((c) =>
          c === 'tokens' ? batch.map((r) => options.tokenize(r as never).join(' ')) : batch.map((r) => (later.includes(c) ? null : r[c])));
        await client.query(insert, values);
        for (const r of batch) if (later.some((c) => r[c] !== null)) links.push([r.id, ...later.map((c) => r[c])]);
        done += batch.length;
        batch = [];
        options.onProgress?.(table.name, done, total);
      };
      for (const row of db.prepare(`SELECT * FROM ${quote(table.name)} ORDER BY ${table.key.map(quote).join(', ')}`).iterate()) {
        batch.push(row as Record<string, unknown>);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      for (let i = 0; i < links.length; i += batchSize) {
        const chunk = links.slice(i, i + batchSize);
        const sets = later.map((c, j) => `${quote(c)} = v.c${j}`).join(', ');
        await client.query(`UPDATE ${quote(table.name)} t SET ${sets}
          FROM unnest($1::bigint[]${later.map((_, j) => `, $${j + 2}::bigint[]`).join('')}) AS v (id${later.map((_, j) => `, c${j}`).join('')})
          WHERE t.id = v.id`, [chunk.map((l) => l[0]), ...later.map((_, j) => chunk.map((l) => l[j + 1]))]);
      }
      copied.set(table.name, done);
    }
    await copyStoreState(db, client, options.searchLayout);
    await resetIdentities(client, schema);
    // Without statistics the planner takes `deleted_at IS NULL AND duplicate_of IS NULL` to keep
    // 0.005² of the rows and picks nested loops that read every mention of a period (themes took
    // 5–21 s at 1M mentions). Autovacuum would analyse the tables only later, or never when off.
    for (const table of tables) await client.query(`ANALYZE ${quote(table.name)}`);
  });
  return copied;
}

/**
 * The file's markers carry over, but not its search layout: every copied mention's tokens were just
 * computed by `tokenize`, so the copy is in its layout whatever the file's rows are in.
 */
async function copyStoreState(db: Db, client: pg.PoolClient, searchLayout: number): Promise<void> {
  const rows = db.prepare(`SELECT key, value FROM store_state WHERE key NOT IN ('search_layout', 'search_reindex_after')`).all() as { key: string; value: string }[];
  const upsert = 'INSERT INTO store_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value';
  for (const row of [...rows, { key: 'search_layout', value: String(searchLayout) }]) await client.query(upsert, [row.key, row.value]);
}

/** Postgres column types per table in the schema, as array-castable names. */
async function columnTypes(client: pg.PoolClient, schema: string): Promise<Map<string, Map<string, string>>> {
  const rows = await query<{ table_name: string; column_name: string; data_type: string }>(client,
    'SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = $1', [schema]);
  const byTable = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const type = r.data_type === 'double precision' ? 'float8' : r.data_type;
    byTable.set(r.table_name, (byTable.get(r.table_name) ?? new Map()).set(r.column_name, type));
  }
  return byTable;
}

/** Moves every identity sequence past the largest copied id. */
async function resetIdentities(client: pg.PoolClient, schema: string): Promise<void> {
  const identities = await query<{ table_name: string; column_name: string }>(client,
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1 AND is_identity = 'YES'`, [schema]);
  for (const { table_name: table, column_name: column } of identities) {
    await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quote(column)}) FROM ${quote(table)}), 0) + 1, false)`,
      [`${quote(schema)}.${quote(table)}`, column]);
  }
}
