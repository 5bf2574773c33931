import { Hono, type Context } from 'hono';
import { NotFoundError } from '../../errors.js';
import { comparePeriods } from '../../reports/compare.js';
import { getRisingThemes, getThemes } from '../../reports/themes.js';
import type { ApiDeps } from '../deps.js';
import { resolveBaseline, resolvePeriod } from '../period.js';
import { AspectsQuery, CompareQuery, PeriodQuery, ThemesQuery } from '../schemas.js';
import { parseInput } from '../validate.js';
import { assertBrand } from '../../store/assert-brand.js';

/** `GET /api/share-of-voice?brand=X`: X and its competitors, volume and sentiment share in the period. */
export function shareOfVoiceRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = parseInput(PeriodQuery.required({ brand: true }), c.req.query(), 'query');
    const period = resolvePeriod(query, deps.now());
    const brands = await deps.store.listBrands();
    const brand = brands.find((b) => b.id === query.brand);
    if (!brand) throw new NotFoundError(`brand "${query.brand}" not found (known: ${brands.map((b) => b.id).join(', ')})`);
    // A brand stored before competitors were checked may list itself or an id twice: count each once.
    const ids = [...new Set([brand.id, ...brand.competitors.filter((id) => brands.some((b) => b.id === id))])];
    const items = await deps.store.shareOfVoice(ids, period.from, period.to);
    return c.json({ from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(), items });
  });
}

/** `GET /api/themes` and `GET /api/themes/rising`. */
export function themesRoutes(deps: ApiDeps): Hono {
  const handler = (rising: boolean) => async (c: Context) => {
    const query = parseInput(ThemesQuery, c.req.query(), 'query');
    if (query.brand) await assertBrand(deps, query.brand);
    const period = resolvePeriod(query, deps.now());
    const themeQuery = { brandId: query.brand, ...period, limit: query.limit };
    const items = rising ? await getRisingThemes(deps.store, themeQuery) : await getThemes(deps.store, themeQuery);
    return c.json({ from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(), items });
  };
  return new Hono().get('/', handler(false)).get('/rising', handler(true));
}

/** `GET /api/aspects`: aspect sentiment in the period, optionally per hour/day. */
export function aspectsRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = parseInput(AspectsQuery, c.req.query(), 'query');
    if (query.brand) await assertBrand(deps, query.brand);
    const period = resolvePeriod(query, deps.now());
    const items = await deps.store.aspectCounts({ brandId: query.brand, ...period, interval: query.interval });
    return c.json({ from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(), items });
  });
}

/** `GET /api/compare`: a period against a baseline (default: the same length right before). */
export function compareRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = parseInput(CompareQuery, c.req.query(), 'query');
    await assertBrand(deps, query.brand);
    const current = resolvePeriod(query, deps.now());
    const baseline = resolveBaseline(query, current, deps.now());
    return c.json(await comparePeriods(deps.store, query.brand, current, baseline));
  });
}
