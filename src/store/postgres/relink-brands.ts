import type pg from 'pg';
import type { BrandRelink, MentionBrandLinks } from '../types.js';
import { query } from './pool.js';
import { withTransaction } from './transaction.js';
import { loadContribution, RollupDelta } from './rollups.js';
import { lockBrands } from './lock-brands.js';
import { replaceAspectRowsPg } from './mention-aspects.js';
import type { AspectOpinion } from '../../domain.js';

/** Pages through stored mentions with their brand links and aspects (see `Store.scanMentionBrands`). */
export async function scanMentionBrandsPg(pool: pg.Pool, afterId: number, limit: number): Promise<MentionBrandLinks[]> {
  type Row = Omit<MentionBrandLinks, 'id' | 'aspects'> & { id: string | number; aspects: string | null };
  const rows = await query<Row>(pool, `
    SELECT m.id, m.title, m.text, m.lang, m.content_hash AS "contentHash", a.aspects,
      coalesce((SELECT array_agg(brand_id ORDER BY brand_id) FROM mention_brands WHERE mention_id = m.id), '{}') AS "brandIds"
    FROM mentions m LEFT JOIN analyses a ON a.mention_id = m.id
    WHERE m.id > $1 AND m.deleted_at IS NULL ORDER BY m.id LIMIT $2`, [afterId, limit]);
  return rows.map((row) => ({ ...row, id: Number(row.id), aspects: row.aspects ? JSON.parse(row.aspects) : [] }));
}

/**
 * Replaces brand links (and, when given, search tokens and aspects); each mention's old contribution
 * leaves the rollups and its new one enters, so the brand, term and aspect counts move with it.
 * `mention_brands` has no foreign key to `brands`, so a brand deleted after the re-match scanned
 * would get its links and counts back. The brand rows this transaction links or unlinks are held
 * FOR SHARE, after the mentions: `deleteBrandPg` locks its brand FOR UPDATE before removing links,
 * so one of the two waits for the other, and a brand already gone is simply not linked.
 */
export async function relinkBrandsPg(pool: pg.Pool, changes: BrandRelink[]): Promise<void> {
  if (!changes.length) return;
  await withTransaction(pool, async (client) => {
    const hashes = await lockMentions(client, changes.map((c) => c.id));
    const current = changes.filter((c) => hashes.get(c.id) === c.contentHash);
    if (!current.length) return;
    const live = await lockBrands(client, current.map((c) => c.id), current.flatMap((c) => c.brandIds));
    const delta = new RollupDelta();
    for (const { id, brandIds, searchTokens, aspects } of current) {
      if (searchTokens) await client.query('UPDATE mentions SET tokens = $2 WHERE id = $1', [id, searchTokens.join(' ')]);
      delta.apply(await loadContribution(client, id), -1);
      await client.query('DELETE FROM mention_brands WHERE mention_id = $1', [id]);
      const kept = brandIds.filter((b) => live.has(b));
      await client.query('INSERT INTO mention_brands (mention_id, brand_id) SELECT DISTINCT $1::bigint, b FROM unnest($2::text[]) b', [id, kept]);
      if (aspects) await replaceAspects(client, id, aspects);
      delta.apply(await loadContribution(client, id), 1);
    }
    await delta.flush(client);
  });
}

/** The analysis's aspect list and the mention's aspect rows; a mention without an analysis has neither. */
async function replaceAspects(client: pg.PoolClient, id: number, aspects: AspectOpinion[]): Promise<void> {
  const updated = await client.query('UPDATE analyses SET aspects = $2 WHERE mention_id = $1', [id, JSON.stringify(aspects)]);
  if (updated.rowCount) await replaceAspectRowsPg(client, id, aspects);
}

/** Locks the mentions in id order (as every mention writer does) and returns their content hashes. */
async function lockMentions(client: pg.PoolClient, ids: number[]): Promise<Map<number, string>> {
  const rows = await query<{ id: string | number; content_hash: string }>(client,
    'SELECT id, content_hash FROM mentions WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [ids]);
  return new Map(rows.map((row) => [Number(row.id), row.content_hash]));
}
