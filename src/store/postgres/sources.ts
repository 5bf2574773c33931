import type pg from 'pg';
import type { RunRecord, SourceOwner, SourceState } from '../types.js';
import { toRunRecord, toSourceState, type RunRow, type SourceRecord } from '../rows.js';
import { query, queryOne, type Queryable } from './pool.js';
import { withTransaction } from './transaction.js';

/** Source state and the `collector_runs` history on Postgres. */
export interface PgSourceRepository {
  claim(id: string, owner: SourceOwner, now: number): Promise<SourceState>;
  get(id: string): Promise<SourceState | undefined>;
  list(): Promise<SourceState[]>;
  recordRun(run: RunRecord, unhealthyAfter: number): Promise<SourceState>;
  listRuns(sourceId: string, limit: number): Promise<RunRecord[]>;
}

/**
 * Inserts source `id` unless it is stored and returns the stored row (`Store.claimSource`), on `db`:
 * the pool, or the transaction that stores the first batch under the source.
 */
export async function claimSourcePg(db: Queryable, id: string, owner: SourceOwner, now: number): Promise<SourceState> {
  // `DO NOTHING` returns no row for a taken id, and reading it back in a second statement (or a CTE,
  // whose snapshot predates it) can miss a row another connection is committing. The no-op
  // `DO UPDATE` waits for that row and returns it, keeping its type and origin: claim and read are one step.
  const row = await queryOne<SourceRecord>(db,
    'INSERT INTO sources (id, type, origin, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET type = sources.type RETURNING *',
    [id, owner.type, owner.origin, now], 'koubei_source_claim');
  return toSourceState(row!);
}

/**
 * Same behaviour as the SQLite repository. `recordRun` updates the failure streak with a single
 * `UPDATE … SET consecutive_failures = consecutive_failures + 1` (row-locked), so two workers
 * finishing runs of one source at once both count.
 */
export function createPgSourceRepository(pool: pg.Pool): PgSourceRepository {
  const get = async (db: Queryable, id: string) => {
    const row = await queryOne<SourceRecord>(db, 'SELECT * FROM sources WHERE id = $1', [id], 'koubei_source_get');
    return row && toSourceState(row);
  };
  return {
    claim: (id, owner, now) => claimSourcePg(pool, id, owner, now),
    get: (id) => get(pool, id),
    list: async () => (await query<SourceRecord>(pool, 'SELECT * FROM sources ORDER BY id COLLATE "C"')).map(toSourceState),
    recordRun: (run, unhealthyAfter) =>
      withTransaction(pool, async (client) => {
        await client.query(`INSERT INTO collector_runs (source_id, started_at, finished_at, status, fetched, inserted, updated, duplicates, skipped, error)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [run.sourceId, run.startedAt, run.finishedAt, run.status, run.fetched, run.inserted, run.updated, run.duplicates, run.skipped, run.error]);
        if (run.status === 'ok') {
          await client.query(`UPDATE sources SET cursor = coalesce($2, cursor), consecutive_failures = 0, healthy = 1,
            last_run_at = $3, last_status = 'ok', last_error = NULL WHERE id = $1`, [run.sourceId, run.cursor ?? null, run.finishedAt]);
        } else {
          await client.query(`UPDATE sources SET consecutive_failures = consecutive_failures + 1,
            healthy = (consecutive_failures + 1 < $4)::int, last_run_at = $2, last_status = 'error', last_error = $3 WHERE id = $1`,
          [run.sourceId, run.finishedAt, run.error, unhealthyAfter]);
        }
        return (await get(client, run.sourceId))!;
      }),
    listRuns: async (sourceId, limit) =>
      (await query<RunRow>(pool, 'SELECT * FROM collector_runs WHERE source_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2', [sourceId, limit])).map(toRunRecord),
  };
}
