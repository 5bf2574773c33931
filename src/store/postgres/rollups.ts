import type pg from 'pg';
import { INTERVAL_MS } from '../intervals.js';
import { queryOne, type Queryable } from './pool.js';
import { AnalysisDelta, PG_RECOUNT_ASPECTS_SQL, PG_RECOUNT_TERMS_SQL } from './analysis-rollups.js';
import type { RollupContribution } from '../rows.js';

/** What one counted mention adds to the rollups (shared with the SQLite maintainer). */
export type Contribution = RollupContribution;

const INTERVALS = Object.entries(INTERVAL_MS) as ['hour' | 'day', number][];
const CELL_FIELDS = ['volume', 'pos', 'neu', 'neg', 'score', 'likes', 'replies', 'reposts'] as const;
type Cell = { key: [string, string, number, string, string] } & Record<(typeof CELL_FIELDS)[number], number>;
type AuthorCell = { key: [string, string, number, string, string, number]; mentions: number };

/** Current contribution of a mention, or null when it is not counted (deleted, duplicate, unanalysed). */
export async function loadContribution(db: Queryable, mentionId: number): Promise<Contribution | null> {
  const row = await queryOne<Contribution>(db, `
    SELECT m.created_at AS "createdAt", m.source_id AS "sourceId", m.lang, a.sentiment, a.score,
      coalesce(m.likes, 0) AS likes, coalesce(m.replies, 0) AS replies, coalesce(m.reposts, 0) AS reposts,
      m.author_id AS "authorId",
      array(SELECT brand_id FROM mention_brands WHERE mention_id = m.id ORDER BY brand_id) AS brands,
      array(SELECT term FROM mention_terms WHERE mention_id = m.id ORDER BY term) AS terms,
      (SELECT coalesce(json_agg(json_build_object('aspect', x.aspect, 'label', x.label, 'score', x.score) ORDER BY x.aspect), '[]')
        FROM mention_aspects x WHERE x.mention_id = m.id) AS aspects
    FROM mentions m JOIN analyses a ON a.mention_id = m.id
    WHERE m.id = $1 AND m.deleted_at IS NULL AND m.duplicate_of IS NULL`, [mentionId], 'koubei_rollup_load');
  return row ?? null;
}

/**
 * Collects the rollup changes of one transaction: callers subtract a mention's old contribution and
 * add its new one (the SQLite maintainer's logic), and `flush` writes the net change per cell at the
 * end. Cells are written in primary-key order, so concurrent workers lock shared cells in the same
 * order and do not deadlock on each other; each cell is one atomic `ON CONFLICT` increment.
 */
export class RollupDelta {
  private readonly cells = new Map<string, Cell>();
  private readonly authors = new Map<string, AuthorCell>();
  private readonly analysis = new AnalysisDelta();

  apply(c: Contribution | null, sign: 1 | -1): void {
    if (!c) return;
    this.analysis.apply(c, sign);
    for (const [interval, size] of INTERVALS) {
      const bucket = Math.floor(c.createdAt / size) * size;
      for (const brand of ['', ...c.brands]) {
        const key: Cell['key'] = [interval, brand, bucket, c.sourceId, c.lang];
        const id = JSON.stringify(key);
        const cell = this.cells.get(id) ?? { key, volume: 0, pos: 0, neu: 0, neg: 0, score: 0, likes: 0, replies: 0, reposts: 0 };
        cell.volume += sign;
        cell[c.sentiment] += sign;
        cell.score += sign * c.score;
        cell.likes += sign * c.likes;
        cell.replies += sign * c.replies;
        cell.reposts += sign * c.reposts;
        this.cells.set(id, cell);
        if (c.authorId === null) continue;
        const authorKey: AuthorCell['key'] = [...key, c.authorId];
        const authorId = JSON.stringify(authorKey);
        const author = this.authors.get(authorId) ?? { key: authorKey, mentions: 0 };
        author.mentions += sign;
        this.authors.set(authorId, author);
      }
    }
  }

