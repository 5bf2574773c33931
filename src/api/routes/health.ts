import { Hono } from 'hono';
import type { ApiDeps } from '../deps.js';

/** `GET /health`: always open; `degraded` when any source is marked unhealthy. */
export function healthRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const sources = await deps.store.listSources();
    const unhealthy = sources.filter((s) => !s.healthy).map((s) => ({ id: s.id, lastError: s.lastError, failures: s.consecutiveFailures }));
    return c.json({ status: unhealthy.length ? 'degraded' : 'ok', version: deps.version, unhealthySources: unhealthy });
  });
}
