import { Hono } from 'hono';
import type { ApiDeps } from '../deps.js';

/** `GET /api/sources`: every source with health, failure streak, last run counts and next run. */
export function sourcesRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const next = deps.nextRuns?.() ?? new Map<string, Date | null>();
    const sources = await deps.store.listSources();
    const items = await Promise.all(
      sources.map(async (source) => {
        const [lastRun] = await deps.store.listRuns(source.id, 1);
        return {
          ...source,
          nextRunAt: next.get(source.id)?.toISOString() ?? null,
          lastRun: lastRun ?? null,
        };
      }),
    );
    return c.json({ items });
  });
}
