import type { BrandRecord, Store } from '../store/types.js';

/**
 * Called by the server's start (`koubei start` / `serve`): writes the config file's brands to the
 * store and removes those the previous start wrote that this file leaves out, with their mention links
 * and rollup rows, as `DELETE /api/brands/{id}` does. The file is where config brands are edited, so a
 * brand dropped from it (the demo's, after `"demo": false`) stops being matched. Nothing is removed
 * while the demo's brands stand in for a file that lists none (a server started without its config
 * must not wipe the real brands), and brands added through the API are never removed here. Returns
 * the removed ids.
 *
 * @example
 * const removed = await syncConfigBrands(store, config.brands, { demoBrands: config.demoBrands });
 */
export async function syncConfigBrands(store: Store, brands: BrandRecord[], options: { demoBrands?: boolean } = {}): Promise<string[]> {
  const ids = new Set(brands.map((b) => b.id));
  const previous = options.demoBrands ? [] : ((await store.configBrandIds()) ?? []);
  const removed = previous.filter((id) => !ids.has(id));
  // Removed first and the list written last: a start cut short in between repeats the removal next time.
  for (const id of removed) await store.deleteBrand(id);
  await store.upsertBrands(brands);
  await store.setConfigBrandIds([...ids]);
  return removed;
}
