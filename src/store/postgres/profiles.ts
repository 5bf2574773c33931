import type pg from 'pg';
import type { AuthorRecord, ChangeSummary, ProfileRepository, SegmentPage, SegmentQuery, StoredProfile, TagChange } from '../profile-types.js';
import type { ComputedTag } from '../../profiles/types.js';
import type { TagExpr } from '../../profiles/tag-expression.js';
import { ValidationError } from '../../errors.js';
import { cursorOf, decodeProfileCursor, MIN_CONFIDENCE_CHANGE, toAuthor, toTag, type AuthorRow, type TagRow } from '../profile-rows.js';
import { query, queryOne, type Queryable } from './pool.js';
import { withTransaction } from './transaction.js';
import { createPgEraser } from './erase.js';

/** Tag expression → WHERE over `profiles p`; every value is a bound parameter. */
function compileExpr(expr: TagExpr, q: SegmentQuery, params: unknown[]): string {
  const bind = (value: unknown) => (params.push(value), `$${params.length}`);
  switch (expr.kind) {
    case 'tag':
      return `EXISTS (SELECT 1 FROM profile_tags t WHERE t.profile_id = p.id AND t.tag = ${bind(expr.tag)} AND t.confidence >= ${bind(q.minConfidence)}${q.brandId ? ` AND t.brand_id IN ('', ${bind(q.brandId)})` : ''})`;
    case 'not':
      return `NOT (${compileExpr(expr.child, q, params)})`;
    case 'and':
    case 'or':
      return `(${expr.children.map((c) => compileExpr(c, q, params)).join(` ${expr.kind.toUpperCase()} `)})`;
  }
}

/**
 * Serialises writers of `tag_changes`: a seq is drawn after the lock and the lock is held to commit,
 * so seqs become visible in order and readers paging by "seq > cursor" never skip a change.
 */
