import type pg from 'pg';
import type { BrandRelink, MentionBrandLinks } from '../types.js';
import { query } from './pool.js';
import { withTransaction } from './transaction.js';
import { loadContribution, RollupDelta } from './rollups.js';

/** Pages through stored mentions with their brand links (see `Store.scanMentionBrands`). */
export async function scanMentionBrandsPg(pool: pg.Pool, afterId: number, limit: number): Promise<MentionBrandLinks[]> {
  const rows = await query<Omit<MentionBrandLinks, 'id'> & { id: string | number }>(pool, `
    SELECT m.id, m.title, m.text, m.lang, m.content_hash AS "contentHash",
      coalesce((SELECT array_agg(brand_id ORDER BY brand_id) FROM mention_brands WHERE mention_id = m.id), '{}') AS "brandIds"
    FROM mentions m WHERE m.id > $1 AND m.deleted_at IS NULL ORDER BY m.id LIMIT $2`, [afterId, limit]);
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Replaces brand links; each mention's old contribution leaves the rollups and its new one enters. */
export async function relinkBrandsPg(pool: pg.Pool, changes: BrandRelink[]): Promise<void> {
  if (!changes.length) return;
  await withTransaction(pool, async (client) => {
    const delta = new RollupDelta();
    for (const { id, contentHash, brandIds, searchTokens } of [...changes].sort((a, b) => a.id - b.id)) {
      const [current] = await query<{ content_hash: string }>(client, 'SELECT content_hash FROM mentions WHERE id = $1 FOR UPDATE', [id]);
      if (current?.content_hash !== contentHash) continue;
      if (searchTokens) await client.query('UPDATE mentions SET tokens = $2 WHERE id = $1', [id, searchTokens.join(' ')]);
      delta.apply(await loadContribution(client, id), -1);
      await client.query('DELETE FROM mention_brands WHERE mention_id = $1', [id]);
      await client.query('INSERT INTO mention_brands (mention_id, brand_id) SELECT DISTINCT $1::bigint, b FROM unnest($2::text[]) b', [id, brandIds]);
      delta.apply(await loadContribution(client, id), 1);
    }
    await delta.flush(client);
  });
}
