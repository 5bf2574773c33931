import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { DigestLang } from '../domain.js';
import { NAMED_ASPECTS, aspectName } from '../reports/aspect-names.js';

const ASSET_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The chart library comes from node_modules and is served by this server, never a CDN: the
 * dashboard must work offline/on an intranet, and the CSP only allows same-origin scripts.
 */
const VENDOR: Record<string, string> = {
  'uPlot.esm.js': 'uplot/dist/uPlot.esm.js',
  'uPlot.min.css': 'uplot/dist/uPlot.min.css',
};

/**
 * ES modules behind a package's `exports` map, resolved with the import condition. opencc's
 * traditional→simplified converter lets the Mentions page find the explanation's (simplified)
 * terms in a traditional post; the page loads it only when a post needs it.
 */
const VENDOR_ESM: Record<string, string> = {
  'opencc-t2cn.js': 'opencc-js/t2cn',
};

/**
 * No inline scripts or styles and nothing third-party. uPlot sizes its elements through the CSSOM
 * (`el.style.x = …`), which `style-src 'self'` does not block, so no `'unsafe-inline'` is needed.
 */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * The digest's aspect names as an ES module for the pages (`/assets/aspect-names.js`), written from
 * `src/reports/aspect-names.ts` so the dashboard, the report and the digest name an aspect alike.
 */
function aspectNamesModule(): string {
  const names = (lang: DigestLang) => Object.fromEntries(NAMED_ASPECTS.map((id) => [id, aspectName(id, lang)]));
  return `export const ASPECT_NAMES = ${JSON.stringify({ zh: names('zh'), en: names('en') })};\n`;
}

/** Read once at mount: the dashboard is static; data comes from the JSON API. */
function loadAssets(): Map<string, { body: string; type: string }> {
  const assets = new Map<string, { body: string; type: string }>();
  for (const name of readdirSync(ASSET_DIR)) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, { body: readFileSync(`${ASSET_DIR}${name}`, 'utf8'), type });
  }
  assets.set('aspect-names.js', { body: aspectNamesModule(), type: TYPES['.js'] });
  const require = createRequire(import.meta.url);
  for (const [name, specifier] of Object.entries(VENDOR)) {
    assets.set(`vendor/${name}`, { body: readFileSync(require.resolve(specifier), 'utf8'), type: TYPES[extname(name)] });
  }
  for (const [name, specifier] of Object.entries(VENDOR_ESM)) {
    assets.set(`vendor/${name}`, { body: readFileSync(fileURLToPath(import.meta.resolve(specifier)), 'utf8'), type: TYPES[extname(name)] });
  }
  return assets;
}

/**
 * Serves the dashboard (`/`), the printable report (`/report`) and their assets from the same server
 * as the API. Pages render untrusted post text with `textContent` only, and the CSP forbids inline
 * and third-party scripts, so a crafted post cannot run code even if a renderer slipped.
 *
 * @example
 * const app = createApp(deps);
 * mountDashboard(app); // GET / → index.html, GET /assets/overview.js, GET /assets/vendor/uPlot.esm.js
 */
export function mountDashboard(app: Hono): void {
  const assets = loadAssets();
  const send = (name: string) => {
    const asset = assets.get(name);
    if (!asset) return undefined;
    return new Response(asset.body, {
      headers: {
        'content-type': asset.type,
        'content-security-policy': DASHBOARD_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'same-origin',
        // Assets are read once at start, so a restart is the only thing that changes them.
        'cache-control': 'no-cache',
      },
    });
  };
  app.get('/', () => send('index.html')!);
  app.get('/report', () => send('report.html')!);
  app.get('/assets/vendor/:name', (c) => send(`vendor/${c.req.param('name')}`) ?? c.notFound());
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    return (name.endsWith('.html') ? undefined : send(name)) ?? c.notFound();
  });
}
