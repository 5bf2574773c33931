import type { Db } from '../db.js';

const DAY_MS = 86_400_000;

/** The part of a counted mention the term rollups need. */
export interface TermContribution {
  createdAt: number;
  sentiment: 'pos' | 'neu' | 'neg';
  brands: string[];
  terms: string[];
}

/** Adds or subtracts one mention's terms in the daily per-brand term counts. */
export function createTermRollupWriter(db: Db): (c: TermContribution, sign: 1 | -1) => void {
  const upsert = db.prepare(`
    INSERT INTO term_rollups (brand_id, day, term, mentions, pos, neu, neg) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (brand_id, day, term) DO UPDATE SET mentions = mentions + excluded.mentions,
      pos = pos + excluded.pos, neu = neu + excluded.neu, neg = neg + excluded.neg`);
  const dropEmpty = db.prepare('DELETE FROM term_rollups WHERE brand_id = ? AND day = ? AND term = ? AND mentions <= 0');
  return (c, sign) => {
    const day = Math.floor(c.createdAt / DAY_MS) * DAY_MS;
    const [pos, neu, neg] = [c.sentiment === 'pos', c.sentiment === 'neu', c.sentiment === 'neg'].map((hit) => (hit ? sign : 0));
    for (const brand of ['', ...c.brands]) {
      for (const term of c.terms) {
        upsert.run(brand, day, term, sign, pos, neu, neg);
        if (sign < 0) dropEmpty.run(brand, day, term);
      }
    }
  };
}

/** Full recount of the term rollups (the SQL of migration 0005), for rebuilds and tests. */
export const RECOUNT_TERMS_SQL = `
  SELECT b.brand_id, (m.created_at / ${DAY_MS}) * ${DAY_MS} AS day, t.term, count(*),
    sum(a.sentiment = 'pos'), sum(a.sentiment = 'neu'), sum(a.sentiment = 'neg')
  FROM mentions m JOIN analyses a ON a.mention_id = m.id JOIN mention_terms t ON t.mention_id = m.id
  JOIN (SELECT id AS mention_id, '' AS brand_id FROM mentions UNION ALL SELECT mention_id, brand_id FROM mention_brands) b
    ON b.mention_id = m.id
  WHERE m.deleted_at IS NULL AND m.duplicate_of IS NULL
  GROUP BY 1, 2, 3`;
