import type { Db } from '../db.js';
import type { TrendPoint, TrendQuery } from '../types.js';
import { fillBuckets, type BucketRecord } from '../rows.js';
import { createStatementCache } from './statements.js';
import { INTERVAL_MS } from '../intervals.js';


/**
 * Volume, sentiment, engagement and unique authors per UTC hour/day, read from the rollups (a range
 * scan on the primary key), so the cost does not grow with the number of mentions. Near-duplicates and
 * deleted posts are not counted; empty buckets are filled with zeros for a continuous axis.
 */
export function createTrends(db: Db): (query: TrendQuery) => TrendPoint[] {
  const prepare = createStatementCache(db);
  return (query) => {
    const size = INTERVAL_MS[query.interval];
    const start = Math.floor(query.from / size) * size;
    const where = ['interval = ?', 'brand_id = ?', 'bucket >= ?', 'bucket < ?'];
    const params: unknown[] = [query.interval, query.brandId ?? '', start, query.to];
    if (query.lang) where.push('lang = ?'), params.push(query.lang);
    if (query.sourceId) where.push('source_id = ?'), params.push(query.sourceId);
    const filter = where.join(' AND ');
    const sql = `
      SELECT r.*, coalesce(u.authors, 0) AS authors FROM (
        SELECT bucket, sum(volume) AS volume, sum(pos) AS pos, sum(neu) AS neu, sum(neg) AS neg,
          sum(score_sum) AS score_sum, sum(likes) AS likes, sum(replies) AS replies, sum(reposts) AS reposts
        FROM rollups WHERE ${filter} GROUP BY bucket) r
      LEFT JOIN (SELECT bucket, count(DISTINCT author_id) AS authors FROM rollup_authors WHERE ${filter} GROUP BY bucket) u
        ON u.bucket = r.bucket
      ORDER BY r.bucket`;
    const rows = prepare(sql).all(...params, ...params) as BucketRecord[];
    return fillBuckets(rows, start, query.to, size);
  };
}
