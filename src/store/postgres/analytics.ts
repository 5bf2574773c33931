import type { AspectCount, AspectQuery, BrandVolume, TermCount, TermQuery, TermSample, TermSampleQuery } from '../types.js';
import { INTERVAL_MS } from '../intervals.js';
import { query, type Queryable } from './pool.js';

const DAY_MS = INTERVAL_MS.day;
/** From two days up, term counts come from the daily rollups (whole days), as on SQLite. */
const ROLLUP_MIN_RANGE_MS = 2 * DAY_MS;

/** Counted mentions in [from, to), optionally of one brand; binds $1 = from, $2 = to, $3 = brand. */
function periodFilter(brandId: string | undefined): string {
  const brand = brandId ? ' AND m.id IN (SELECT mention_id FROM mention_brands WHERE brand_id = $3)' : '';
  return `m.created_at >= $1 AND m.created_at < $2 AND m.deleted_at IS NULL AND m.duplicate_of IS NULL${brand}`;
}

const period = (from: number, to: number, brandId?: string) => (brandId ? [from, to, brandId] : [from, to]);

/** Volume and sentiment per brand from the hourly rollups (a primary-key range per brand). */
export async function shareOfVoicePg(db: Queryable, brandIds: string[], from: number, to: number): Promise<BrandVolume[]> {
  const rows = await query<{ brand_id: string; volume: number; pos: number; neu: number; neg: number }>(db, `
    SELECT b.brand_id, coalesce(sum(r.volume), 0) AS volume, coalesce(sum(r.pos), 0) AS pos, coalesce(sum(r.neu), 0) AS neu,
      coalesce(sum(r.neg), 0) AS neg
    FROM unnest($1::text[]) AS b (brand_id)
    LEFT JOIN rollups r ON r.interval = 'hour' AND r.brand_id = b.brand_id AND r.bucket >= $2 AND r.bucket < $3
    GROUP BY b.brand_id`, [brandIds, from, to]);
  const byId = new Map(rows.map((r) => [r.brand_id, r]));
  const volumes = brandIds.map((brandId) => {
    const { volume = 0, pos = 0, neu = 0, neg = 0 } = byId.get(brandId) ?? {};
    return { brandId, volume, pos, neu, neg, netSentiment: volume ? (pos - neg) / volume : 0, share: 0 };
  });
  const total = volumes.reduce((sum, r) => sum + r.volume, 0);
  return volumes.map((r) => ({ ...r, share: total ? r.volume / total : 0 }));
}

/** Most frequent terms among counted mentions of a period. */
export async function termCountsPg(db: Queryable, q: TermQuery): Promise<{ total: number; terms: TermCount[] }> {
  if (q.to - q.from >= ROLLUP_MIN_RANGE_MS) return termCountsFromRollups(db, q);
  const where = periodFilter(q.brandId);
  const params = period(q.from, q.to, q.brandId);
  const [{ total }] = await query<{ total: number }>(db, `SELECT count(*) AS total FROM mentions m WHERE ${where}`, params);
  const terms = await query<TermCount>(db, `
    SELECT t.term, count(*) AS mentions, count(*) FILTER (WHERE a.sentiment = 'pos') AS pos,
      count(*) FILTER (WHERE a.sentiment = 'neu') AS neu, count(*) FILTER (WHERE a.sentiment = 'neg') AS neg
    FROM mention_terms t JOIN mentions m ON m.id = t.mention_id JOIN analyses a ON a.mention_id = m.id
    WHERE ${where} GROUP BY t.term ORDER BY mentions DESC, t.term COLLATE "C" LIMIT $${params.length + 1}`, [...params, q.limit]);
  return { total, terms };
}

