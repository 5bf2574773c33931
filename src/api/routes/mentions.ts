import { Hono } from 'hono';
import type { ApiDeps } from '../deps.js';
import { MentionsQuery } from '../schemas.js';
import { parseInput } from '../validate.js';
import { assertBrand } from '../../store/assert-brand.js';

/** `GET /api/mentions`: newest first, filtered, keyset-paginated. */
export function mentionsRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = parseInput(MentionsQuery, c.req.query(), 'query');
    if (query.brand) await assertBrand(deps, query.brand);
    const terms = query.q ? deps.searchTerms(query.q) : undefined;
    if (query.q && terms?.length === 0) return c.json({ items: [], nextCursor: null });
    const page = await deps.store.listMentions({
      brandId: query.brand,
      terms,
      lang: query.lang,
      sentiment: query.sentiment,
      sourceId: query.source,
      from: query.from,
      to: query.to,
      limit: query.limit,
      cursor: query.cursor,
    });
    return c.json(page);
  });
}
