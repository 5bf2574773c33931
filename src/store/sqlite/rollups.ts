import type { Db } from '../db.js';
import { writeTransaction } from './statements.js';
import { INTERVAL_MS } from '../intervals.js';
import { createAnalysisRollupWriter, RECOUNT_ASPECTS_SQL, RECOUNT_TERMS_SQL } from './analysis-rollups.js';
import type { RollupContribution as Contribution } from '../rows.js';


export interface RollupMaintainer {
  /** Current contribution of a mention, or null when it is not counted (deleted, duplicate, unanalysed). */
  load(mentionId: number): Contribution | null;
  apply(contribution: Contribution | null, sign: 1 | -1): void;
  /** Drops and recomputes every rollup from the mentions (same result as incremental upkeep). */
  rebuild(): void;
}

const INTERVALS = Object.entries(INTERVAL_MS) as ['hour' | 'day', number][];

/**
 * Keeps hourly/daily rollups equal to a full recount as mentions are inserted, updated, deleted or
 * linked as duplicates: callers subtract a mention's old contribution and add its new one.
 */
export function createRollupMaintainer(db: Db): RollupMaintainer {
  const loadRow = db.prepare(`
    SELECT m.created_at AS createdAt, m.source_id AS sourceId, m.lang, a.sentiment, a.score,
      coalesce(m.likes, 0) AS likes, coalesce(m.replies, 0) AS replies, coalesce(m.reposts, 0) AS reposts,
      m.author_id AS authorId,
      (SELECT group_concat(brand_id, char(31)) FROM mention_brands WHERE mention_id = m.id) AS brands,
      (SELECT group_concat(term, char(31)) FROM mention_terms WHERE mention_id = m.id) AS terms,
      (SELECT json_group_array(json_object('aspect', aspect, 'label', label, 'score', score))
        FROM mention_aspects WHERE mention_id = m.id) AS aspects
    FROM mentions m JOIN analyses a ON a.mention_id = m.id
    WHERE m.id = ? AND m.deleted_at IS NULL AND m.duplicate_of IS NULL`);
  const upsertCell = db.prepare(`
    INSERT INTO rollups (interval, brand_id, bucket, source_id, lang, volume, pos, neu, neg, score_sum, likes, replies, reposts)
    VALUES (@interval, @brand, @bucket, @source, @lang, @sign, @pos, @neu, @neg, @score, @likes, @replies, @reposts)
    ON CONFLICT (interval, brand_id, bucket, source_id, lang) DO UPDATE SET
      volume = volume + excluded.volume, pos = pos + excluded.pos, neu = neu + excluded.neu, neg = neg + excluded.neg,
      score_sum = score_sum + excluded.score_sum, likes = likes + excluded.likes, replies = replies + excluded.replies,
      reposts = reposts + excluded.reposts`);
  const dropEmptyCell = db.prepare(
    'DELETE FROM rollups WHERE interval = ? AND brand_id = ? AND bucket = ? AND source_id = ? AND lang = ? AND volume = 0',
  );
  const addAuthor = db.prepare(`
    INSERT INTO rollup_authors (interval, brand_id, bucket, source_id, lang, author_id, mentions) VALUES (?, ?, ?, ?, ?, ?, 1)
    ON CONFLICT DO UPDATE SET mentions = mentions + 1`);
  const removeAuthor = db.prepare(
    'UPDATE rollup_authors SET mentions = mentions - 1 WHERE interval = ? AND brand_id = ? AND bucket = ? AND source_id = ? AND lang = ? AND author_id = ?',
  );
  const dropAuthor = db.prepare(
    'DELETE FROM rollup_authors WHERE interval = ? AND brand_id = ? AND bucket = ? AND source_id = ? AND lang = ? AND author_id = ? AND mentions <= 0',
  );

  const applyAnalysis = createAnalysisRollupWriter(db);

  function apply(c: Contribution | null, sign: 1 | -1): void {
    if (!c) return;
    applyAnalysis(c, sign);
    for (const [interval, size] of INTERVALS) {
      const bucket = Math.floor(c.createdAt / size) * size;
      for (const brand of ['', ...c.brands]) {
        const key = [interval, brand, bucket, c.sourceId, c.lang] as const;
        upsertCell.run({
          interval, brand, bucket, source: c.sourceId, lang: c.lang, sign,
          pos: c.sentiment === 'pos' ? sign : 0, neu: c.sentiment === 'neu' ? sign : 0, neg: c.sentiment === 'neg' ? sign : 0,
          score: sign * c.score, likes: sign * c.likes, replies: sign * c.replies, reposts: sign * c.reposts,
        });
        if (sign < 0) dropEmptyCell.run(...key);
        if (c.authorId === null) continue;
        if (sign > 0) addAuthor.run(...key, c.authorId);
        else removeAuthor.run(...key, c.authorId), dropAuthor.run(...key, c.authorId);
      }
    }
  }

  const rebuild = writeTransaction(db, () => {
    db.exec('DELETE FROM rollups; DELETE FROM rollup_authors; DELETE FROM term_rollups; DELETE FROM aspect_rollups;');
    db.prepare(`INSERT INTO term_rollups ${RECOUNT_TERMS_SQL}`).run();
    db.prepare(`INSERT INTO aspect_rollups ${RECOUNT_ASPECTS_SQL}`).run();
    for (const [interval, size] of INTERVALS) {
      db.prepare(recountSql(interval, size, 'INSERT INTO rollups')).run();
      db.prepare(recountAuthorsSql(interval, size, 'INSERT INTO rollup_authors')).run();
    }
  });

  function load(mentionId: number): Contribution | null {
    type Row = Omit<Contribution, 'brands' | 'terms' | 'aspects'> & { brands: string | null; terms: string | null; aspects: string };
    const row = loadRow.get(mentionId) as Row | undefined;
    if (!row) return null;
    return { ...row, brands: splitList(row.brands), terms: splitList(row.terms), aspects: JSON.parse(row.aspects) };
  }

  return { load, apply, rebuild: () => rebuild() };
}

function splitList(value: string | null): string[] {
  return value ? value.split('\u001f') : [];
}

/** Counted mentions joined once to '' (all) and once per matched brand. */
const COUNTED = `
  FROM mentions m JOIN analyses a ON a.mention_id = m.id
  JOIN (SELECT id AS mention_id, '' AS brand_id FROM mentions UNION ALL SELECT mention_id, brand_id FROM mention_brands) b
    ON b.mention_id = m.id
  WHERE m.deleted_at IS NULL AND m.duplicate_of IS NULL`;

/** Full recount of rollup cells from the mentions: used to rebuild, and by tests to check upkeep. */
export function recountSql(interval: string, size: number, prefix = ''): string {
  return `${prefix} SELECT '${interval}', b.brand_id, (m.created_at / ${size}) * ${size} AS bucket, m.source_id, m.lang,
      count(*), sum(a.sentiment = 'pos'), sum(a.sentiment = 'neu'), sum(a.sentiment = 'neg'), sum(a.score),
      sum(coalesce(m.likes, 0)), sum(coalesce(m.replies, 0)), sum(coalesce(m.reposts, 0))
    ${COUNTED} GROUP BY b.brand_id, bucket, m.source_id, m.lang`;
}

export function recountAuthorsSql(interval: string, size: number, prefix = ''): string {
  return `${prefix} SELECT '${interval}', b.brand_id, (m.created_at / ${size}) * ${size} AS bucket, m.source_id, m.lang,
      m.author_id, count(*)
    ${COUNTED} AND m.author_id IS NOT NULL GROUP BY b.brand_id, bucket, m.source_id, m.lang, m.author_id`;
}
