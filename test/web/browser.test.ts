import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawnServer, type SpawnedServer } from './server.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
// Under CI the test must run: a missing Chromium then fails at launch instead of hiding behind a skip.
const canRun = existsSync(CHROMIUM) || process.env.CI === 'true';
if (!canRun) console.warn(`dashboard browser test skipped: no Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium`);

const CRAFTED = 'FreshBee 外卖 <script>window.__xss=1</script><img src=x onerror="window.__xss=2"> crafted post';
const CRAFTED_AUTHOR = '<img src=x onerror="window.__xss=3">';
// Traditional Chinese: the explanation's terms are simplified (难吃, 后悔).
const TRADITIONAL = '鮮蜂外賣的炸雞很難吃，後悔了';

describe.runIf(canRun)('dashboard in Chromium', () => {
  let server: SpawnedServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Demo data collected once at start; the schedule is far away so the data stays still while we look.
    server = await spawnServer({ demo: true, collectOnStart: true, demoSchedule: '0 0 1 1 *' });
    const res = await fetch(`${server.base}/api/ingest?source=crafted`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { id: 'xss-1', text: CRAFTED, author: { id: 'mallory', name: CRAFTED_AUTHOR }, created_at: new Date().toISOString() },
        { id: 'trad-1', text: TRADITIONAL, author: { id: 'hk-user' }, created_at: new Date().toISOString() },
      ]),
    });
    expect(res.status).toBe(200);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // Any script error or CSP refusal (an inline style/script slipping in) fails the run.
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      // Failed requests are judged below by URL; everything else logged as an error is a problem.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
    });
    // /api/segments belongs to the profiles module, which may not be on this server yet (the page says so).
    page.on('response', (res) => {
      if (res.status() >= 400 && !res.url().includes('/api/segments')) problems.push(`HTTP ${res.status()} ${res.url()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  const ready = () => page.waitForSelector('#page[data-ready="true"]', { timeout: 20_000 });

  it('renders the overview with data in both charts, share of voice and the sentiment split', async () => {
    const started = Date.now();
    await page.goto(`${server.base}/?brand=freshbee`);
    await ready();
    const loadMs = Date.now() - started;
    for (const id of ['chart-volume', 'chart-net']) {
      const chart = page.locator(`#${id}`);
      await expect(chart.locator('canvas').count()).resolves.toBe(1);
      expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(10);
      expect(Number(await chart.getAttribute('data-nonzero'))).toBeGreaterThan(5);
    }
    expect(Number(await page.locator('#ov-kpis').getAttribute('data-volume'))).toBeGreaterThan(50);
    expect(await page.locator('#ov-sov tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#ov-themes li').count()).toBeGreaterThan(0);
    expect(await page.locator('#nav a.active').textContent()).toBe('Overview');
    // Aspects by name, as the digest writes them, not lexicon ids (after_sales).
    expect(await page.locator('#ov-aspects tbody td:first-child').allTextContents()).toEqual(expect.arrayContaining(['after sales', 'customer service']));
    await page.screenshot({ path: `${ARTIFACTS}overview-en.png`, fullPage: true });
    console.info(`overview ready in ${loadMs} ms (page says ${await page.locator('#page').getAttribute('data-render-ms')} ms)`);
  });

  it('shows the crafted post as text, runs none of it, and a filter changes the list', async () => {
    // The crafted post names FreshBee; the brand comes from the URL like a shared link would.
    await page.goto(`${server.base}/?brand=freshbee#mentions`);
    await ready();
    const crafted = page.locator('#m-list li.mention', { hasText: '<script>window.__xss=1</script>' });
    await expect(crafted.count()).resolves.toBe(1);
    await expect(crafted.locator('.text').textContent()).resolves.toContain('<img src=x onerror="window.__xss=2">');
    await expect(crafted.locator('.meta').textContent()).resolves.toContain(CRAFTED_AUTHOR);
    expect(await page.locator('#m-list script, #m-list img').count()).toBe(0);
    expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
    await page.screenshot({ path: `${ARTIFACTS}mentions-en.png` });

    const before = await page.locator('#m-list li.mention').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
    expect(before.length).toBeGreaterThan(5);
    await page.selectOption('#m-sentiment', 'neg');
    // A function, not a string: a string predicate would need eval, which the page's CSP forbids.
    await page.waitForFunction(() => {
      const doc = (globalThis as any).document;
      const items: any[] = [...doc.querySelectorAll('#m-list li.mention')];
      return !doc.querySelector('#m-list[aria-busy]') && items.length > 0 && items.every((li) => li.dataset.sentiment === 'neg');
    });
    const after = await page.locator('#m-list li.mention').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
    expect(after.length).toBeGreaterThan(0);
    expect(after).not.toEqual(before);
    expect(await page.locator('#m-list li.mention:not([data-sentiment="neg"])').count()).toBe(0);
    // The explanation is highlighted: negative posts carry at least one marked decisive term.
    expect(await page.locator('#m-list li.mention mark.neg').count()).toBeGreaterThan(0);
  });

  it('marks the decisive words of a traditional post, not function words, and shows a neutral lean as such', async () => {
    await page.goto(`${server.base}/?brand=freshbee#mentions`);
    await ready();
    const post = page.locator('#m-list li.mention', { hasText: '炸雞很難吃' });
    await post.waitFor();
    const marks = await post.locator('.text mark.neg').allTextContents();
    expect(marks).toContain('難吃');
    // 後悔 is marked alone or with its particle (後悔了), as the learned bigram that carried it.
    expect(marks.some((m) => m.startsWith('後悔'))).toBe(true);
    // Page-side helpers run in the page. A string, because vitest rewrites a function's import();
    // DevTools evaluation is not eval, so the page's CSP still allows it.
    const result = await page.evaluate(`(async () => {
      const { decisive } = await import('/assets/explain.js');
      const { renderMention } = await import('/assets/mentions.js');
      const marked = decisive([
        { text: '我', weight: -0.4, rules: ['learned'] },
        { text: '差', weight: -2.8 },
        { text: '#很差', weight: -0.6, rules: ['learned'] },
        { text: '还行_吧', weight: 0.45, rules: ['learned'] },
        { text: '的', weight: 0.1 },
      ]).map((t) => t.text);
      const neutral = renderMention({
        id: 1, text: '一般般', createdAt: new Date().toISOString(), sourceId: 'x', lang: 'zh', brands: [],
        sentiment: { label: 'neu', score: -0.5, explanation: { terms: [] } },
      });
      const badge = neutral.querySelector('.meta span.neu');
      return { marked, badge: badge.textContent, muted: badge.querySelector('small.muted')?.textContent, hint: badge.querySelector('small')?.title };
    })()`) as { marked: string[]; badge: string; muted?: string; hint?: string };
    expect(result.marked).toEqual(['差', '很差', '还行吧']);
    expect(result).toMatchObject({ badge: 'Neutral lean -0.50', muted: ' lean -0.50' });
    expect(result.hint).toMatch(/judged neutral/);
  });

  it('switches to Chinese and shows alerts, customers and sources (or their not-configured state)', async () => {
    await page.goto(`${server.base}/#overview`);
    await ready();
    await page.click('#lang-switch');
    await ready();
    expect(await page.locator('#nav a.active').textContent()).toBe('总览');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.waitForSelector('#chart-volume canvas');
    await page.waitForSelector('#ov-aspects tbody');
    expect(await page.locator('#ov-aspects tbody td:first-child').allTextContents()).toEqual(expect.arrayContaining(['售后']));
    await page.screenshot({ path: `${ARTIFACTS}overview-zh.png`, fullPage: true });
    for (const name of ['alerts', 'sources']) {
      await page.goto(`${server.base}/?brand=freshbee#${name}`);
      await ready();
      await page.screenshot({ path: `${ARTIFACTS}${name}-zh.png`, fullPage: true });
    }
    await expect(page.locator('#page table td', { hasText: 'demo' }).count()).resolves.toBeGreaterThan(0);
    // Customers: the demo's unhappy FreshBee customers, with the cue words that tagged them.
    await page.goto(`${server.base}/?brand=freshbee#customers`);
    await ready();
    await page.fill('input[name=expr]', 'detractor');
    await page.click('.segment-form button');
    await page.waitForSelector('#c-count');
    expect(Number(await page.locator('#c-count').textContent())).toBeGreaterThan(0);
    expect(await page.locator('ol.profiles li.profile').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}customers-zh.png`, fullPage: true });
  });

  it('renders the printable report for a brand', async () => {
    await page.goto(`${server.base}/report?brand=freshbee`);
    await page.waitForSelector('#report[data-ready="true"]');
    expect(await page.locator('#report section').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#report-chart canvas').count()).toBe(1);
    const aspects = page.locator('#report section', { has: page.locator('h3', { hasText: '属性情感' }) });
    expect(await aspects.locator('tbody td:first-child').allTextContents()).toEqual(expect.arrayContaining(['售后']));
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${ARTIFACTS}report-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows "—" and "new", not a zero, against a baseline without mentions', async () => {
    await page.goto(`${server.base}/report?brand=freshbee&baselineFrom=2001-01-01T00:00:00Z&baselineTo=2001-01-08T00:00:00Z`);
    await page.waitForSelector('#report[data-ready="true"]');
    const cells = async (row: number) => page.locator(`#report section >> nth=0 >> tbody tr >> nth=${row} >> td`).allTextContents();
    const [, , , volumeChange] = await cells(0);
    // The previous test switched the UI to Chinese.
    expect(volumeChange).toMatch(/\(上期无提及\)$/);
    const [, current, baseline, change] = await cells(4);
    expect(current).toMatch(/^[+-]\d\.\d\d$/);
    expect([baseline, change]).toEqual(['—', '—']);
    expect(problems).toEqual([]);
  });
});
