import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { ApiDeps } from './deps.js';
import { handleError } from './errors.js';
import { NotFoundError, PayloadTooLargeError } from '../errors.js';
import { healthRoutes } from './routes/health.js';
import { mentionsRoutes } from './routes/mentions.js';
import { trendsRoutes } from './routes/trends.js';
import { ingestRoutes } from './routes/ingest.js';
import { sourcesRoutes } from './routes/sources.js';
import { brandsRoutes } from './routes/brands.js';
import { alertRulesRoutes, alertsRoutes } from './routes/alerts.js';
import { aspectsRoutes, compareRoutes, shareOfVoiceRoutes, themesRoutes } from './routes/analysis.js';
import { reportRoutes } from './routes/report.js';
import { buildOpenApiDocument } from './openapi.js';
import { apiKeyAuth } from './auth.js';
import { authorsRoutes } from './routes/authors.js';
import { segmentsRoutes } from './routes/segments.js';
import { tagsRoutes } from './routes/tags.js';

/**
 * Bodies of the settings routes (brands, alert rules, author links…) are small JSON objects; the
 * ingest route has its own, configurable limit. Without a cap, one huge brand body could exhaust
 * the server (and, once stored, every later start).
 */
const SETTINGS_BODY_MAX = 64 * 1024;

const limitSettingsBody = bodyLimit({
  maxSize: SETTINGS_BODY_MAX,
  onError: () => {
    throw new PayloadTooLargeError(`request body exceeds ${SETTINGS_BODY_MAX} bytes (the limit of settings routes)`);
  },
});

/**
 * Builds the HTTP app without listening, so tests call `app.request()` directly.
 *
 * @example
 * const app = createApp(deps);
 * const res = await app.request('/api/trends?interval=day');
 */
export function createApp(deps: ApiDeps): Hono {
  const app = new Hono();
  app.use(requestId());
  app.route('/health', healthRoutes(deps));
  app.use('/api/*', apiKeyAuth({ required: deps.auth?.required ?? false, keys: deps.store.keys, now: deps.now }));
  app.use('/api/*', async (c, next) => (c.req.path.startsWith('/api/ingest') ? next() : limitSettingsBody(c, next)));
  app.route('/api/mentions', mentionsRoutes(deps));
  app.route('/api/trends', trendsRoutes(deps));
  app.route('/api/ingest', ingestRoutes(deps));
  app.route('/api/sources', sourcesRoutes(deps));
  app.route('/api/brands', brandsRoutes(deps));
  app.route('/api/alerts', alertsRoutes(deps));
  app.route('/api/alert-rules', alertRulesRoutes(deps));
  app.route('/api/share-of-voice', shareOfVoiceRoutes(deps));
  app.route('/api/themes', themesRoutes(deps));
  app.route('/api/aspects', aspectsRoutes(deps));
  app.route('/api/compare', compareRoutes(deps));
  app.route('/api/report.csv', reportRoutes(deps));
  app.route('/api/authors', authorsRoutes(deps));
  app.route('/api/segments', segmentsRoutes(deps));
  app.route('/api/tags', tagsRoutes(deps));
  app.get('/api/openapi.json', (c) => c.json(buildOpenApiDocument(deps.version)));
  app.notFound((c) => handleError(new NotFoundError(`no route for ${c.req.method} ${c.req.path}`), c, deps.log));
  app.onError((err, c) => handleError(err, c, deps.log));
  return app;
}
