/**
 * Who fills a source, fixed by the claim that creates it: `collector` for a configured collector
 * (`koubei start`, `koubei collect`, queue workers), `push` for `POST /api/ingest` and `koubei ingest`.
 * It is kept beside `type` because the type alone cannot tell them apart: the `file` collector and
 * `koubei ingest` both make `file` sources.
 */
export type SourceOrigin = 'collector' | 'push';

/** What a claim gives a new source, and what a stored source must have for the claimer to fill it. */
export interface SourceOwner {
  type: string;
  origin: SourceOrigin;
}

/**
 * A source claimed in the transaction that stores the first batch under it (`Store.saveMentions`).
 * `accept` receives the stored row (just created, or another claimer's) and throws to refuse it;
 * then nothing of the batch is written, the new source row included.
 */
export interface SourceClaim extends SourceOwner {
  id: string;
  now: number;
  accept(stored: SourceState): void;
}

export interface SourceState {
  id: string;
  type: string;
  origin: SourceOrigin;
  cursor: string | null;
  consecutiveFailures: number;
  healthy: boolean;
  lastRunAt: string | null;
  lastStatus: 'ok' | 'error' | null;
  lastError: string | null;
}

export interface RunRecord {
  sourceId: string;
  startedAt: number;
  finishedAt: number;
  status: 'ok' | 'error';
  fetched: number;
  inserted: number;
  updated: number;
  duplicates: number;
  skipped: number;
  error: string | null;
  /** Cursor to persist after a successful run; ignored on error. */
  cursor?: string | null;
}
