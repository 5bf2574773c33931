import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

const ASSET_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
const ASSETS: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

/** Read once at mount: the dashboard is static; data comes from the JSON API. */
function loadAssets(): Map<string, string> {
  return new Map(Object.keys(ASSETS).map((name) => [name, readFileSync(`${ASSET_DIR}${name}`, 'utf8')]));
}

/**
 * Serves the dashboard from the same server as the API. Pages render untrusted post text with
 * `textContent` only, and the CSP forbids inline and third-party scripts.
 */
export function mountDashboard(app: Hono): void {
  const assets = loadAssets();
  const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
  const send = (name: string) => () =>
    new Response(assets.get(name), { headers: { 'content-type': ASSETS[name], 'content-security-policy': csp } });
  app.get('/', send('index.html'));
  app.get('/assets/dashboard.js', send('dashboard.js'));
  app.get('/assets/dashboard.css', send('dashboard.css'));
}
