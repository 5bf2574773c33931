import type pg from 'pg';
import type { EraseResult, PurgeResult } from '../profile-types.js';
import { query, queryOne } from './pool.js';
import { withTransaction } from './transaction.js';
import { loadContribution, RollupDelta } from './rollups.js';

/** Profile bookkeeping the eraser needs; run inside the eraser's transaction. */
export interface PgEraseHooks {
  /** Serialises writers of the tag change feed (see profiles.ts). */
  lockFeed(client: pg.PoolClient): Promise<void>;
  clearProfile(client: pg.PoolClient, profileId: number, at: number): Promise<void>;
  regroup(client: pg.PoolClient, from: number, to: number): Promise<void>;
}

/** Mentions purged per transaction, so a large purge never holds locks for long. */
const PURGE_BATCH = 1000;

/**
 * Hard deletes for erasure and retention, as on SQLite: each mention leaves the rollups before it is
 * deleted, its derived rows go by cascade (the search tokens are a column of the row itself), and
 * reposts of a deleted original are re-linked to the earliest remaining copy, which then counts.
 */
export function createPgEraser(pool: pg.Pool, hooks: PgEraseHooks) {
  async function deleteMention(client: pg.PoolClient, id: number, delta: RollupDelta): Promise<void> {
    delta.apply(await loadContribution(client, id), -1);
    const copies = (await query<{ id: number }>(client, 'SELECT id FROM mentions WHERE duplicate_of = $1 AND deleted_at IS NULL ORDER BY created_at, id FOR UPDATE', [id])).map((r) => r.id);
    await client.query('DELETE FROM mentions WHERE id = $1', [id]); // ON DELETE SET NULL frees the copies
    if (!copies.length) return;
    const [first, ...rest] = copies;
    if (rest.length) await client.query('UPDATE mentions SET duplicate_of = $1 WHERE id = ANY($2::bigint[])', [first, rest]);
    delta.apply(await loadContribution(client, first), 1);
  }

  /** Drops the author row and membership; returns the profile left to recompute, if any. */
  async function dropAuthor(client: pg.PoolClient, authorId: number, at: number): Promise<number | null> {
    const profileId = (await queryOne<{ p: number }>(client, 'SELECT profile_id AS p FROM profile_members WHERE author_id = $1', [authorId]))?.p;
    const next = profileId === undefined ? null
      : ((await queryOne<{ n: number | null }>(client, 'SELECT min(author_id) AS n FROM profile_members WHERE profile_id = $1 AND author_id <> $2', [profileId, authorId]))?.n ?? null);
    await client.query('DELETE FROM profile_members WHERE author_id = $1', [authorId]);
    await client.query('DELETE FROM authors WHERE id = $1', [authorId]);
    if (profileId === undefined) return null;
    if (next === null || next !== profileId) await hooks.clearProfile(client, profileId, at);
    if (next !== null && next !== profileId && profileId === authorId) await hooks.regroup(client, profileId, next);
    return next === null ? null : profileId === authorId ? next : profileId;
  }

  async function eraseAuthor(authorId: number, at: number): Promise<EraseResult> {
    return withTransaction(pool, async (client) => {
      await hooks.lockFeed(client);
      const ids = (await query<{ id: number }>(client, 'SELECT id FROM mentions WHERE author_id = $1 ORDER BY id FOR UPDATE', [authorId])).map((r) => r.id);
      const delta = new RollupDelta();
      for (const id of ids) await deleteMention(client, id, delta);
      await delta.flush(client);
      const left = await dropAuthor(client, authorId, at);
      return { mentions: ids.length, affectedProfiles: left === null ? [] : [left] };
    });
  }

  const purgeBatch = (cutoff: number, at: number) =>
    withTransaction(pool, async (client) => {
      await hooks.lockFeed(client);
      const rows = await query<{ id: number; author_id: number | null }>(client,
        'SELECT id, author_id FROM mentions WHERE created_at < $1 ORDER BY id LIMIT $2 FOR UPDATE', [cutoff, PURGE_BATCH]);
      const delta = new RollupDelta();
      const authors = new Set<number>();
      for (const row of rows) {
        await deleteMention(client, row.id, delta);
        if (row.author_id !== null) authors.add(row.author_id);
      }
      await delta.flush(client);
      const affected = new Set<number>();
      for (const authorId of authors) {
        // An author with nothing left is removed too: no reason to keep a handle without posts.
        const left = (await queryOne<{ n: number }>(client, 'SELECT count(*) AS n FROM mentions WHERE author_id = $1', [authorId]))!.n;
        const profile = left === 0 ? await dropAuthor(client, authorId, at)
          : ((await queryOne<{ p: number }>(client, 'SELECT profile_id AS p FROM profile_members WHERE author_id = $1', [authorId]))?.p ?? authorId);
        if (profile !== null) affected.add(profile);
      }
      return { count: rows.length, affected };
    });

  return {
    eraseAuthor,
    async purgeBefore(cutoff: number, at: number): Promise<PurgeResult> {
      const affected = new Set<number>();
      let mentions = 0;
      for (;;) {
        const batch = await purgeBatch(cutoff, at);
        mentions += batch.count;
        batch.affected.forEach((id) => affected.add(id));
        if (batch.count < PURGE_BATCH) break;
      }
      return { mentions, affectedProfiles: [...affected].sort((a, b) => a - b) };
    },
  };
}
