import { NotFoundError } from '../../errors.js';
import type { ApiDeps } from '../deps.js';

/** Unknown brand ids are a 404, not an empty result, so typos are visible. */
export async function assertBrand(deps: ApiDeps, brandId: string): Promise<void> {
  const brands = await deps.store.listBrands();
  if (!brands.some((b) => b.id === brandId)) {
    throw new NotFoundError(`brand "${brandId}" not found (known: ${brands.map((b) => b.id).join(', ') || 'none'})`);
  }
}