/** Aspect opinions per aspect (and per bucket when an interval is given). */
export async function aspectCountsPg(db: Queryable, q: AspectQuery): Promise<AspectCount[]> {
  if ((q.interval ?? 'day') === 'day' && q.to - q.from >= ROLLUP_MIN_RANGE_MS) return aspectCountsFromRollups(db, q);
  const size = INTERVAL_MS[q.interval ?? 'day'];
  const bucket = q.interval ? `(m.created_at / ${size}) * ${size}` : 'NULL::bigint';
  const rows = await query<Omit<AspectCount, 'bucket'> & { bucket: number | null }>(db, `
    SELECT x.aspect, ${bucket} AS bucket, count(*) AS mentions, count(*) FILTER (WHERE x.label = 'pos') AS pos,
      count(*) FILTER (WHERE x.label = 'neu') AS neu, count(*) FILTER (WHERE x.label = 'neg') AS neg, avg(x.score) AS "meanScore"
    FROM mention_aspects x JOIN mentions m ON m.id = x.mention_id
    WHERE ${periodFilter(q.brandId)} GROUP BY x.aspect, 2 ORDER BY x.aspect COLLATE "C", 2`, period(q.from, q.to, q.brandId));
  return rows.map((row) => ({ ...row, bucket: row.bucket === null ? null : new Date(row.bucket).toISOString() }));
}

/** Long periods read the daily term rollups (primary-key range per brand), widened to whole UTC days. */
async function termCountsFromRollups(db: Queryable, q: TermQuery): Promise<{ total: number; terms: TermCount[] }> {
  const from = Math.floor(q.from / DAY_MS) * DAY_MS;
  const to = Math.ceil(q.to / DAY_MS) * DAY_MS;
  const brand = q.brandId ?? '';
  const [{ total }] = await query<{ total: number }>(db, `SELECT coalesce(sum(volume), 0) AS total FROM rollups
    WHERE interval = 'day' AND brand_id = $1 AND bucket >= $2 AND bucket < $3`, [brand, from, to]);
  const terms = await query<TermCount>(db, `SELECT term, sum(mentions) AS mentions, sum(pos) AS pos, sum(neu) AS neu, sum(neg) AS neg
    FROM term_rollups WHERE brand_id = $1 AND day >= $2 AND day < $3 GROUP BY term ORDER BY mentions DESC, term COLLATE "C" LIMIT $4`,
  [brand, from, to, q.limit]);
  return { total, terms };
}

/** Newest counted mentions carrying a term (walks the term index newest id first, like SQLite). */
export async function termSamplesPg(db: Queryable, q: TermSampleQuery): Promise<TermSample[]> {
  const brand = q.brandId ? 'AND EXISTS (SELECT 1 FROM mention_brands b WHERE b.brand_id = $5 AND b.mention_id = m.id)' : '';
  const rows = await query<Omit<TermSample, 'createdAt'> & { createdAt: number }>(db, `
    SELECT m.id, m.text, m.url, m.created_at AS "createdAt", a.sentiment
    FROM mention_terms t JOIN mentions m ON m.id = t.mention_id JOIN analyses a ON a.mention_id = m.id
    WHERE t.term = $1 AND m.created_at >= $2 AND m.created_at < $3 AND m.deleted_at IS NULL AND m.duplicate_of IS NULL ${brand}
    ORDER BY t.mention_id DESC LIMIT $4`, [q.term, q.from, q.to, q.limit, ...(q.brandId ? [q.brandId] : [])]);
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }));
}

/** Long periods read the daily aspect rollups, widened to whole UTC days (as on SQLite). */
async function aspectCountsFromRollups(db: Queryable, q: AspectQuery): Promise<AspectCount[]> {
  const from = Math.floor(q.from / DAY_MS) * DAY_MS;
  const to = Math.ceil(q.to / DAY_MS) * DAY_MS;
  const rows = await query<Omit<AspectCount, 'bucket'> & { bucket: number | null }>(db, `
    SELECT aspect, ${q.interval === 'day' ? 'day' : 'NULL::bigint'} AS bucket, sum(mentions) AS mentions, sum(pos) AS pos, sum(neu) AS neu,
      sum(neg) AS neg, sum(score_sum) / sum(mentions) AS "meanScore"
    FROM aspect_rollups WHERE brand_id = $1 AND day >= $2 AND day < $3 GROUP BY aspect, 2 ORDER BY aspect COLLATE "C", 2`, [q.brandId ?? '', from, to]);
  return rows.map((row) => ({ ...row, bucket: row.bucket === null ? null : new Date(row.bucket).toISOString() }));
}
