import type { Db } from '../db.js';
import { writeTransaction } from './statements.js';
import type { BrandRecord } from '../types.js';

interface BrandRow {
  id: string;
  name: string;
  aliases: string;
  query: string | null;
  competitors: string;
}

export interface BrandRepository {
  upsert(brands: BrandRecord[]): void;
  list(): BrandRecord[];
  /** Removes a brand and its mention links, keeping rollups consistent (its rollup rows go too). */
  remove(id: string): boolean;
}

/** Brands from config, mirrored in the store so queries and the API can join on them. */
export function createBrandRepository(db: Db): BrandRepository {
  const upsert = db.prepare(`
    INSERT INTO brands (id, name, aliases, query, competitors) VALUES (@id, @name, @aliases, @query, @competitors)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, query = excluded.query,
      competitors = excluded.competitors`);
  const list = db.prepare('SELECT * FROM brands ORDER BY id');
  const upsertAll = writeTransaction(db, (brands: BrandRecord[]) => {
    for (const brand of brands) {
      upsert.run({
        id: brand.id,
        name: brand.name,
        aliases: JSON.stringify(brand.aliases),
        query: brand.query ?? null,
        competitors: JSON.stringify(brand.competitors),
      });
    }
  });
  const remove = writeTransaction(db, (id: string) => {
    db.prepare('DELETE FROM mention_brands WHERE brand_id = ?').run(id);
    db.prepare('DELETE FROM rollups WHERE brand_id = ?').run(id);
    db.prepare('DELETE FROM rollup_authors WHERE brand_id = ?').run(id);
    db.prepare('DELETE FROM term_rollups WHERE brand_id = ?').run(id);
    db.prepare('DELETE FROM aspect_rollups WHERE brand_id = ?').run(id);
    return db.prepare('DELETE FROM brands WHERE id = ?').run(id).changes > 0;
  });
  return {
    upsert: (brands) => upsertAll(brands),
    remove: (id) => remove(id),
    list: () =>
      (list.all() as BrandRow[]).map((row) => ({
        id: row.id,
        name: row.name,
        aliases: JSON.parse(row.aliases),
        query: row.query ?? undefined,
        competitors: JSON.parse(row.competitors),
      })),
  };
}
