import { Hono } from 'hono';
import type { ApiDeps } from '../deps.js';

/** `GET /api/brands`: configured brands with aliases and competitors. */
export function brandsRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => c.json({ items: await deps.store.listBrands() }));
}
