import type { TrendPoint, TrendQuery } from '../types.js';
import { fillBuckets, type BucketRecord } from '../rows.js';
import { INTERVAL_MS } from '../intervals.js';
import { query, type Queryable } from './pool.js';


/**
 * Trend points from the rollups only: `interval = $1 AND brand_id = $2 AND bucket BETWEEN …` is a
 * range scan on the rollups' primary key, so the cost follows the number of buckets and cells asked
 * for, never the number of mentions. Empty buckets are filled with zeros, as on SQLite.
 */
export async function trendsPg(db: Queryable, q: TrendQuery): Promise<TrendPoint[]> {
  const size = INTERVAL_MS[q.interval];
  const start = Math.floor(q.from / size) * size;
  const where = ['interval = $1', 'brand_id = $2', 'bucket >= $3', 'bucket < $4'];
  const params: unknown[] = [q.interval, q.brandId ?? '', start, q.to];
  if (q.lang) params.push(q.lang), where.push(`lang = $${params.length}`);
  if (q.sourceId) params.push(q.sourceId), where.push(`source_id = $${params.length}`);
  const filter = where.join(' AND ');
  const rows = await query<BucketRecord>(db, `
    SELECT r.*, coalesce(u.authors, 0) AS authors FROM (
      SELECT bucket, sum(volume) AS volume, sum(pos) AS pos, sum(neu) AS neu, sum(neg) AS neg,
        sum(score_sum) AS score_sum, sum(likes) AS likes, sum(replies) AS replies, sum(reposts) AS reposts
      FROM rollups WHERE ${filter} GROUP BY bucket) r
    LEFT JOIN (SELECT bucket, count(DISTINCT author_id) AS authors FROM rollup_authors WHERE ${filter} GROUP BY bucket) u
      ON u.bucket = r.bucket
    ORDER BY r.bucket`, params);
  return fillBuckets(rows, start, q.to, size);
}
