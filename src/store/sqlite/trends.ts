import type { Db } from '../db.js';
import type { Interval, TrendPoint, TrendQuery } from '../types.js';
import { createStatementCache } from './statements.js';

export const INTERVAL_MS: Record<Interval, number> = { hour: 3_600_000, day: 86_400_000 };

interface BucketRow {
  bucket: number;
  volume: number;
  pos: number;
  neu: number;
  neg: number;
  score_sum: number;
}

/**
 * Volume and sentiment per UTC hour/day. Near-duplicates and deleted posts are not counted;
 * empty buckets are filled with zeros so charts have a continuous axis.
 */
export function createTrends(db: Db): (query: TrendQuery) => TrendPoint[] {
  const prepare = createStatementCache(db);
  return (query) => {
    const size = INTERVAL_MS[query.interval];
    const where = ['m.created_at >= ?', 'm.created_at < ?', 'm.deleted_at IS NULL', 'm.duplicate_of IS NULL'];
    const params: unknown[] = [query.from, query.to];
    if (query.brandId) {
      where.push('m.id IN (SELECT mention_id FROM mention_brands WHERE brand_id = ?)');
      params.push(query.brandId);
    }
    if (query.lang) where.push('m.lang = ?'), params.push(query.lang);
    if (query.sourceId) where.push('m.source_id = ?'), params.push(query.sourceId);
    const sql = `
      SELECT (m.created_at / ${size}) * ${size} AS bucket, count(*) AS volume,
        sum(a.sentiment = 'pos') AS pos, sum(a.sentiment = 'neu') AS neu, sum(a.sentiment = 'neg') AS neg,
        sum(a.score) AS score_sum
      FROM mentions m JOIN analyses a ON a.mention_id = m.id
      WHERE ${where.join(' AND ')}
      GROUP BY bucket ORDER BY bucket`;
    const rows = prepare(sql).all(...params) as BucketRow[];
    return fillBuckets(rows, Math.floor(query.from / size) * size, query.to, size);
  };
}

function fillBuckets(rows: BucketRow[], start: number, end: number, size: number): TrendPoint[] {
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  const points: TrendPoint[] = [];
  for (let bucket = start; bucket < end; bucket += size) {
    const row = byBucket.get(bucket);
    points.push(toPoint(bucket, row));
  }
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
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
