import type { Db } from '../db.js';
import type { MentionQuery, MentionRow, Page } from '../types.js';
import { toMentionRow, type MentionRecord } from '../rows.js';
import { createStatementCache } from './statements.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { termPhrases } from '../../text/han-bigrams.js';

/** Longest brand-filtered range that is read time-first (see `buildFilters`). */
const TIME_FIRST_MAX_MS = 86_400_000;

const quote = (phrase: string) => `"${phrase.replace(/"/g, '""')}"`;

/**
 * Quotes every phrase for FTS5 so user input can never be read as query syntax; a term matches when
 * any of its phrases does (see `termPhrases`), and every term must match.
 */
function ftsQuery(terms: string[]): string {
  return terms.map((term) => `(${termPhrases(term).map(quote).join(' OR ')})`).join(' AND ');
}

/** Builds the WHERE clause shared by listing queries; parameters are always bound, never spliced. */
function buildFilters(query: MentionQuery): { where: string[]; params: unknown[] } {
  const where = ['m.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (query.brandId) {
    // Over a short bounded range (the alert check's recent window) walk the range by time and look
    // each mention's brand up; otherwise start from the brand's mentions (a small brand over months).
    const short = query.from !== undefined && query.to !== undefined && query.to - query.from <= TIME_FIRST_MAX_MS;
    where.push(short ? 'EXISTS (SELECT 1 FROM mention_brands b WHERE b.brand_id = ? AND b.mention_id = m.id)' : 'm.id IN (SELECT mention_id FROM mention_brands WHERE brand_id = ?)');
    params.push(query.brandId);
  }
  if (query.terms?.length) {
    where.push('m.id IN (SELECT rowid FROM mention_search WHERE mention_search MATCH ?)');
    params.push(ftsQuery(query.terms));
  }
  if (query.lang) where.push('m.lang = ?'), params.push(query.lang);
  if (query.sentiment) where.push('a.sentiment = ?'), params.push(query.sentiment);
  if (query.sourceId) where.push('m.source_id = ?'), params.push(query.sourceId);
  if (query.from !== undefined) where.push('m.created_at >= ?'), params.push(query.from);
  if (query.to !== undefined) where.push('m.created_at < ?'), params.push(query.to);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    where.push('(m.created_at < ? OR (m.created_at = ? AND m.id < ?))');
    params.push(cursor.createdAt, cursor.createdAt, cursor.id);
  }
  return { where, params };
}

/** Newest-first mention listing with keyset pagination. */
export function createListMentions(db: Db): (query: MentionQuery) => Page<MentionRow> {
  const prepare = createStatementCache(db);
  return (query) => {
    const { where, params } = buildFilters(query);
    const sql = `
      SELECT m.*, au.platform, au.platform_id, au.handle, au.name, au.followers,
        a.sentiment, a.score, a.confidence, a.explanation, a.emotion, a.emotion_confidence, a.themes, a.aspects,
        (SELECT group_concat(brand_id) FROM mention_brands mb WHERE mb.mention_id = m.id) AS brands
      FROM mentions m JOIN analyses a ON a.mention_id = m.id LEFT JOIN authors au ON au.id = m.author_id
      WHERE ${where.join(' AND ')}
      ORDER BY m.created_at DESC, m.id DESC LIMIT ?`;
    const rows = (prepare(sql).all(...params, query.limit + 1) as (Omit<MentionRecord, 'brands'> & { brands: string | null })[]).map(
      (row) => ({ ...row, brands: row.brands ? row.brands.split(',') : [] }),
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toMentionRow),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
    };
  };
}

