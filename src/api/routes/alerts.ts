import { Hono } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../../errors.js';
import { readRuleSettings, resetApiRules, saveApiRules } from '../../alerts/rule-settings.js';
import { AlertRulesSchema, checkRuleReferences } from '../../alerts/schema.js';
import { assertBrand } from '../../store/assert-brand.js';
import type { ApiDeps } from '../deps.js';
import { parseInput } from '../validate.js';

export const AlertsQuery = z
  .object({
    brand: z.string().optional().meta({ description: 'Brand id' }),
    failed: z.enum(['true', 'false']).optional().meta({ description: 'Only alerts with a failed delivery' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.coerce.number().int().positive().optional().meta({ description: 'nextBefore from the previous page' }),
  })
  .strict();

export const AlertRulesBody = z.object({ rules: AlertRulesSchema }).strict();

/**
 * `GET /api/alerts`: alert history, newest first, each with its explanation and per-channel
 * delivery status (pending / sent / failed, attempts, last error).
 */
export function alertsRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = parseInput(AlertsQuery, c.req.query(), 'query');
    // `*` holds the digests, which belong to no brand.
    if (query.brand && query.brand !== '*') await assertBrand(deps, query.brand);
    const items = await deps.store.alerts.listAlerts({
      limit: query.limit,
      brandId: query.brand,
      failedOnly: query.failed === 'true',
      beforeId: query.before,
    });
    const last = items.at(-1);
    return c.json({ items, nextBefore: items.length === query.limit && last ? last.id : null });
  });
}

/**
 * `GET /api/alert-rules`: the rules in force (`origin`: api, config or default) and the channel
 * ids they may name. `PUT` replaces them (validated like config); `DELETE` returns to the config's.
 */
export function alertRulesRoutes(deps: ApiDeps): Hono {
  return new Hono()
    .get('/', async (c) => c.json(await readRuleSettings(deps.store)))
    .put('/', async (c) => {
      const raw = await c.req.json().catch(() => {
        throw new ValidationError('body: expected JSON like {"rules": [...]}');
      });
      const body = parseInput(AlertRulesBody, raw, 'body');
      const current = await readRuleSettings(deps.store);
      const brands = (await deps.store.listBrands()).map((b) => b.id);
      const problems = checkRuleReferences(body.rules, current.channels.map((ch) => ch.id), brands, (i) => `rules[${i}]`);
      if (problems.length) throw new ValidationError(problems.join('; '));
      await saveApiRules(deps.store, body.rules, deps.now().getTime());
      return c.json(await readRuleSettings(deps.store));
    })
    .delete('/', async (c) => {
      await resetApiRules(deps.store);
      return c.json(await readRuleSettings(deps.store));
    });
}
