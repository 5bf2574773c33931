import { Hono } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../../errors.js';
import { loadTaxonomy } from '../../resources/taxonomy.js';
import { expressionTags, parseTagExpression } from '../../profiles/tag-expression.js';
import type { ApiDeps } from '../deps.js';
import { parseInput } from '../validate.js';
import { assertBrand } from '../../store/assert-brand.js';

export const SegmentsQuery = z.object({
  expr: z.string().min(1).max(500).meta({ description: 'Tag expression: tag ids with AND, OR, NOT and parentheses', example: 'price_sensitive AND parenting AND NOT detractor' }),
  minConfidence: z.coerce.number().min(0).max(1).default(0.5),
  brand: z.string().optional().meta({ description: 'Brand-scoped tags (promoter, churn_risk, lifecycle_*) must be about this brand' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().optional().meta({ description: 'nextCursor from the previous page' }),
});

/** `GET /api/segments`: profiles matching a tag expression, a page of members plus the total count. */
export function segmentsRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = parseInput(SegmentsQuery, c.req.query(), 'query');
    const expr = parseTagExpression(query.expr);
    const known = loadTaxonomy().tags;
    const unknown = expressionTags(expr).filter((t) => !known.has(t));
    if (unknown.length) throw new ValidationError(`expr: unknown tag ${unknown.map((t) => `"${t}"`).join(', ')} (known: ${[...known.keys()].join(', ')})`);
    if (query.brand) await assertBrand(deps, query.brand);
    const page = await deps.store.profiles.segment({ expr, minConfidence: query.minConfidence, brandId: query.brand, limit: query.limit, cursor: query.cursor });
    return c.json(page);
  });
}
