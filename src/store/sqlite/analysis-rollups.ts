import type { Db } from '../db.js';
import type { AnalysisContribution } from '../rows.js';

const DAY_MS = 86_400_000;

const signs = (label: string, sign: number) => ['pos', 'neu', 'neg'].map((l) => (l === label ? sign : 0));

/** Adds or subtracts one mention's terms and aspect opinions in the daily per-brand rollups. */
export function createAnalysisRollupWriter(db: Db): (c: AnalysisContribution, sign: 1 | -1) => void {
  const upsertTerm = db.prepare(`
    INSERT INTO term_rollups (brand_id, day, term, mentions, pos, neu, neg) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (brand_id, day, term) DO UPDATE SET mentions = mentions + excluded.mentions,
      pos = pos + excluded.pos, neu = neu + excluded.neu, neg = neg + excluded.neg`);
  const dropTerm = db.prepare('DELETE FROM term_rollups WHERE brand_id = ? AND day = ? AND term = ? AND mentions <= 0');
  const upsertAspect = db.prepare(`
    INSERT INTO aspect_rollups (brand_id, day, aspect, mentions, pos, neu, neg, score_sum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (brand_id, day, aspect) DO UPDATE SET mentions = mentions + excluded.mentions,
      pos = pos + excluded.pos, neu = neu + excluded.neu, neg = neg + excluded.neg, score_sum = score_sum + excluded.score_sum`);
  const dropAspect = db.prepare('DELETE FROM aspect_rollups WHERE brand_id = ? AND day = ? AND aspect = ? AND mentions <= 0');
  return (c, sign) => {
    const day = Math.floor(c.createdAt / DAY_MS) * DAY_MS;
    const sentiment = signs(c.sentiment, sign);
    for (const brand of ['', ...c.brands]) {
      for (const term of c.terms) {
        upsertTerm.run(brand, day, term, sign, ...sentiment);
        if (sign < 0) dropTerm.run(brand, day, term);
      }
      for (const opinion of c.aspects) {
        upsertAspect.run(brand, day, opinion.aspect, sign, ...signs(opinion.label, sign), sign * opinion.score);
        if (sign < 0) dropAspect.run(brand, day, opinion.aspect);
      }
    }
  };
}

const COUNTED_BY_BRAND = `
  JOIN (SELECT id AS mention_id, '' AS brand_id FROM mentions UNION ALL SELECT mention_id, brand_id FROM mention_brands) b
    ON b.mention_id = m.id
  WHERE m.deleted_at IS NULL AND m.duplicate_of IS NULL`;

/** Full recount of the term rollups (the SQL of migration 0005), for rebuilds and tests. */
export const RECOUNT_TERMS_SQL = `
  SELECT b.brand_id, (m.created_at / ${DAY_MS}) * ${DAY_MS} AS day, t.term, count(*),
    sum(a.sentiment = 'pos'), sum(a.sentiment = 'neu'), sum(a.sentiment = 'neg')
  FROM mentions m JOIN analyses a ON a.mention_id = m.id JOIN mention_terms t ON t.mention_id = m.id
  ${COUNTED_BY_BRAND}
  GROUP BY 1, 2, 3`;

/** Full recount of the aspect rollups. */
export const RECOUNT_ASPECTS_SQL = `
  SELECT b.brand_id, (m.created_at / ${DAY_MS}) * ${DAY_MS} AS day, x.aspect, count(*),
    sum(x.label = 'pos'), sum(x.label = 'neu'), sum(x.label = 'neg'), sum(x.score)
  FROM mentions m JOIN mention_aspects x ON x.mention_id = m.id
  ${COUNTED_BY_BRAND}
  GROUP BY 1, 2, 3`;
