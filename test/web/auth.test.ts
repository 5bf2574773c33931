import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApiKeyToken } from '../../src/api/auth.js';
import { openDb } from '../../src/store/db.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { spawnServer, type SpawnedServer } from './server.js';

const CHROMIUM = '/usr/bin/chromium';
const canRun = existsSync(CHROMIUM) || process.env.CI === 'true';

describe.runIf(canRun)('dashboard on a server that requires API keys', () => {
  let server: SpawnedServer;
  let browser: Browser;
  let page: Page;
  let token: string;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await spawnServer({ demo: true, collectOnStart: true, demoSchedule: '0 0 1 1 *', auth: { required: true } });
    // The key goes into the server's own database file, as `koubei keys create` would put it.
    const store = createSqliteStore(openDb(join(server.dir, 'k.db')));
    const key = createApiKeyToken();
    await store.keys.create({ id: key.id, name: 'browser test', scopes: ['read:trends', 'read:alerts', 'read:tags'], secret: key.secret }, Date.now());
    await store.close();
    token = key.token;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    page = await (await browser.newContext({ locale: 'en-US', acceptDownloads: true })).newPage();
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  }, 120_000);

  /** The key as this tab's sessionStorage and the browser's localStorage hold it. */
  const storedKey = (p: Page) => p.evaluate("[sessionStorage.getItem('koubei.apiKey'), localStorage.getItem('koubei.apiKey')]");

  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  it('says a key is required, takes one, and then loads the overview with it', async () => {
    await page.goto(`${server.base}/?brand=freshbee`);
    await page.waitForSelector('#key-panel:not([hidden]) #api-key');
    await expect(page.locator('#page').textContent()).resolves.toMatch(/HTTP 401 — missing API key.*requires an API key/s);
    await page.fill('#api-key', token);
    await page.click('#key-panel button:not([type])');
    await page.waitForSelector('#page[data-ready="true"]', { timeout: 20_000 });
    expect(Number(await page.locator('#ov-kpis').getAttribute('data-volume'))).toBeGreaterThan(50);
    // No card shows an error line (showError writes a p.neg).
    expect(await page.locator('#page p.neg').count()).toBe(0);
    // Kept for this browser session only, never in localStorage where it would stay indefinitely.
    expect(await storedKey(page)).toEqual([token, null]);
  });

  it('downloads the report CSV with the key', async () => {
    await page.goto(`${server.base}/report?brand=freshbee`);
    await page.waitForSelector('#report[data-ready="true"]');
    expect(await page.locator('#report section').count()).toBeGreaterThanOrEqual(4);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#actions a')]);
    expect(download.suggestedFilename()).toMatch(/^koubei-freshbee-.*\.csv$/);
    expect(problems).toEqual([]);
  });

  it('asks again in a tab opened on its own, which does not share the session', async () => {
    const other = await page.context().newPage();
    try {
      other.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      await other.goto(`${server.base}/?brand=freshbee`);
      await other.waitForSelector('#key-panel:not([hidden]) #api-key');
      await expect(other.locator('#page').textContent()).resolves.toMatch(/HTTP 401 — missing API key/);
      expect(await storedKey(other)).toEqual([null, null]);
    } finally {
      await other.close();
    }
  });

  it('forgets the key now and asks again', async () => {
    await page.goto(`${server.base}/`);
    await page.waitForSelector('#page[data-ready="true"]');
    await page.click('#key-button');
    await expect(page.locator('#key-panel').textContent()).resolves.toMatch(/kept for this browser session/);
    await page.click('#forget-key');
    await page.waitForSelector('#key-panel:not([hidden]) #api-key');
    await expect(page.locator('#page').textContent()).resolves.toMatch(/requires an API key/);
    expect(await storedKey(page)).toEqual([null, null]);
    // With no key kept there is nothing to forget.
    expect(await page.locator('#forget-key').count()).toBe(0);
  });

  it('moves a key an earlier version left in localStorage into the session', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const fresh = await context.newPage();
      fresh.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      await fresh.goto(`${server.base}/health`);
      await fresh.evaluate(`localStorage.setItem('koubei.apiKey', ${JSON.stringify(token)})`);
      await fresh.goto(`${server.base}/?brand=freshbee`);
      await fresh.waitForSelector('#page[data-ready="true"]', { timeout: 20_000 });
      expect(Number(await fresh.locator('#ov-kpis').getAttribute('data-volume'))).toBeGreaterThan(50);
      expect(await storedKey(fresh)).toEqual([token, null]);
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});
