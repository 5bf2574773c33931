import type { Db } from '../db.js';
import { writeTransaction } from './statements.js';
import type { RollupMaintainer } from './rollups.js';

/**
 * Soft-deletes posts a platform reports as removed, taking them out of the rollups in the same
 * transaction. Live reposts of a removed original are re-linked to the earliest of them, which now
 * counts in its place (as on erasure).
 */
export function createMarkDeleted(db: Db, rollups: RollupMaintainer): (sourceId: string, ids: string[], at: number) => number {
  const find = db.prepare('SELECT id FROM mentions WHERE source_id = ? AND external_id = ? AND deleted_at IS NULL').pluck();
  const mark = db.prepare('UPDATE mentions SET deleted_at = ? WHERE id = ?');
  const liveCopies = db.prepare('SELECT id FROM mentions WHERE duplicate_of = ? AND deleted_at IS NULL ORDER BY created_at, id').pluck();
  const relink = db.prepare('UPDATE mentions SET duplicate_of = ? WHERE id = ?');

  function promoteCopies(originalId: number): void {
    const [first, ...rest] = liveCopies.all(originalId) as number[];
    if (first === undefined) return;
    relink.run(null, first);
    for (const copy of rest) relink.run(first, copy);
    rollups.apply(rollups.load(first), 1);
  }

  return writeTransaction(db, (sourceId: string, ids: string[], at: number) => {
    let changed = 0;
    for (const externalId of ids) {
      const id = find.get(sourceId, externalId) as number | undefined;
      if (id === undefined) continue;
      rollups.apply(rollups.load(id), -1);
      mark.run(at, id);
      promoteCopies(id);
      changed += 1;
    }
    return changed;
  });
}
