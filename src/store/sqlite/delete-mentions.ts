import type { Db } from '../db.js';
import { writeTransaction } from './statements.js';
import type { RollupMaintainer } from './rollups.js';

/** Soft-deletes posts a platform reports as removed, taking them out of the rollups in the same transaction. */
export function createMarkDeleted(db: Db, rollups: RollupMaintainer): (sourceId: string, ids: string[], at: number) => number {
  const find = db.prepare('SELECT id FROM mentions WHERE source_id = ? AND external_id = ? AND deleted_at IS NULL').pluck();
  const mark = db.prepare('UPDATE mentions SET deleted_at = ? WHERE id = ?');
  return writeTransaction(db, (sourceId: string, ids: string[], at: number) => {
    let changed = 0;
    for (const externalId of ids) {
      const id = find.get(sourceId, externalId) as number | undefined;
      if (id === undefined) continue;
      rollups.apply(rollups.load(id), -1);
      mark.run(at, id);
      changed += 1;
    }
    return changed;
  });
}
