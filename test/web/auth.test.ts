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
  });

  it('downloads the report CSV with the key', async () => {
    await page.goto(`${server.base}/report?brand=freshbee`);
    await page.waitForSelector('#report[data-ready="true"]');
    expect(await page.locator('#report section').count()).toBeGreaterThanOrEqual(4);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#actions a')]);
    expect(download.suggestedFilename()).toMatch(/^koubei-freshbee-.*\.csv$/);
    expect(problems).toEqual([]);
  });

  it('forgets the key and asks again', async () => {
    await page.goto(`${server.base}/`);
    await page.waitForSelector('#page[data-ready="true"]');
    await page.click('#key-button');
    await page.click('#key-panel button[type="button"]');
    await page.waitForSelector('#key-panel:not([hidden]) #api-key');
    await expect(page.locator('#page').textContent()).resolves.toMatch(/requires an API key/);
  });
});
