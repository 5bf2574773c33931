import type { BrandRecord, Store } from '../store/types.js';

/**
 * Writes the config file's brands to the store and removes those an earlier config wrote that this
 * one leaves out, with their mention links and rollup rows, as `DELETE /api/brands/{id}` does. The file
 * is where config brands are edited, so a brand dropped from it (the demo's, after `"demo": false`)
 * stops being matched. Brands added through the API are never removed here. Returns the removed ids.
 *
 * @example
 * const removed = await syncConfigBrands(store, config.brands);
 */
export async function syncConfigBrands(store: Store, brands: BrandRecord[]): Promise<string[]> {
  const ids = new Set(brands.map((b) => b.id));
  const removed = ((await store.configBrandIds()) ?? []).filter((id) => !ids.has(id));
  // Removed first and the list written last: a start cut short in between repeats the removal next time.
  for (const id of removed) await store.deleteBrand(id);
  await store.upsertBrands(brands);
  await store.setConfigBrandIds([...ids]);
  return removed;
}
