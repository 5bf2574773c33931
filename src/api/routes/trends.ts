import { Hono } from 'hono';
import { ValidationError } from '../../errors.js';
import type { Interval } from '../../store/types.js';
import { INTERVAL_MS } from '../../store/intervals.js';
import type { ApiDeps } from '../deps.js';
import { TrendsQuery } from '../schemas.js';
import { parseInput } from '../validate.js';
import { assertBrand } from '../../store/assert-brand.js';

const MAX_BUCKETS = 2000;
const DEFAULT_RANGE_MS = 7 * 86_400_000;

/** `GET /api/trends`: volume and sentiment per hour or day (default: last 7 days). */
export function trendsRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = parseInput(TrendsQuery, c.req.query(), 'query');
    const to = query.to ?? deps.now().getTime();
    const from = query.from ?? to - DEFAULT_RANGE_MS;
    if (from >= to) throw new ValidationError('query parameter "from": must be before "to"');
    const interval: Interval = query.interval ?? (to - from <= 3 * 86_400_000 ? 'hour' : 'day');
    const buckets = Math.ceil((to - from) / INTERVAL_MS[interval]);
    if (buckets > MAX_BUCKETS) {
      const advice = interval === 'day' ? 'narrow the range' : 'use interval=day or narrow the range';
      throw new ValidationError(`range has ${buckets} ${interval} buckets; at most ${MAX_BUCKETS} (${advice})`);
    }
    if (query.brand) await assertBrand(deps, query.brand);
    const points = await deps.store.trends({ interval, from, to, brandId: query.brand, lang: query.lang, sourceId: query.source });
    return c.json({ interval, from: new Date(from).toISOString(), to: new Date(to).toISOString(), points });
  });
}