  /** Writes the net changes, in key order, and drops cells left empty. */
  async flush(client: pg.PoolClient): Promise<void> {
    const cells = [...this.cells.values()].filter((c) => CELL_FIELDS.some((f) => c[f] !== 0)).sort((a, b) => compareKeys(a.key, b.key));
    const authors = [...this.authors.values()].filter((a) => a.mentions !== 0).sort((a, b) => compareKeys(a.key, b.key));
    this.cells.clear();
    this.authors.clear();
    await this.analysis.flush(client);
    if (cells.length) {
      const cols = (i: number) => cells.map((c) => c.key[i]);
      const keys = [cols(0), cols(1), cols(2), cols(3), cols(4)];
      await client.query(`
        INSERT INTO rollups (interval, brand_id, bucket, source_id, lang, volume, pos, neu, neg, score_sum, likes, replies, reposts)
        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::bigint[],
          $8::bigint[], $9::bigint[], $10::float8[], $11::bigint[], $12::bigint[], $13::bigint[])
        ON CONFLICT (interval, brand_id, bucket, source_id, lang) DO UPDATE SET
          volume = rollups.volume + excluded.volume, pos = rollups.pos + excluded.pos, neu = rollups.neu + excluded.neu,
          neg = rollups.neg + excluded.neg, score_sum = rollups.score_sum + excluded.score_sum,
          likes = rollups.likes + excluded.likes, replies = rollups.replies + excluded.replies, reposts = rollups.reposts + excluded.reposts`,
      [...keys, ...CELL_FIELDS.map((f) => cells.map((c) => c[f]))]);
      await client.query(`DELETE FROM rollups WHERE volume <= 0 AND (interval, brand_id, bucket, source_id, lang) IN
        (SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[]))`, keys);
    }
    if (authors.length) {
      const keys = [0, 1, 2, 3, 4, 5].map((i) => authors.map((a) => a.key[i]));
      const types = ['text', 'text', 'bigint', 'text', 'text', 'bigint'].map((t, i) => `$${i + 1}::${t}[]`).join(', ');
      await client.query(`
        INSERT INTO rollup_authors (interval, brand_id, bucket, source_id, lang, author_id, mentions)
        SELECT * FROM unnest(${types}, $7::bigint[])
        ON CONFLICT (interval, brand_id, bucket, source_id, lang, author_id) DO UPDATE SET mentions = rollup_authors.mentions + excluded.mentions`,
      [...keys, authors.map((a) => a.mentions)]);
      await client.query(`DELETE FROM rollup_authors WHERE mentions <= 0 AND (interval, brand_id, bucket, source_id, lang, author_id) IN
        (SELECT * FROM unnest(${types}))`, keys);
    }
  }
}

function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    // Text columns compare by code point, like the "C" collation of the primary key in tests; any
    // fixed total order is enough to avoid lock-order deadlocks.
    return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/**
 * Recomputes every rollup from the mentions. The EXCLUSIVE lock makes concurrent writers wait, so no
 * incremental change is lost or counted twice while the tables are rebuilt.
 */
export async function rebuildRollups(client: pg.PoolClient): Promise<void> {
  await client.query('LOCK TABLE rollups, rollup_authors, term_rollups, aspect_rollups IN EXCLUSIVE MODE');
  await client.query('DELETE FROM rollups; DELETE FROM rollup_authors; DELETE FROM term_rollups; DELETE FROM aspect_rollups');
  await client.query(`INSERT INTO term_rollups ${PG_RECOUNT_TERMS_SQL}`);
  await client.query(`INSERT INTO aspect_rollups ${PG_RECOUNT_ASPECTS_SQL}`);
  for (const [interval, size] of INTERVALS) {
    await client.query(pgRecountSql(interval, size, 'INSERT INTO rollups'));
    await client.query(pgRecountAuthorsSql(interval, size, 'INSERT INTO rollup_authors'));
  }
}

/** Counted mentions joined once to '' (all) and once per matched brand. */
const COUNTED = `
  FROM mentions m JOIN analyses a ON a.mention_id = m.id
  JOIN (SELECT id AS mention_id, '' AS brand_id FROM mentions UNION ALL SELECT mention_id, brand_id FROM mention_brands) b
    ON b.mention_id = m.id
  WHERE m.deleted_at IS NULL AND m.duplicate_of IS NULL`;

/** Full recount of rollup cells (columns in table order): used to rebuild, and by tests to check upkeep. */
export function pgRecountSql(interval: string, size: number, prefix = ''): string {
  return `${prefix} SELECT '${interval}', b.brand_id, (m.created_at / ${size}) * ${size} AS bucket, m.source_id, m.lang,
      count(*), count(*) FILTER (WHERE a.sentiment = 'pos'), count(*) FILTER (WHERE a.sentiment = 'neu'),
      count(*) FILTER (WHERE a.sentiment = 'neg'), sum(a.score),
      sum(coalesce(m.likes, 0)), sum(coalesce(m.replies, 0)), sum(coalesce(m.reposts, 0))
    ${COUNTED} GROUP BY b.brand_id, bucket, m.source_id, m.lang`;
}

/** Full recount of mentions per author per rollup cell. */
export function pgRecountAuthorsSql(interval: string, size: number, prefix = ''): string {
  return `${prefix} SELECT '${interval}', b.brand_id, (m.created_at / ${size}) * ${size} AS bucket, m.source_id, m.lang,
      m.author_id, count(*)
    ${COUNTED} AND m.author_id IS NOT NULL GROUP BY b.brand_id, bucket, m.source_id, m.lang, m.author_id`;
}
