import type pg from 'pg';
import type { AspectOpinion } from '../../domain.js';

/**
 * Replaces a mention's rows in `mention_aspects` inside the caller's transaction. Saving and the brand
 * re-match both write them, and the aspect rollups read them back, so both must write them alike.
 */
export async function replaceAspectRowsPg(client: pg.PoolClient, mentionId: number, opinions: readonly AspectOpinion[]): Promise<void> {
  // INSERT OR REPLACE in SQLite keeps the last opinion per aspect; the Map does the same here.
  const aspects = [...new Map(opinions.map((a) => [a.aspect, a])).values()];
  await client.query('DELETE FROM mention_aspects WHERE mention_id = $1', [mentionId]);
  if (!aspects.length) return;
  await client.query(`INSERT INTO mention_aspects (mention_id, aspect, label, score)
    SELECT $1::bigint, * FROM unnest($2::text[], $3::text[], $4::float8[])`,
  [mentionId, aspects.map((a) => a.aspect), aspects.map((a) => a.label), aspects.map((a) => a.score)]);
}
