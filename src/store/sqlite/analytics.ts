import type { Db } from '../db.js';
import type { AspectCount, AspectQuery, BrandVolume, TermCount, TermQuery, TermSample, TermSampleQuery } from '../types.js';
import { createStatementCache } from './statements.js';
import { INTERVAL_MS } from '../intervals.js';

const DAY_MS = INTERVAL_MS.day;
/** From two days up, term counts come from the daily rollups (whole days); shorter periods are exact. */
const ROLLUP_MIN_RANGE_MS = 2 * DAY_MS;

function wholeDays(range: { from: number; to: number }): { from: number; to: number } {
  return { from: Math.floor(range.from / DAY_MS) * DAY_MS, to: Math.ceil(range.to / DAY_MS) * DAY_MS };
}

/** Counted mentions in a period, optionally of one brand (a bound parameter list goes with it). */
function periodFilter(brandId: string | undefined): string {
  const brand = brandId ? ' AND m.id IN (SELECT mention_id FROM mention_brands WHERE brand_id = @brandId)' : '';
  return `m.created_at >= @from AND m.created_at < @to AND m.deleted_at IS NULL AND m.duplicate_of IS NULL${brand}`;
}

export interface AnalyticsRepository {
  shareOfVoice(brandIds: string[], from: number, to: number): BrandVolume[];
  termCounts(query: TermQuery): { total: number; terms: TermCount[] };
  aspectCounts(query: AspectQuery): AspectCount[];
  termSamples(query: TermSampleQuery): TermSample[];
}

/**
 * Aggregates for brand managers: share of voice (from the hourly rollups), term counts for theme
 * extraction and aspect opinions over time.
 */
export function createAnalyticsRepository(db: Db): AnalyticsRepository {
  const prepare = createStatementCache(db);
  const volumes = db.prepare(`
    SELECT sum(volume) AS volume, sum(pos) AS pos, sum(neu) AS neu, sum(neg) AS neg FROM rollups
    WHERE interval = 'hour' AND brand_id = ? AND bucket >= ? AND bucket < ?`);

  const dayTotal = db.prepare(
    "SELECT coalesce(sum(volume), 0) FROM rollups WHERE interval = 'day' AND brand_id = ? AND bucket >= ? AND bucket < ?",
  ).pluck();
  const dayTerms = db.prepare(`
    SELECT term, sum(mentions) AS mentions, sum(pos) AS pos, sum(neu) AS neu, sum(neg) AS neg FROM term_rollups
    WHERE brand_id = ? AND day >= ? AND day < ? GROUP BY term ORDER BY mentions DESC, term LIMIT ?`);

  const dayAspects = (perDay: boolean) =>
    prepare(`
      SELECT aspect, ${perDay ? 'day' : 'NULL'} AS bucket, sum(mentions) AS mentions, sum(pos) AS pos, sum(neu) AS neu,
        sum(neg) AS neg, sum(score_sum) / sum(mentions) AS meanScore
      FROM aspect_rollups WHERE brand_id = ? AND day >= ? AND day < ? GROUP BY aspect, bucket ORDER BY aspect, bucket`);

  function aspectCountsFromRollups(query: AspectQuery): AspectCount[] {
    const { from, to } = wholeDays(query);
    const rows = dayAspects(query.interval === 'day').all(query.brandId ?? '', from, to) as (Omit<AspectCount, 'bucket'> & { bucket: number | null })[];
    return rows.map((row) => ({ ...row, bucket: row.bucket === null ? null : new Date(row.bucket).toISOString() }));
  }

  /** Long periods read the daily term rollups, widened to whole UTC days. */
  function termCountsFromRollups(query: TermQuery): { total: number; terms: TermCount[] } {
    const { from, to } = wholeDays(query);
    const brand = query.brandId ?? '';
    return { total: dayTotal.get(brand, from, to) as number, terms: dayTerms.all(brand, from, to, query.limit) as TermCount[] };
  }

  // Walks the (term, mention_id) index newest first and stops at the limit: cost follows the
  // sample size, not the term's frequency (ids grow with time, closely enough for samples).
  const samples = (brand: boolean) =>
    prepare(`
      SELECT m.id, m.text, m.url, m.created_at AS createdAt, a.sentiment
      FROM mention_terms t JOIN mentions m ON m.id = t.mention_id JOIN analyses a ON a.mention_id = m.id
      WHERE t.term = @term AND m.created_at >= @from AND m.created_at < @to AND m.deleted_at IS NULL AND m.duplicate_of IS NULL
        ${brand ? 'AND EXISTS (SELECT 1 FROM mention_brands b WHERE b.brand_id = @brandId AND b.mention_id = m.id)' : ''}
      ORDER BY t.term DESC, t.mention_id DESC LIMIT @limit`);

  return {
    termSamples(query) {
      const rows = samples(Boolean(query.brandId)).all(query) as (Omit<TermSample, 'createdAt'> & { createdAt: number })[];
      return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }));
    },
    shareOfVoice(brandIds, from, to) {
      const rows = brandIds.map((brandId) => {
        const row = volumes.get(brandId, from, to) as { volume: number | null; pos: number | null; neu: number | null; neg: number | null };
        const volume = row.volume ?? 0;
        const pos = row.pos ?? 0;
        const neg = row.neg ?? 0;
        return { brandId, volume, pos, neu: row.neu ?? 0, neg, netSentiment: volume ? (pos - neg) / volume : 0, share: 0 };
      });
      const total = rows.reduce((sum, r) => sum + r.volume, 0);
      return rows.map((r) => ({ ...r, share: total ? r.volume / total : 0 }));
    },
    termCounts(query) {
      if (query.to - query.from >= ROLLUP_MIN_RANGE_MS) return termCountsFromRollups(query);
      const params = { from: query.from, to: query.to, brandId: query.brandId, limit: query.limit };
      const where = periodFilter(query.brandId);
      const total = prepare(`SELECT count(*) FROM mentions m WHERE ${where}`).pluck().get(params) as number;
      const terms = prepare(`
        SELECT t.term, count(*) AS mentions, sum(a.sentiment = 'pos') AS pos, sum(a.sentiment = 'neu') AS neu,
          sum(a.sentiment = 'neg') AS neg
        FROM mention_terms t JOIN mentions m ON m.id = t.mention_id JOIN analyses a ON a.mention_id = m.id
        WHERE ${where} GROUP BY t.term ORDER BY mentions DESC, t.term LIMIT @limit`).all(params) as TermCount[];
      return { total, terms };
    },
    aspectCounts(query) {
      if ((query.interval ?? 'day') === 'day' && query.to - query.from >= ROLLUP_MIN_RANGE_MS) return aspectCountsFromRollups(query);
      const size = INTERVAL_MS[query.interval ?? 'day'];
      const bucket = query.interval ? `(m.created_at / ${size}) * ${size}` : 'NULL';
      const rows = prepare(`
        SELECT x.aspect, ${bucket} AS bucket, count(*) AS mentions, sum(x.label = 'pos') AS pos,
          sum(x.label = 'neu') AS neu, sum(x.label = 'neg') AS neg, avg(x.score) AS meanScore
        FROM mention_aspects x JOIN mentions m ON m.id = x.mention_id
        WHERE ${periodFilter(query.brandId)} GROUP BY x.aspect, bucket ORDER BY x.aspect, bucket`).all({
        from: query.from,
        to: query.to,
        brandId: query.brandId,
      }) as (Omit<AspectCount, 'bucket'> & { bucket: number | null })[];
      return rows.map((row) => ({ ...row, bucket: row.bucket === null ? null : new Date(row.bucket).toISOString() }));
    },
  };
}
