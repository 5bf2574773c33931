import type pg from 'pg';
import { query } from './pool.js';

/**
 * Holds FOR SHARE every existing brand among the given mentions' current links and `brandIds`, and
 * returns their ids: the brands a batch may link. `mention_brands` has no foreign key to `brands`, so
 * writers link only these. `deleteBrandPg` locks its brand FOR UPDATE before removing links, so a
 * deletion and a writer wait for each other, and a brand deleted meanwhile is not returned (FOR SHARE
 * skips a row deleted by the transaction it waited for). Current links count too: once a deletion of
 * one of them commits, the contributions read by the writer still hold it, and its counts would be
 * subtracted from rollup rows already removed. Locked in code-point order, the order `upsertBrandsPg`
 * updates brands in, so a brand edit and a writer never deadlock. Call it after locking the mentions
 * and before writing any link or rollup row, as every writer does.
 */
export async function lockBrands(client: pg.PoolClient, mentionIds: number[], brandIds: string[]): Promise<Set<string>> {
  const rows = await query<{ id: string }>(client, `
    SELECT id FROM brands WHERE id = ANY($2::text[])
      OR id IN (SELECT brand_id FROM mention_brands WHERE mention_id = ANY($1::bigint[]))
    ORDER BY id COLLATE "C" FOR SHARE`, [mentionIds, [...new Set(brandIds)]]);
  return new Set(rows.map((row) => row.id));
}
