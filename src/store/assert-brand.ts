import { NotFoundError } from '../errors.js';
import type { Store } from './types.js';

/** Unknown brand ids are an error (404 in the API), not an empty result, so typos are visible. */
export async function assertBrand(deps: { store: Pick<Store, 'listBrands'> }, brandId: string): Promise<void> {
  const brands = await deps.store.listBrands();
  if (!brands.some((b) => b.id === brandId)) {
    throw new NotFoundError(`brand "${brandId}" not found (known: ${brands.map((b) => b.id).join(', ') || 'none'})`);
  }
}
