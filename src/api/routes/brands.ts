import { Hono } from 'hono';
import { readRuleSettings } from '../../alerts/rule-settings.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { brandQueryText } from '../../pipeline/brand-matcher.js';
import { parseBrandQuery } from '../../pipeline/brand-query.js';
import type { ApiDeps } from '../deps.js';
import { BrandBody } from '../schemas.js';
import { parseInput } from '../validate.js';

/**
 * `/api/brands`: list, read, create/replace (`PUT /:id`) and delete brands. New mentions are matched
 * with the new definitions at once (and the brand's names join jieba's dictionary, so they stay whole
 * in tokens and themes); stored mentions are re-matched in the background (`Runtime.rematchBrands`).
 * Brands of the config file are read-only here (409): they are edited in the file. A brand the alert
 * rules in force name cannot be deleted (409) until the rules stop naming it.
 */
export function brandsRoutes(deps: ApiDeps): Hono {
  const find = async (id: string) => {
    const brand = (await deps.store.listBrands()).find((b) => b.id === id);
    if (!brand) throw new NotFoundError(`brand "${id}" not found`);
    return brand;
  };
  // Only newly listed ids must exist: a brand read back after a competitor was deleted can be PUT as read.
  const assertCompetitorsKnown = async (id: string, competitors: readonly string[]) => {
    const brands = await deps.store.listBrands();
    const known = new Set(brands.map((b) => b.id));
    const listed = new Set(brands.find((b) => b.id === id)?.competitors ?? []);
    const unknown = competitors.filter((c) => !known.has(c) && !listed.has(c));
    if (unknown.length > 0) {
      throw new ValidationError(`body parameter "competitors": unknown brand ${unknown.map((id) => `"${id}"`).join(', ')} (add it first; known: ${[...known].join(', ')})`);
    }
  };
  const ownedByApi = (id: string) => {
    if (deps.configBrandIds?.has(id)) {
      throw new ConflictError(
        `brand "${id}" comes from the configuration, which every start writes back: edit brands[] in the ` +
          'config file and restart (then run `koubei rematch`), or leave it out of the file to manage it here; ' +
          'the demo\'s brands apply only while the file lists none (or set "demo": false)',
      );
    }
  };
  // A rule naming a deleted brand would never fire, and the rules read back could not be PUT again.
  const assertNoRuleNames = async (id: string) => {
    const { rules, origin } = await readRuleSettings(deps.store);
    const naming = rules.flatMap((rule, i) => (rule.brand === id ? [`rules[${i}]`] : []));
    if (naming.length === 0) return;
    const how = origin === 'api' ? 'change them with PUT /api/alert-rules' : 'edit alerts.rules in the config file and restart';
    throw new ConflictError(`brand "${id}" is named by the alert ${naming.join(', ')} (origin ${origin}): ${how} first`);
  };
  return new Hono()
    .get('/', async (c) => c.json({ items: await deps.store.listBrands() }))
    .get('/:id', async (c) => c.json(await find(c.req.param('id'))))
    .put('/:id', async (c) => {
      ownedByApi(c.req.param('id'));
      const body = await c.req.json().catch(() => {
        throw new ValidationError('request body: expected a JSON brand object');
      });
      const brand = parseInput(BrandBody, { ...body, id: c.req.param('id') }, 'body');
      parseBrandQuery(brandQueryText(brand));
      await assertCompetitorsKnown(brand.id, brand.competitors);
      await deps.store.upsertBrands([brand]);
      await deps.onBrandsChanged?.();
      return c.json(brand);
    })
    .delete('/:id', async (c) => {
      ownedByApi(c.req.param('id'));
      await assertNoRuleNames(c.req.param('id'));
      if (!(await deps.store.deleteBrand(c.req.param('id')))) throw new NotFoundError(`brand "${c.req.param('id')}" not found`);
      await deps.onBrandsChanged?.();
      return c.body(null, 204);
    });
}