const lockFeed = async (client: pg.PoolClient) => void (await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('koubei:tag_changes', 0))`));

/** Profile repository on Postgres; behaviour mirrors src/store/sqlite/profiles.ts. */
export function createPgProfileRepository(pool: pg.Pool): ProfileRepository {
  const members = async (db: Queryable, profileId: number) =>
    (await query<AuthorRow>(db, 'SELECT au.*, pm.profile_id FROM authors au JOIN profile_members pm ON pm.author_id = au.id WHERE pm.profile_id = $1 ORDER BY au.id', [profileId])).map(toAuthor);
  const authorIdByKey = async (db: Queryable, platform: string, platformId: string) =>
    (await queryOne<{ id: number }>(db, 'SELECT id FROM authors WHERE platform = $1 AND platform_id = $2', [platform, platformId], 'koubei_author_by_key'))?.id;
  /** An author never linked becomes its own one-member group here (created lazily, as on SQLite). */
  const authorById = async (db: Queryable, id: number) => {
    await query(db, 'INSERT INTO profile_members (author_id, profile_id) SELECT id, id FROM authors WHERE id = $1 ON CONFLICT DO NOTHING', [id]);
    const row = await queryOne<AuthorRow>(db, 'SELECT au.*, pm.profile_id FROM authors au JOIN profile_members pm ON pm.author_id = au.id WHERE au.id = $1', [id]);
    return row && toAuthor(row);
  };

  async function replaceTags(client: pg.PoolClient, profileId: number, computed: readonly ComputedTag[], at: number): Promise<ChangeSummary> {
    const summary: ChangeSummary = { added: 0, updated: 0, removed: 0 };
    const rows = await query<TagRow>(client, 'SELECT * FROM profile_tags WHERE profile_id = $1 ORDER BY tag, brand_id FOR UPDATE', [profileId]);
    const stored = new Map(rows.map((r) => [`${r.tag}\u001f${r.brand_id}`, r]));
    const change = (tag: string, brandId: string, op: string, confidence: number | null) =>
      client.query('INSERT INTO tag_changes (profile_id, tag, brand_id, op, confidence, at) VALUES ($1, $2, $3, $4, $5, $6)', [profileId, tag, brandId, op, confidence, at]);
    for (const tag of computed) {
      const old = stored.get(`${tag.tag}\u001f${tag.brandId}`);
      stored.delete(`${tag.tag}\u001f${tag.brandId}`);
      await client.query(`INSERT INTO profile_tags (profile_id, tag, brand_id, confidence, evidence, first_seen, last_seen, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (profile_id, tag, brand_id) DO UPDATE SET confidence = excluded.confidence, evidence = excluded.evidence,
          first_seen = excluded.first_seen, last_seen = excluded.last_seen, updated_at = excluded.updated_at`,
      [profileId, tag.tag, tag.brandId, tag.confidence, JSON.stringify(tag.evidence), tag.firstSeen, tag.lastSeen, at]);
      const op = !old ? 'added' : Math.abs(old.confidence - tag.confidence) >= MIN_CONFIDENCE_CHANGE || old.last_seen !== tag.lastSeen ? 'updated' : null;
      if (op) await change(tag.tag, tag.brandId, op, tag.confidence), (summary[op] += 1);
    }
    for (const old of stored.values()) {
      await client.query('DELETE FROM profile_tags WHERE profile_id = $1 AND tag = $2 AND brand_id = $3', [profileId, old.tag, old.brand_id]);
      await change(old.tag, old.brand_id, 'removed', null);
      summary.removed += 1;
    }
    return summary;
  }

  const clearProfile = async (client: pg.PoolClient, profileId: number, at: number) => {
    await replaceTags(client, profileId, [], at);
    await client.query('DELETE FROM profiles WHERE id = $1', [profileId]);
  };
  const regroup = async (client: pg.PoolClient, from: number, to: number) =>
    void (await client.query('UPDATE profile_members SET profile_id = $1 WHERE profile_id = $2', [to, from]));
  const eraser = createPgEraser(pool, { lockFeed, clearProfile, regroup });

  return {
    findAuthor: async (ref) => {
      const colon = ref.indexOf(':');
      const id = /^\d+$/.test(ref) ? Number(ref) : colon > 0 ? await authorIdByKey(pool, ref.slice(0, colon), ref.slice(colon + 1)) : undefined;
      return id === undefined ? undefined : authorById(pool, id);
    },
    profileIdsFor: async (keys) => {
      const ids: number[] = [];
      for (const k of keys) {
        const id = await authorIdByKey(pool, k.platform, k.platformId);
        if (id !== undefined) ids.push((await authorById(pool, id))!.profileId);
      }
      return [...new Set(ids)].sort((x, y) => x - y);
    },
    profileIdsOfMentions: async (sourceId, externalIds) => {
      const rows = await query<{ a: number }>(pool, 'SELECT DISTINCT author_id AS a FROM mentions WHERE source_id = $1 AND external_id = ANY($2) AND author_id IS NOT NULL', [sourceId, externalIds]);
      const ids: number[] = [];
      for (const { a } of rows) ids.push((await authorById(pool, a))!.profileId);
      return [...new Set(ids)].sort((x, y) => x - y);
    },
    listProfileIds: async (afterId, limit) => {
      if (afterId === 0) await query(pool, 'INSERT INTO profile_members (author_id, profile_id) SELECT id, id FROM authors ON CONFLICT DO NOTHING');
      return (await query<{ p: number }>(pool, 'SELECT DISTINCT profile_id AS p FROM profile_members WHERE profile_id > $1 ORDER BY p LIMIT $2', [afterId, limit])).map((r) => r.p);
    },
    loadSource: async (profileId) => {
      await authorById(pool, profileId);
      const authors = await members(pool, profileId);
      if (!authors.length) return undefined;
      const mentions = await query<never>(pool, `
        SELECT m.id, m.text, m.lang, m.created_at AS "createdAt", a.sentiment, a.score,
          coalesce(m.likes, 0) + coalesce(m.replies, 0) + coalesce(m.reposts, 0) AS engagement,
          array(SELECT brand_id FROM mention_brands WHERE mention_id = m.id ORDER BY brand_id) AS brands
        FROM mentions m JOIN analyses a ON a.mention_id = m.id
        WHERE m.author_id IN (SELECT author_id FROM profile_members WHERE profile_id = $1) AND m.deleted_at IS NULL
        ORDER BY m.created_at, m.id`, [profileId]);
      return { profileId, authors: authors.map((a) => ({ authorId: a.id, platform: a.platform, followers: a.followers })), mentions };
    },
    saveProfile: (profileId, profile, at) =>
      withTransaction(pool, async (client) => {
        await lockFeed(client);
        const summary = await replaceTags(client, profileId, profile.tags, at);
        await client.query(`INSERT INTO profiles (id, summary, updated_at) VALUES ($1, $2, $3)
          ON CONFLICT (id) DO UPDATE SET summary = excluded.summary, updated_at = excluded.updated_at`,
        [profileId, JSON.stringify({ lifecycle: profile.lifecycle, influence: profile.influence }), at]);
        return summary;
      }),
    getProfile: async (profileId) => {
      const row = await queryOne<{ summary: string; updated_at: number }>(pool, 'SELECT summary, updated_at FROM profiles WHERE id = $1', [profileId]);
      if (!row) return undefined;
      const summary = JSON.parse(row.summary) as Pick<StoredProfile, 'lifecycle' | 'influence'>;
      const tags = await query<TagRow>(pool, 'SELECT * FROM profile_tags WHERE profile_id = $1 ORDER BY tag COLLATE "C", brand_id COLLATE "C"', [profileId]);
      return { profileId, authors: await members(pool, profileId), tags: tags.map(toTag), ...summary, updatedAt: row.updated_at };
    },
    link: (a, b, at) =>
      withTransaction(pool, async (client) => {
        await lockFeed(client);
        const [pa, pb] = [await authorById(client, a), await authorById(client, b)];
        if (!pa || !pb) throw new ValidationError(`link: author ${!pa ? a : b} not found`);
        if (pa.profileId === pb.profileId) return pa.profileId;
        const [keep, drop] = pa.profileId < pb.profileId ? [pa.profileId, pb.profileId] : [pb.profileId, pa.profileId];
        await regroup(client, drop, keep);
        await clearProfile(client, drop, at);
        return keep;
      }),
    segment: (q) => segment(pool, (id) => members(pool, id), q),
    changes: (afterSeq, limit) =>
      query<TagChange>(pool, 'SELECT seq, profile_id AS "profileId", tag, brand_id AS "brandId", op, confidence, at FROM tag_changes WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit]),
    exportTags: (after, limit) =>
      query<never>(pool, `SELECT profile_id AS "profileId",
          (SELECT string_agg(au.platform || ':' || au.platform_id, '|' ORDER BY au.id) FROM profile_members pm JOIN authors au ON au.id = pm.author_id
            WHERE pm.profile_id = t.profile_id) AS authors,
          tag, brand_id AS "brandId", confidence, first_seen AS "firstSeen", last_seen AS "lastSeen", updated_at AS "updatedAt"
        FROM profile_tags t WHERE (profile_id, tag COLLATE "C", brand_id COLLATE "C") > ($1, $2, $3)
        ORDER BY profile_id, tag COLLATE "C", brand_id COLLATE "C" LIMIT $4`, [after?.profileId ?? -1, after?.tag ?? '', after?.brandId ?? '', limit]),
    eraseAuthor: (authorId, at) => eraser.eraseAuthor(authorId, at),
    purgeBefore: (cutoff, at) => eraser.purgeBefore(cutoff, at),
  };
}

/** One page of segment members in profile id order, with the total count. */
async function segment(pool: pg.Pool, members: (id: number) => Promise<AuthorRecord[]>, q: SegmentQuery): Promise<SegmentPage> {
  const params: unknown[] = [];
  const where = compileExpr(q.expr, q, params);
  const { count } = (await queryOne<{ count: number }>(pool, `SELECT count(*) AS count FROM profiles p WHERE ${where}`, params))!;
  const after = q.cursor ? decodeProfileCursor(q.cursor) : 0;
  const n = params.length;
  const ids = (await query<{ id: number }>(pool, `SELECT p.id FROM profiles p WHERE ${where} AND p.id > $${n + 1} ORDER BY p.id LIMIT $${n + 2}`, [...params, after, q.limit + 1])).map((r) => r.id);
  const page = ids.slice(0, q.limit);
  const tagSql = `SELECT tag, brand_id AS "brandId", confidence FROM profile_tags WHERE profile_id = $1 AND confidence >= $2${q.brandId ? " AND brand_id IN ('', $3)" : ''} ORDER BY tag COLLATE "C", brand_id COLLATE "C"`;
  const items = [];
  for (const profileId of page) {
    const tags = await query<SegmentPage['items'][number]['tags'][number]>(pool, tagSql, [profileId, q.minConfidence, ...(q.brandId ? [q.brandId] : [])]);
    items.push({ profileId, authors: await members(profileId), tags });
  }
  return { items, count, nextCursor: ids.length > q.limit ? cursorOf(page[page.length - 1]) : null };
}
