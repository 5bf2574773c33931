import type { Db } from '../db.js';
import { writeTransaction } from './statements.js';
import type { RunRecord, SourceOwner, SourceState } from '../types.js';
import { toRunRecord, toSourceState, type RunRow, type SourceRecord } from '../rows.js';

export interface SourceRepository {
  claim(id: string, owner: SourceOwner, now: number): SourceState;
  get(id: string): SourceState | undefined;
  list(): SourceState[];
  recordRun(run: RunRecord, unhealthyAfter: number): SourceState;
  listRuns(sourceId: string, limit: number): RunRecord[];
}

/** Source state (cursor, failure streak, health) and the `collector_runs` history. */
export function createSourceRepository(db: Db): SourceRepository {
  // The no-op update makes RETURNING give back a stored row too, so claiming and reading are one
  // statement (as on PostgreSQL), and `type = sources.type` keeps the stored type (and origin).
  const claim = db.prepare(
    'INSERT INTO sources (id, type, origin, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET type = sources.type RETURNING *',
  );
  const get = db.prepare('SELECT * FROM sources WHERE id = ?');
  const list = db.prepare('SELECT * FROM sources ORDER BY id');
  const insertRun = db.prepare(`
    INSERT INTO collector_runs (source_id, started_at, finished_at, status, fetched, inserted, updated, duplicates, skipped, error)
    VALUES (@sourceId, @startedAt, @finishedAt, @status, @fetched, @inserted, @updated, @duplicates, @skipped, @error)`);
  const markOk = db.prepare(`
    UPDATE sources SET cursor = coalesce(@cursor, cursor), consecutive_failures = 0, healthy = 1,
      last_run_at = @finishedAt, last_status = 'ok', last_error = NULL WHERE id = @sourceId`);
  const markError = db.prepare(`
    UPDATE sources SET consecutive_failures = consecutive_failures + 1,
      healthy = (consecutive_failures + 1 < @unhealthyAfter), last_run_at = @finishedAt,
      last_status = 'error', last_error = @error WHERE id = @sourceId`);
  const listRuns = db.prepare('SELECT * FROM collector_runs WHERE source_id = ? ORDER BY started_at DESC, id DESC LIMIT ?');

  const recordRun = writeTransaction(db, (run: RunRecord, unhealthyAfter: number) => {
    insertRun.run({ ...run, error: run.error });
    if (run.status === 'ok') markOk.run({ sourceId: run.sourceId, cursor: run.cursor ?? null, finishedAt: run.finishedAt });
    else markError.run({ sourceId: run.sourceId, finishedAt: run.finishedAt, error: run.error, unhealthyAfter });
    return toSourceState(get.get(run.sourceId) as SourceRecord);
  });

  return {
    claim: (id, owner, now) => toSourceState(claim.get(id, owner.type, owner.origin, now) as SourceRecord),
    get: (id) => {
      const row = get.get(id) as SourceRecord | undefined;
      return row && toSourceState(row);
    },
    list: () => (list.all() as SourceRecord[]).map(toSourceState),
    recordRun: (run, unhealthyAfter) => recordRun(run, unhealthyAfter),
    listRuns: (sourceId, limit) => (listRuns.all(sourceId, limit) as RunRow[]).map(toRunRecord),
  };
}
