import type { MentionQuery, MentionRow, Page } from '../types.js';
import { toMentionRow, type MentionRecord } from '../rows.js';
import { decodeCursor, encodeCursor } from '../sqlite/cursor.js';
import { query, type Queryable } from './pool.js';
import { termPhrases } from '../../text/han-bigrams.js';

/**
 * WHERE clause of a listing; every value is a bound parameter. Each phrase of a search term becomes a
 * `phraseto_tsquery` (its words in order, like a quoted FTS5 phrase), so user input is never read as
 * tsquery syntax; a term matches when any of its phrases does (see `termPhrases`), and all terms must
 * match. The expression matches the GIN index on `to_tsvector('simple', tokens)`.
 */
function buildFilters(q: MentionQuery): { where: string[]; params: unknown[] } {
  const where = ['m.deleted_at IS NULL'];
  const params: unknown[] = [];
  const bind = (value: unknown) => (params.push(value), `$${params.length}`);
  if (q.brandId) where.push(`m.id IN (SELECT mention_id FROM mention_brands WHERE brand_id = ${bind(q.brandId)})`);
  if (q.terms?.length) {
    const phrase = (text: string) => `phraseto_tsquery('simple', ${bind(text)})`;
    const tsquery = q.terms.map((term) => `(${termPhrases(term).map(phrase).join(' || ')})`).join(' && ');
    where.push(`to_tsvector('simple', m.tokens) @@ (${tsquery})`);
  }
  if (q.lang) where.push(`m.lang = ${bind(q.lang)}`);
  if (q.sentiment) where.push(`a.sentiment = ${bind(q.sentiment)}`);
  if (q.sourceId) where.push(`m.source_id = ${bind(q.sourceId)}`);
  if (q.from !== undefined) where.push(`m.created_at >= ${bind(q.from)}`);
  if (q.to !== undefined) where.push(`m.created_at < ${bind(q.to)}`);
  if (q.cursor) {
    const cursor = decodeCursor(q.cursor);
    where.push(`(m.created_at, m.id) < (${bind(cursor.createdAt)}, ${bind(cursor.id)})`);
  }
  return { where, params };
}

/** Newest-first mention listing with keyset pagination on (created_at, id). */
export async function listMentionsPg(db: Queryable, q: MentionQuery): Promise<Page<MentionRow>> {
  const { where, params } = buildFilters(q);
  params.push(q.limit + 1);
  const rows = await query<MentionRecord>(db, `
    SELECT m.id, m.source_id, m.external_id, m.url, m.title, m.text, m.lang, m.created_at, m.duplicate_of, m.likes, m.replies,
      m.reposts, m.rating, au.platform, au.platform_id, au.handle, au.name, au.followers,
      a.sentiment, a.score, a.confidence, a.explanation, a.emotion, a.emotion_confidence, a.themes, a.aspects,
      array(SELECT brand_id FROM mention_brands mb WHERE mb.mention_id = m.id ORDER BY brand_id) AS brands
    FROM mentions m JOIN analyses a ON a.mention_id = m.id LEFT JOIN authors au ON au.id = m.author_id
    WHERE ${where.join(' AND ')}
    ORDER BY m.created_at DESC, m.id DESC LIMIT $${params.length}`, params);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toMentionRow),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

