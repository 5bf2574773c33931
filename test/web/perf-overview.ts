/**
 * Overview load time with a large store (issue 8: < 1 s with 1,000,000 mentions). Not part of
 * `npm test` (minutes of seeding); run by hand:
 *
 *   PERF_MENTIONS=1000000 node bin/run-ts.js test/web/perf-overview.ts
 *
 * Seeds a temp SQLite file through the real `saveMentions` (FTS, terms, aspects, rollups), starts
 * `koubei start` on it, and times the dashboard in Chromium from navigation to every card filled,
 * cold (first load) and warm, for the default 3-day and a 30-day range.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openDb } from '../../src/store/db.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import type { MentionInput } from '../../src/store/types.js';
import { makeInput, makePost } from '../helpers/store.js';
import { spawnServer } from './server.js';

const N = Number(process.env.PERF_MENTIONS ?? 1_000_000);
const DAYS = 90;
const BRANDS = Array.from({ length: 10 }, (_, i) => `brand${i}`);
const WORDS = ['delivery', 'price', 'taste', 'refund', 'battery', 'screen', '外卖', '价格', '好吃', '客服', '物流', '电池', 'camera', 'service', 'late', 'cold'];
const ASPECTS = ['delivery', 'price', 'taste', 'battery', 'service'];
const LABELS = ['pos', 'neu', 'neg'] as const;

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];

const dir = mkdtempSync(join(tmpdir(), 'koubei-perf-'));
const dbPath = join(dir, 'perf.db');
const end = Date.now();
const seedStarted = performance.now();
const store = createSqliteStore(openDb(dbPath));
await store.upsertBrands(BRANDS.map((id, i) => ({ id, name: id, aliases: [], competitors: BRANDS.filter((_, j) => j !== i).slice(0, 3) })));
for (let start = 0; start < N; start += 5000) {
  const batch: MentionInput[] = [];
  for (let i = start; i < Math.min(N, start + 5000); i++) {
    const words = [pick(WORDS), pick(WORDS), pick(WORDS)];
    // Zipf-like popularity: brand0 is the biggest.
    const brand = BRANDS[Math.min(BRANDS.length - 1, Math.floor(-Math.log(random()) * 3))];
    const label = pick(LABELS);
    const createdAt = new Date(end - Math.floor(random() * DAYS * 86_400_000)).toISOString();
    const input = makeInput(makePost({ externalId: `p${i}`, text: `${brand} ${words.join(' ')} post ${i}`, createdAt, author: { id: `u${i % 200_000}` } }), label, [brand]);
    input.analysis.keywords = words;
    input.analysis.themes = words;
    input.analysis.aspects = [{ aspect: pick(ASPECTS), term: words[0], label, score: label === 'pos' ? 0.6 : label === 'neg' ? -0.6 : 0 }];
    input.searchTokens = [brand, ...words, 'post'];
    input.dedupe = false;
    batch.push(input);
  }
  await store.saveMentions(batch);
  if (start % 100_000 === 0) process.stderr.write(`\rseeded ${start.toLocaleString('en')}/${N.toLocaleString('en')}`);
}
await store.close();
console.log(`\nseeded ${N.toLocaleString('en')} mentions in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);

const server = await spawnServer({ demo: false, brands: BRANDS.map((id) => ({ id, name: id, aliases: [id] })) }, { KOUBEI_DB: dbPath });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const range of ['3', '30']) {
    for (const run of ['cold', 'warm', 'warm']) {
      const started = Date.now();
      await page.goto(`${server.base}/?brand=brand0`);
      if (range !== '3') {
        await page.waitForSelector('#page[data-ready="true"]', { timeout: 60_000 });
        const switched = Date.now();
        await page.selectOption('#range', range);
        await page.waitForFunction(() => (globalThis as any).document.querySelector('#page').dataset.ready === 'true', undefined, { timeout: 60_000 });
        console.log(`range ${range} d, ${run}: ${Date.now() - switched} ms after the range change`);
        continue;
      }
      await page.waitForSelector('#page[data-ready="true"]', { timeout: 60_000 });
      const volume = await page.locator('#ov-kpis').getAttribute('data-volume');
      console.log(`range ${range} d, ${run}: ${Date.now() - started} ms from navigation (page: ${await page.locator('#page').getAttribute('data-render-ms')} ms), ${volume} mentions shown`);
    }
  }
  await page.screenshot({ path: join(dir, 'overview-1m.png'), fullPage: true });
  console.log(`screenshot: ${join(dir, 'overview-1m.png')}`);
} finally {
  await browser.close();
  server.stop();
}
