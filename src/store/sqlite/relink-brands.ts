import type { Db } from '../db.js';
import { writeTransaction } from './statements.js';
import type { RollupMaintainer } from './rollups.js';
import { createReplaceAspectRows } from './mention-aspects.js';
import type { BrandRelink, MentionBrandLinks } from '../types.js';

/** Pages through stored mentions with their brand links and aspects (see `Store.scanMentionBrands`). */
export function createScanMentionBrands(db: Db): (afterId: number, limit: number) => MentionBrandLinks[] {
  const page = db.prepare(`
    SELECT m.id, m.title, m.text, m.lang, m.content_hash AS contentHash, a.aspects,
      (SELECT group_concat(brand_id, char(31)) FROM mention_brands WHERE mention_id = m.id) AS brands
    FROM mentions m LEFT JOIN analyses a ON a.mention_id = m.id
    WHERE m.id > ? AND m.deleted_at IS NULL ORDER BY m.id LIMIT ?`);
  type Row = Omit<MentionBrandLinks, 'brandIds' | 'aspects'> & { brands: string | null; aspects: string | null };
  return (afterId, limit) =>
    (page.all(afterId, limit) as Row[]).map(({ brands, aspects, ...row }) => ({
      ...row,
      brandIds: brands ? brands.split('\x1f') : [],
      aspects: aspects ? JSON.parse(aspects) : [],
    }));
}

/**
 * Replaces brand links (and, when given, search tokens and aspects); each mention's old contribution
 * leaves the rollups and its new one enters, so the brand, term and aspect counts move with it.
 * `mention_brands` has no foreign key to `brands`, so a brand deleted after the re-match scanned is
 * skipped here rather than linked again. SQLite runs one writer at a time, so the check and the
 * inserts see the same brands without a lock.
 */
export function createRelinkBrands(db: Db, rollups: RollupMaintainer): (changes: BrandRelink[]) => void {
  const hashOf = db.prepare('SELECT content_hash FROM mentions WHERE id = ?').pluck();
  const deleteLinks = db.prepare('DELETE FROM mention_brands WHERE mention_id = ?');
  // Inserts nothing for a brand id that is not (or no longer) in `brands`.
  const insertLink = db.prepare('INSERT OR IGNORE INTO mention_brands (mention_id, brand_id) SELECT ?, id FROM brands WHERE id = ?');
  const deleteSearch = db.prepare('DELETE FROM mention_search WHERE rowid = ?');
  const insertSearch = db.prepare('INSERT INTO mention_search (rowid, tokens) VALUES (?, ?)');
  const updateAspects = db.prepare('UPDATE analyses SET aspects = ? WHERE mention_id = ?');
  const replaceAspectRows = createReplaceAspectRows(db);
  return writeTransaction(db, (changes: BrandRelink[]) => {
    for (const { id, contentHash, brandIds, searchTokens, aspects } of changes) {
      if (hashOf.get(id) !== contentHash) continue;
      if (searchTokens) {
        deleteSearch.run(id);
        insertSearch.run(id, searchTokens.join(' '));
      }
      rollups.apply(rollups.load(id), -1);
      deleteLinks.run(id);
      for (const brandId of brandIds) insertLink.run(id, brandId);
      if (aspects && updateAspects.run(JSON.stringify(aspects), id).changes > 0) replaceAspectRows(id, aspects);
      rollups.apply(rollups.load(id), 1);
    }
  });
}
