import type { TrendPoint, TrendQuery } from '../types.js';
import { INTERVAL_MS } from '../sqlite/intervals.js';
import { query, type Queryable } from './pool.js';

interface BucketRow {
  bucket: number;
  volume: number;
  pos: number;
  neu: number;
  neg: number;
  score_sum: number;
  likes: number;
  replies: number;
  reposts: number;
  authors: number;
}

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
  const rows = await query<BucketRow>(db, `
    SELECT r.*, coalesce(u.authors, 0) AS authors FROM (
      SELECT bucket, sum(volume) AS volume, sum(pos) AS pos, sum(neu) AS neu, sum(neg) AS neg,
        sum(score_sum) AS score_sum, sum(likes) AS likes, sum(replies) AS replies, sum(reposts) AS reposts
      FROM rollups WHERE ${filter} GROUP BY bucket) r
    LEFT JOIN (SELECT bucket, count(DISTINCT author_id) AS authors FROM rollup_authors WHERE ${filter} GROUP BY bucket) u
      ON u.bucket = r.bucket
    ORDER BY r.bucket`, params);
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  const points: TrendPoint[] = [];
  for (let bucket = start; bucket < q.to; bucket += size) points.push(toPoint(bucket, byBucket.get(bucket)));
  return points;
}

function toPoint(bucket: number, row: BucketRow | undefined): TrendPoint {
  const volume = row?.volume ?? 0;
  const pos = row?.pos ?? 0;
  const neg = row?.neg ?? 0;
  return {
    bucket: new Date(bucket).toISOString(),
    volume,
    pos,
    neu: row?.neu ?? 0,
    neg,
    netSentiment: volume ? round((pos - neg) / volume) : 0,
    meanScore: volume ? round((row?.score_sum ?? 0) / volume) : 0,
    uniqueAuthors: row?.authors ?? 0,
    likes: row?.likes ?? 0,
    replies: row?.replies ?? 0,
    reposts: row?.reposts ?? 0,
  };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
