import type { Db } from '../db.js';
import { writeTransaction } from './statements.js';
import type { SearchIndexState, SearchReindexStep, SearchText } from '../types.js';

/** Reads and writes `store_state` (migration 0006), the markers of how derived rows were made. */
function createStateAccess(db: Db) {
  const read = db.prepare('SELECT value FROM store_state WHERE key = ?').pluck();
  const write = db.prepare('INSERT INTO store_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare('DELETE FROM store_state WHERE key = ?');
  return {
    get: (key: string) => read.get(key) as string | undefined,
    set: (key: string, value: string) => void write.run(key, value),
    remove: (key: string) => void remove.run(key),
  };
}

/** The brand names the stored aspects looked through (see `Store.aspectNames`). */
export function createAspectNameState(db: Db) {
  const state = createStateAccess(db);
  return {
    get: (): string[] | null => {
      const value = state.get('aspect_names');
      return value === undefined ? null : JSON.parse(value);
    },
    set: (names: string[]) => state.set('aspect_names', JSON.stringify(names)),
  };
}

/** The search-token layout of the stored rows and the re-index to a newer one (see `Store.reindexSearch`). */
export function createSearchIndexMaintenance(db: Db) {
  const state = createStateAccess(db);
  const remaining = db.prepare('SELECT count(*) FROM mentions WHERE id > ? AND deleted_at IS NULL').pluck();
  const page = db.prepare('SELECT id, title, text, lang FROM mentions WHERE id > ? AND deleted_at IS NULL ORDER BY id LIMIT ?');
  const deleteSearch = db.prepare('DELETE FROM mention_search WHERE rowid = ?');
  const insertSearch = db.prepare('INSERT INTO mention_search (rowid, tokens) VALUES (?, ?)');
  const storedLayout = () => Number(state.get('search_layout') ?? 0);
  const resumeAfter = () => Number(state.get('search_reindex_after') ?? 0);

  const step = writeTransaction(db, (layout: number, limit: number, tokensOf: (m: SearchText) => string[]): SearchReindexStep => {
    if (storedLayout() >= layout) return { rewritten: 0, done: true };
    const rows = page.all(resumeAfter(), limit) as (SearchText & { id: number })[];
    for (const row of rows) {
      deleteSearch.run(row.id);
      insertSearch.run(row.id, tokensOf(row).join(' '));
    }
    if (rows.length < limit) {
      state.set('search_layout', String(layout));
      state.remove('search_reindex_after');
      return { rewritten: rows.length, done: true };
    }
    state.set('search_reindex_after', String(rows[rows.length - 1].id));
    return { rewritten: rows.length, done: false };
  });

  return {
    state: (layout: number): SearchIndexState => {
      const current = storedLayout();
      return { layout: current, remaining: current >= layout ? 0 : (remaining.get(resumeAfter()) as number) };
    },
    step,
  };
}
