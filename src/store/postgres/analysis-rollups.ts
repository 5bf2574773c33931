import type { AnalysisContribution } from '../rows.js';
import type pg from 'pg';
import { INTERVAL_MS } from '../intervals.js';

const DAY_MS = INTERVAL_MS.day;

type DayCell = { key: [string, number, string]; mentions: number; pos: number; neu: number; neg: number; score: number };

/** Net changes of the daily term and aspect rollups within one transaction (see RollupDelta). */
export class AnalysisDelta {
  private readonly terms = new Map<string, DayCell>();
  private readonly aspects = new Map<string, DayCell>();

  apply(c: AnalysisContribution, sign: 1 | -1): void {
    const day = Math.floor(c.createdAt / DAY_MS) * DAY_MS;
    for (const brand of ['', ...c.brands]) {
      for (const term of c.terms) add(this.terms, [brand, day, term], c.sentiment, sign, 0);
      for (const opinion of c.aspects) add(this.aspects, [brand, day, opinion.aspect], opinion.label, sign, opinion.score);
    }
  }

  /** Writes both tables in primary-key order (a fixed lock order across workers), dropping emptied rows. */
  async flush(client: pg.PoolClient): Promise<void> {
    await write(client, 'term_rollups', 'term', takeSorted(this.terms), false);
    await write(client, 'aspect_rollups', 'aspect', takeSorted(this.aspects), true);
  }
}

function add(cells: Map<string, DayCell>, key: DayCell['key'], label: 'pos' | 'neu' | 'neg', sign: 1 | -1, score: number): void {
  const id = JSON.stringify(key);
  const cell = cells.get(id) ?? { key, mentions: 0, pos: 0, neu: 0, neg: 0, score: 0 };
  cell.mentions += sign;
  cell[label] += sign;
  cell.score += sign * score;
  cells.set(id, cell);
}

function takeSorted(cells: Map<string, DayCell>): DayCell[] {
  const list = [...cells.values()].filter((c) => c.mentions || c.pos || c.neu || c.neg || c.score);
  cells.clear();
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return list.sort((a, b) => cmp(a.key[0], b.key[0]) || cmp(a.key[1], b.key[1]) || cmp(a.key[2], b.key[2]));
}

async function write(client: pg.PoolClient, table: string, column: string, cells: DayCell[], withScore: boolean): Promise<void> {
  if (!cells.length) return;
  const keys = [0, 1, 2].map((i) => cells.map((c) => c.key[i]));
  const counts = (['mentions', 'pos', 'neu', 'neg'] as const).map((f) => cells.map((c) => c[f]));
  const score = withScore ? [cells.map((c) => c.score)] : [];
  await client.query(`
    INSERT INTO ${table} (brand_id, day, ${column}, mentions, pos, neu, neg${withScore ? ', score_sum' : ''})
    SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[]${withScore ? ', $8::float8[]' : ''})
    ON CONFLICT (brand_id, day, ${column}) DO UPDATE SET mentions = ${table}.mentions + excluded.mentions,
      pos = ${table}.pos + excluded.pos, neu = ${table}.neu + excluded.neu, neg = ${table}.neg + excluded.neg
      ${withScore ? `, score_sum = ${table}.score_sum + excluded.score_sum` : ''}`,
  [...keys, ...counts, ...score]);
  await client.query(`DELETE FROM ${table} WHERE mentions <= 0 AND (brand_id, day, ${column}) IN
    (SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]))`, keys);
}

const COUNTED_BY_BRAND = `
  JOIN (SELECT id AS mention_id, '' AS brand_id FROM mentions UNION ALL SELECT mention_id, brand_id FROM mention_brands) b
    ON b.mention_id = m.id
  WHERE m.deleted_at IS NULL AND m.duplicate_of IS NULL`;

/** Full recount of the term rollups (the SQL of migration 0005), for rebuilds and tests. */
export const PG_RECOUNT_TERMS_SQL = `
  SELECT b.brand_id, (m.created_at / ${DAY_MS}) * ${DAY_MS} AS day, t.term, count(*),
    count(*) FILTER (WHERE a.sentiment = 'pos'), count(*) FILTER (WHERE a.sentiment = 'neu'), count(*) FILTER (WHERE a.sentiment = 'neg')
  FROM mentions m JOIN analyses a ON a.mention_id = m.id JOIN mention_terms t ON t.mention_id = m.id
  ${COUNTED_BY_BRAND}
  GROUP BY 1, 2, 3`;

/** Full recount of the aspect rollups. */
export const PG_RECOUNT_ASPECTS_SQL = `
  SELECT b.brand_id, (m.created_at / ${DAY_MS}) * ${DAY_MS} AS day, x.aspect, count(*),
    count(*) FILTER (WHERE x.label = 'pos'), count(*) FILTER (WHERE x.label = 'neu'), count(*) FILTER (WHERE x.label = 'neg'), sum(x.score)
  FROM mentions m JOIN mention_aspects x ON x.mention_id = m.id
  ${COUNTED_BY_BRAND}
  GROUP BY 1, 2, 3`;
