import type { Db } from '../db.js';
import type { AuthorRecord, ChangeSummary, ProfileRepository, SegmentPage, SegmentQuery, StoredProfile, TagChange } from '../profile-types.js';
import type { ComputedTag, ProfileMention } from '../../profiles/types.js';
import type { TagExpr } from '../../profiles/tag-expression.js';
import { ValidationError } from '../../errors.js';
import { cursorOf, decodeProfileCursor, MIN_CONFIDENCE_CHANGE, toAuthor, toTag, type AuthorRow, type TagRow } from '../profile-rows.js';
import { createStatementCache, writeTransaction } from './statements.js';
import type { RollupMaintainer } from './rollups.js';
import { createEraser } from './erase.js';

/** Compiles a tag expression to a WHERE clause over `profiles p`; every value is a bound parameter. */
function compileExpr(expr: TagExpr, query: SegmentQuery, params: unknown[]): string {
  switch (expr.kind) {
    case 'tag':
      params.push(expr.tag, query.minConfidence, ...(query.brandId ? [query.brandId] : []));
      return `EXISTS (SELECT 1 FROM profile_tags t WHERE t.profile_id = p.id AND t.tag = ? AND t.confidence >= ?${query.brandId ? " AND t.brand_id IN ('', ?)" : ''})`;
    case 'not':
      return `NOT (${compileExpr(expr.child, query, params)})`;
    case 'and':
    case 'or':
      return `(${expr.children.map((c) => compileExpr(c, query, params)).join(` ${expr.kind.toUpperCase()} `)})`;
  }
}

/**
 * SQLite profile repository. A profile is a group of authors keyed by its lowest author id;
 * `profile_members` rows are created lazily (an author is its own group until linked).
 */
