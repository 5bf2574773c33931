import type pg from 'pg';
import type { SearchIndexState, SearchReindexStep, SearchText } from '../types.js';
import { query, queryOne, type Queryable } from './pool.js';
import { withTransaction } from './transaction.js';

/** The markers of how derived rows were made (`store_state`, migration 0006), by key. */
async function readState(db: Queryable, keys: string[], lock = false): Promise<Map<string, string>> {
  const rows = await query<{ key: string; value: string }>(db,
    `SELECT key, value FROM store_state WHERE key = ANY($1::text[]) ORDER BY key${lock ? ' FOR UPDATE' : ''}`, [keys]);
  return new Map(rows.map((row) => [row.key, row.value]));
}

async function writeState(db: Queryable, key: string, value: string): Promise<void> {
  await db.query('INSERT INTO store_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}

/** The brand names the stored aspects looked through (see `Store.aspectNames`). */
export async function aspectNamesPg(pool: pg.Pool): Promise<string[] | null> {
  const value = (await readState(pool, ['aspect_names'])).get('aspect_names');
  return value === undefined ? null : JSON.parse(value);
}

export async function setAspectNamesPg(pool: pg.Pool, names: string[]): Promise<void> {
  await writeState(pool, 'aspect_names', JSON.stringify(names));
}

const SEARCH_KEYS = ['search_layout', 'search_reindex_after'];

export async function searchIndexStatePg(pool: pg.Pool, layout: number): Promise<SearchIndexState> {
  const state = await readState(pool, SEARCH_KEYS);
  const current = Number(state.get('search_layout') ?? 0);
  if (current >= layout) return { layout: current, remaining: 0 };
  const row = await queryOne<{ n: number }>(pool, 'SELECT count(*) AS n FROM mentions WHERE id > $1 AND deleted_at IS NULL',
    [Number(state.get('search_reindex_after') ?? 0)]);
  return { layout: current, remaining: Number(row?.n ?? 0) };
}

/**
 * One step of the re-index (see `Store.reindexSearch`). The state rows are locked first, so processes
 * re-indexing at once (replicas starting together) take turns and each goes on where the other
 * stopped; the mentions are locked in id order, as every mention writer does, so a text saved
 * meanwhile is not overwritten with tokens of the old one.
 */
export async function reindexSearchPg(pool: pg.Pool, layout: number, limit: number, tokensOf: (m: SearchText) => string[]): Promise<SearchReindexStep> {
  return withTransaction(pool, async (client) => {
    const state = await readState(client, SEARCH_KEYS, true);
    if (Number(state.get('search_layout') ?? 0) >= layout) return { rewritten: 0, done: true };
    const rows = await query<SearchText & { id: string | number }>(client, `
      SELECT id, title, text, lang FROM mentions WHERE id > $1 AND deleted_at IS NULL ORDER BY id LIMIT $2 FOR UPDATE`,
    [Number(state.get('search_reindex_after') ?? 0), limit]);
    await client.query('UPDATE mentions m SET tokens = v.tokens FROM unnest($1::bigint[], $2::text[]) AS v (id, tokens) WHERE m.id = v.id',
      [rows.map((r) => r.id), rows.map((r) => tokensOf(r).join(' '))]);
    if (rows.length < limit) {
      await writeState(client, 'search_layout', String(layout));
      await client.query(`DELETE FROM store_state WHERE key = 'search_reindex_after'`);
      return { rewritten: rows.length, done: true };
    }
    await writeState(client, 'search_reindex_after', String(rows[rows.length - 1].id));
    return { rewritten: rows.length, done: false };
  });
}
