import type { Db } from '../db.js';
import type { AspectOpinion } from '../../domain.js';

/**
 * Replaces a mention's rows in `mention_aspects` (one per aspect category; a later opinion on the
 * same category replaces an earlier one). Saving and the brand re-match both write them, and the
 * aspect rollups read them back, so both must write them alike.
 */
export function createReplaceAspectRows(db: Db): (mentionId: number, aspects: readonly AspectOpinion[]) => void {
  const remove = db.prepare('DELETE FROM mention_aspects WHERE mention_id = ?');
  const insert = db.prepare('INSERT OR REPLACE INTO mention_aspects (mention_id, aspect, label, score) VALUES (?, ?, ?, ?)');
  return (mentionId, aspects) => {
    remove.run(mentionId);
    for (const opinion of aspects) insert.run(mentionId, opinion.aspect, opinion.label, opinion.score);
  };
}