export function createProfileRepository(db: Db, rollups: RollupMaintainer): ProfileRepository {
  const prepare = createStatementCache(db);
  const q = {
    ensureAll: db.prepare('INSERT OR IGNORE INTO profile_members (author_id, profile_id) SELECT id, id FROM authors'),
    ensure: db.prepare('INSERT OR IGNORE INTO profile_members (author_id, profile_id) VALUES (?, ?)'),
    authorById: db.prepare('SELECT au.*, pm.profile_id FROM authors au JOIN profile_members pm ON pm.author_id = au.id WHERE au.id = ?'),
    authorExists: db.prepare('SELECT 1 FROM authors WHERE id = ?').pluck(),
    authorIdByKey: db.prepare('SELECT id FROM authors WHERE platform = ? AND platform_id = ?').pluck(),
    authorOfMention: db.prepare('SELECT author_id FROM mentions WHERE source_id = ? AND external_id = ? AND author_id IS NOT NULL').pluck(),
    members: db.prepare('SELECT au.*, pm.profile_id FROM authors au JOIN profile_members pm ON pm.author_id = au.id WHERE pm.profile_id = ? ORDER BY au.id'),
    profileIds: db.prepare('SELECT DISTINCT profile_id FROM profile_members WHERE profile_id > ? ORDER BY profile_id LIMIT ?').pluck(),
    mentions: db.prepare(`
      SELECT m.id, m.text, m.lang, m.created_at AS createdAt, a.sentiment, a.score,
        coalesce(m.likes, 0) + coalesce(m.replies, 0) + coalesce(m.reposts, 0) AS engagement,
        (SELECT group_concat(brand_id, char(31)) FROM mention_brands WHERE mention_id = m.id) AS brands
      FROM mentions m JOIN analyses a ON a.mention_id = m.id
      WHERE m.author_id IN (SELECT author_id FROM profile_members WHERE profile_id = ?) AND m.deleted_at IS NULL
      ORDER BY m.created_at, m.id`),
    tags: db.prepare('SELECT * FROM profile_tags WHERE profile_id = ? ORDER BY tag, brand_id'),
    upsertTag: db.prepare(`INSERT INTO profile_tags (profile_id, tag, brand_id, confidence, evidence, first_seen, last_seen, updated_at)
      VALUES (@profileId, @tag, @brandId, @confidence, @evidence, @firstSeen, @lastSeen, @at)
      ON CONFLICT (profile_id, tag, brand_id) DO UPDATE SET confidence = excluded.confidence, evidence = excluded.evidence,
        first_seen = excluded.first_seen, last_seen = excluded.last_seen, updated_at = excluded.updated_at`),
    deleteTag: db.prepare('DELETE FROM profile_tags WHERE profile_id = ? AND tag = ? AND brand_id = ?'),
    change: db.prepare('INSERT INTO tag_changes (profile_id, tag, brand_id, op, confidence, at) VALUES (?, ?, ?, ?, ?, ?)'),
    upsertProfile: db.prepare(`INSERT INTO profiles (id, summary, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET summary = excluded.summary, updated_at = excluded.updated_at`),
    profile: db.prepare('SELECT summary, updated_at FROM profiles WHERE id = ?'),
    deleteProfile: db.prepare('DELETE FROM profiles WHERE id = ?'),
    regroup: db.prepare('UPDATE profile_members SET profile_id = ? WHERE profile_id = ?'),
    changes: db.prepare('SELECT seq, profile_id AS profileId, tag, brand_id AS brandId, op, confidence, at FROM tag_changes WHERE seq > ? ORDER BY seq LIMIT ?'),
    exportTags: db.prepare(`SELECT profile_id AS profileId,
        (SELECT group_concat(au.platform || ':' || au.platform_id, '|') FROM profile_members pm JOIN authors au ON au.id = pm.author_id
          WHERE pm.profile_id = t.profile_id) AS authors,
        tag, brand_id AS brandId, confidence, first_seen AS firstSeen, last_seen AS lastSeen, updated_at AS updatedAt
      FROM profile_tags t WHERE (profile_id, tag, brand_id) > (?, ?, ?) ORDER BY profile_id, tag, brand_id LIMIT ?`),
  };

  const members = (profileId: number) => (q.members.all(profileId) as AuthorRow[]).map(toAuthor);
  const authorById = (id: number) => {
    if (!q.authorExists.get(id)) return undefined;
    q.ensure.run(id, id);
    const row = q.authorById.get(id) as AuthorRow | undefined;
    return row && toAuthor(row);
  };

  /** Writes one change row per difference between stored and computed tags. */
  function replaceTags(profileId: number, computed: readonly ComputedTag[], at: number): ChangeSummary {
    const summary: ChangeSummary = { added: 0, updated: 0, removed: 0 };
    const stored = new Map((q.tags.all(profileId) as TagRow[]).map((r) => [`${r.tag}\u001f${r.brand_id}`, r]));
    for (const tag of computed) {
      const old = stored.get(`${tag.tag}\u001f${tag.brandId}`);
      stored.delete(`${tag.tag}\u001f${tag.brandId}`);
      q.upsertTag.run({ profileId, ...tag, evidence: JSON.stringify(tag.evidence), at });
      const op = !old ? 'added' : Math.abs(old.confidence - tag.confidence) >= MIN_CONFIDENCE_CHANGE || old.last_seen !== tag.lastSeen ? 'updated' : null;
      if (op) q.change.run(profileId, tag.tag, tag.brandId, op, tag.confidence, at), (summary[op] += 1);
    }
    for (const old of stored.values()) {
      q.deleteTag.run(profileId, old.tag, old.brand_id);
      q.change.run(profileId, old.tag, old.brand_id, 'removed', null, at);
      summary.removed += 1;
    }
    return summary;
  }

  /** Removes a profile and its tags (each removal goes to the change feed). */
  function clearProfile(profileId: number, at: number): void {
    replaceTags(profileId, [], at);
    q.deleteProfile.run(profileId);
  }

  const save = writeTransaction(db, (profileId: number, profile: Parameters<ProfileRepository['saveProfile']>[1], at: number) => {
    const summary = replaceTags(profileId, profile.tags, at);
    q.upsertProfile.run(profileId, JSON.stringify({ lifecycle: profile.lifecycle, influence: profile.influence }), at);
    return summary;
  });

  const link = writeTransaction(db, (a: number, b: number, at: number): number => {
    const [pa, pb] = [authorById(a), authorById(b)];
    if (!pa || !pb) throw new ValidationError(`link: author ${!pa ? a : b} not found`);
    if (pa.profileId === pb.profileId) return pa.profileId;
    const [keep, drop] = pa.profileId < pb.profileId ? [pa.profileId, pb.profileId] : [pb.profileId, pa.profileId];
    q.regroup.run(keep, drop);
    clearProfile(drop, at);
    return keep;
  });

  const eraser = createEraser(db, rollups, { clearProfile, regroup: (from, to) => void q.regroup.run(to, from) });

  return {
    findAuthor: async (ref) => {
      const colon = ref.indexOf(':');
      const id = /^\d+$/.test(ref) ? Number(ref) : colon > 0 ? (q.authorIdByKey.get(ref.slice(0, colon), ref.slice(colon + 1)) as number | undefined) : undefined;
      return id === undefined ? undefined : authorById(id);
    },
    profileIdsFor: async (keys) => {
      const ids = keys.map((k) => q.authorIdByKey.get(k.platform, k.platformId) as number | undefined).filter((id): id is number => id !== undefined);
      return [...new Set(ids.map((id) => authorById(id)!.profileId))].sort((x, y) => x - y);
    },
    profileIdsOfMentions: async (sourceId, externalIds) => {
      const ids = externalIds.map((e) => q.authorOfMention.get(sourceId, e) as number | undefined).filter((id): id is number => id !== undefined);
      return [...new Set(ids.map((id) => authorById(id)!.profileId))].sort((x, y) => x - y);
    },
    listProfileIds: async (afterId, limit) => {
      if (afterId === 0) q.ensureAll.run();
      return q.profileIds.all(afterId, limit) as number[];
    },
    loadSource: async (profileId) => {
      authorById(profileId); // an author never linked gets its one-member group here
      const authors = members(profileId);
      if (!authors.length) return undefined;
      const rows = q.mentions.all(profileId) as (Omit<ProfileMention, 'brands'> & { brands: string | null })[];
      return {
        profileId,
        authors: authors.map((a) => ({ authorId: a.id, platform: a.platform, followers: a.followers })),
        mentions: rows.map((r) => ({ ...r, brands: r.brands ? r.brands.split('\u001f') : [] })),
      };
    },
    saveProfile: async (profileId, profile, at) => save(profileId, profile, at),
    getProfile: async (profileId) => {
      const row = q.profile.get(profileId) as { summary: string; updated_at: number } | undefined;
      if (!row) return undefined;
      const summary = JSON.parse(row.summary) as Pick<StoredProfile, 'lifecycle' | 'influence'>;
      return { profileId, authors: members(profileId), tags: (q.tags.all(profileId) as TagRow[]).map(toTag), ...summary, updatedAt: row.updated_at };
    },
    link: async (a, b, at) => link(a, b, at),
    segment: async (query) => segment(prepare, members, query),
    changes: async (afterSeq, limit) => q.changes.all(afterSeq, limit) as TagChange[],
    exportTags: async (after, limit) => q.exportTags.all(after?.profileId ?? -1, after?.tag ?? '', after?.brandId ?? '', limit) as never,
    eraseAuthor: async (authorId, at) => eraser.eraseAuthor(authorId, at),
    purgeBefore: async (cutoff, at) => eraser.purgeBefore(cutoff, at),
  };
}

