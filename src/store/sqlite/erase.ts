import type { Db } from '../db.js';
import { writeTransaction } from './statements.js';
import type { EraseResult, PurgeResult } from '../profile-types.js';
import type { RollupMaintainer } from './rollups.js';

export interface EraseHooks {
  /** Removes a profile and its tags, writing removals to the change feed. */
  clearProfile(profileId: number, at: number): void;
  /** Moves every member of profile `from` to profile `to`. */
  regroup(from: number, to: number): void;
}

export interface Eraser {
  eraseAuthor(authorId: number, at: number): EraseResult;
  purgeBefore(cutoff: number, at: number): PurgeResult;
}

/** Mentions purged per transaction, so a large purge never holds the write lock for long. */
const PURGE_BATCH = 1000;

/**
 * Hard deletes for privacy duties (erasure requests, retention). Each mention leaves the rollups
 * before it is deleted (`apply(load(id), -1)`), so trends stay equal to a recount; its analysis,
 * brand links, terms and aspects go with it by cascade, and its full-text row explicitly (FTS5 has
 * no foreign keys). Reposts of a deleted original are re-linked to the earliest remaining copy,
 * which now counts in its place.
 */
export function createEraser(db: Db, rollups: RollupMaintainer, hooks: EraseHooks): Eraser {
  const q = {
    copies: db.prepare('SELECT id FROM mentions WHERE duplicate_of = ? AND deleted_at IS NULL ORDER BY created_at, id').pluck(),
    deleteSearch: db.prepare('DELETE FROM mention_search WHERE rowid = ?'),
    deleteMention: db.prepare('DELETE FROM mentions WHERE id = ?'),
    relink: db.prepare('UPDATE mentions SET duplicate_of = ? WHERE id = ?'),
    ofAuthor: db.prepare('SELECT id FROM mentions WHERE author_id = ?').pluck(),
    older: db.prepare('SELECT id, author_id FROM mentions WHERE created_at < ? ORDER BY id LIMIT ?'),
    profileOf: db.prepare('SELECT profile_id FROM profile_members WHERE author_id = ?').pluck(),
    groupLeft: db.prepare('SELECT min(author_id) FROM profile_members WHERE profile_id = ? AND author_id != ?').pluck(),
    deleteMember: db.prepare('DELETE FROM profile_members WHERE author_id = ?'),
    deleteAuthor: db.prepare('DELETE FROM authors WHERE id = ?'),
    mentionsLeft: db.prepare('SELECT count(*) FROM mentions WHERE author_id = ?').pluck(),
  };

  function deleteMention(id: number): void {
    rollups.apply(rollups.load(id), -1);
    const copies = q.copies.all(id) as number[];
    q.deleteSearch.run(id);
    q.deleteMention.run(id); // ON DELETE SET NULL frees the copies
    if (!copies.length) return;
    const [first, ...rest] = copies;
    for (const copy of rest) q.relink.run(first, copy);
    rollups.apply(rollups.load(first), 1);
  }

  /** Drops the author row and membership; returns the profile left to recompute, if any. */
  function dropAuthor(authorId: number, at: number): number | null {
    const profileId = q.profileOf.get(authorId) as number | undefined;
    const next = profileId === undefined ? null : ((q.groupLeft.get(profileId, authorId) as number | null) ?? null);
    q.deleteMember.run(authorId);
    q.deleteAuthor.run(authorId);
    if (profileId === undefined) return null;
    if (next === null || next !== profileId) hooks.clearProfile(profileId, at);
    if (next !== null && next !== profileId && profileId === authorId) hooks.regroup(profileId, next);
    return next === null ? null : profileId === authorId ? next : profileId;
  }

  const eraseAuthor = writeTransaction(db, (authorId: number, at: number): EraseResult => {
    const ids = q.ofAuthor.all(authorId) as number[];
    for (const id of ids) deleteMention(id);
    const left = dropAuthor(authorId, at);
    return { mentions: ids.length, affectedProfiles: left === null ? [] : [left] };
  });

  const purgeBatch = writeTransaction(db, (cutoff: number, at: number) => {
    const rows = q.older.all(cutoff, PURGE_BATCH) as { id: number; author_id: number | null }[];
    const authors = new Set<number>();
    for (const row of rows) {
      deleteMention(row.id);
      if (row.author_id !== null) authors.add(row.author_id);
    }
    const affected = new Set<number>();
    for (const authorId of authors) {
      // An author with nothing left is removed too: no reason to keep a handle without posts.
      const profile = (q.mentionsLeft.get(authorId) as number) === 0 ? dropAuthor(authorId, at) : ((q.profileOf.get(authorId) as number | undefined) ?? authorId);
      if (profile !== null) affected.add(profile);
    }
    return { count: rows.length, affected };
  });

  return {
    eraseAuthor: (authorId, at) => eraseAuthor(authorId, at),
    purgeBefore: (cutoff, at) => {
      const affected = new Set<number>();
      let mentions = 0;
      for (;;) {
        const batch = purgeBatch(cutoff, at);
        mentions += batch.count;
        batch.affected.forEach((id) => affected.add(id));
        if (batch.count < PURGE_BATCH) break;
      }
      return { mentions, affectedProfiles: [...affected].sort((a, b) => a - b) };
    },
  };
}
