import type pg from 'pg';
import type { BrandRecord } from '../types.js';
import { query } from './pool.js';
import { withTransaction } from './transaction.js';
import { loadContribution, RollupDelta } from './rollups.js';

interface BrandRow {
  id: string;
  name: string;
  aliases: string;
  query: string | null;
  competitors: string;
}

/** Brands mirrored from config into Postgres (upserted in one statement, in id order). */
export async function upsertBrandsPg(pool: pg.Pool, brands: BrandRecord[]): Promise<void> {
  if (!brands.length) return;
  const sorted = [...brands].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  await query(pool, `
    INSERT INTO brands (id, name, aliases, query, competitors)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, query = excluded.query,
      competitors = excluded.competitors`,
  [sorted.map((b) => b.id), sorted.map((b) => b.name), sorted.map((b) => JSON.stringify(b.aliases)), sorted.map((b) => b.query ?? null),
    sorted.map((b) => JSON.stringify(b.competitors))]);
}

export async function listBrandsPg(pool: pg.Pool): Promise<BrandRecord[]> {
  const rows = await query<BrandRow>(pool, 'SELECT * FROM brands ORDER BY id COLLATE "C"');
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    aliases: JSON.parse(row.aliases),
    query: row.query ?? undefined,
    competitors: JSON.parse(row.competitors),
  }));
}

/**
 * Removes a brand, its mention links and its rollup rows in one transaction. The brand row is locked
 * first: saving mentions and a brand re-match hold the brands they link FOR SHARE (`lockBrands`), so
 * each either finishes before the links are removed here or waits and then finds the brand gone;
 * without the lock they could insert links and counts of a deleted brand.
 */
export async function deleteBrandPg(pool: pg.Pool, id: string): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT id FROM brands WHERE id = $1 FOR UPDATE', [id]);
    // The rollup rows of the brand go as a whole, like on SQLite.
    await client.query('DELETE FROM mention_brands WHERE brand_id = $1', [id]);
    await client.query('DELETE FROM rollups WHERE brand_id = $1', [id]);
    await client.query('DELETE FROM rollup_authors WHERE brand_id = $1', [id]);
    await client.query('DELETE FROM term_rollups WHERE brand_id = $1', [id]);
    await client.query('DELETE FROM aspect_rollups WHERE brand_id = $1', [id]);
    return ((await client.query('DELETE FROM brands WHERE id = $1', [id])).rowCount ?? 0) > 0;
  });
}

/** Live reposts of a removed original: the earliest becomes the original and counts in its place. */
async function promoteCopiesPg(client: pg.PoolClient, originalId: number, delta: RollupDelta): Promise<void> {
  const copies = await query<{ id: number }>(client,
    'SELECT id FROM mentions WHERE duplicate_of = $1 AND deleted_at IS NULL ORDER BY created_at, id FOR UPDATE', [originalId]);
  if (!copies.length) return;
  const [first, ...rest] = copies.map((r) => Number(r.id));
  await client.query('UPDATE mentions SET duplicate_of = NULL WHERE id = $1', [first]);
  if (rest.length) await client.query('UPDATE mentions SET duplicate_of = $1 WHERE id = ANY($2::bigint[])', [first, rest]);
  delta.apply(await loadContribution(client, first), 1);
}

/**
 * Soft-deletes posts a platform reports removed, taking them out of the rollups in the same
 * transaction; live reposts of a removed original are re-linked to the earliest of them.
 */
export async function markDeletedPg(pool: pg.Pool, sourceId: string, externalIds: string[], at: number): Promise<number> {
  if (!externalIds.length) return 0;
  return withTransaction(pool, async (client) => {
    const rows = await query<{ id: number }>(client, `SELECT id FROM mentions WHERE source_id = $1 AND external_id = ANY($2::text[])
      AND deleted_at IS NULL ORDER BY id FOR UPDATE`, [sourceId, externalIds]);
    const delta = new RollupDelta();
    for (const { id } of rows) delta.apply(await loadContribution(client, id), -1);
    if (rows.length) await client.query('UPDATE mentions SET deleted_at = $1 WHERE id = ANY($2::bigint[])', [at, rows.map((r) => r.id)]);
    for (const { id } of rows) await promoteCopiesPg(client, id, delta);
    await delta.flush(client);
    return rows.length;
  });
}