/** One page of segment members in profile id order, with the total count. */
function segment(prepare: ReturnType<typeof createStatementCache>, members: (id: number) => AuthorRecord[], query: SegmentQuery): SegmentPage {
  const params: unknown[] = [];
  const where = compileExpr(query.expr, query, params);
  const count = prepare(`SELECT count(*) FROM profiles p WHERE ${where}`).pluck().get(...params) as number;
  const after = query.cursor ? decodeProfileCursor(query.cursor) : 0;
  const ids = prepare(`SELECT p.id FROM profiles p WHERE ${where} AND p.id > ? ORDER BY p.id LIMIT ?`).pluck().all(...params, after, query.limit + 1) as number[];
  const page = ids.slice(0, query.limit);
  const tagSql = `SELECT tag, brand_id AS brandId, confidence FROM profile_tags WHERE profile_id = ? AND confidence >= ?${query.brandId ? " AND brand_id IN ('', ?)" : ''} ORDER BY tag, brand_id`;
  const items = page.map((profileId) => ({
    profileId,
    authors: members(profileId),
    tags: prepare(tagSql).all(profileId, query.minConfidence, ...(query.brandId ? [query.brandId] : [])) as SegmentPage['items'][number]['tags'],
  }));
  return { items, count, nextCursor: ids.length > query.limit ? cursorOf(page[page.length - 1]) : null };
}
