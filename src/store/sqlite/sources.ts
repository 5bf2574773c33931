import type { Db } from '../db.js';
import { writeTransaction } from './statements.js';
import type { RunRecord, SourceState } from '../types.js';

interface SourceRow {
  id: string;
  type: string;
  cursor: string | null;
  consecutive_failures: number;
  healthy: number;
  last_run_at: number | null;
  last_status: 'ok' | 'error' | null;
  last_error: string | null;
}

interface RunRow {
  source_id: string;
  started_at: number;
  finished_at: number;
  status: 'ok' | 'error';
  fetched: number;
  inserted: number;
  updated: number;
  duplicates: number;
  skipped: number;
  error: string | null;
}

export interface SourceRepository {
  upsert(id: string, type: string, now: number): void;
  get(id: string): SourceState | undefined;
  list(): SourceState[];
  recordRun(run: RunRecord, unhealthyAfter: number): SourceState;
  listRuns(sourceId: string, limit: number): RunRecord[];
}

/** Source state (cursor, failure streak, health) and the `collector_runs` history. */
export function createSourceRepository(db: Db): SourceRepository {
  const upsert = db.prepare(
    'INSERT INTO sources (id, type, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET type = excluded.type',
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
    return toState(get.get(run.sourceId) as SourceRow);
  });

  return {
    upsert: (id, type, now) => void upsert.run(id, type, now),
    get: (id) => {
      const row = get.get(id) as SourceRow | undefined;
      return row && toState(row);
    },
    list: () => (list.all() as SourceRow[]).map(toState),
    recordRun: (run, unhealthyAfter) => recordRun(run, unhealthyAfter),
    listRuns: (sourceId, limit) => (listRuns.all(sourceId, limit) as RunRow[]).map(toRun),
  };
}

function toState(row: SourceRow): SourceState {
  return {
    id: row.id,
    type: row.type,
    cursor: row.cursor,
    consecutiveFailures: row.consecutive_failures,
    healthy: row.healthy === 1,
    lastRunAt: row.last_run_at === null ? null : new Date(row.last_run_at).toISOString(),
    lastStatus: row.last_status,
    lastError: row.last_error,
  };
}

function toRun(row: RunRow): RunRecord {
  return {
    sourceId: row.source_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    fetched: row.fetched,
    inserted: row.inserted,
    updated: row.updated,
    duplicates: row.duplicates,
    skipped: row.skipped,
    error: row.error,
  };
}
