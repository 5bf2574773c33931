/**
 * `npm run bench:overview`: overview load time with a large store (issue 8: < 1 s with 1,000,000
 * mentions). A benchmark, not a test (minutes of seeding):
 *
 *   PERF_MENTIONS=1000000 nice -n 10 npm run bench:overview
 *
 * Seeds a temp SQLite file (mentions, analyses, brands, terms, aspects, FTS; rollups rebuilt), starts
 * `koubei start` on it, times each of the overview's six API requests alone (brand0, last 3 and 30
 * days, best of 3), then the dashboard in Chromium from navigation to every card filled, cold (first
 * load) and warm, for the default 3-day and a 30-day range. `PERF_DB=path` reuses a store seeded by
 * an earlier run (its path is printed) instead of seeding again.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openDb } from '../src/store/db.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { spawnServer } from '../test/web/server.js';

const N = Number(process.env.PERF_MENTIONS ?? 1_000_000);
const DAYS = 90;
const BRANDS = Array.from({ length: 10 }, (_, i) => `brand${i}`);
const WORDS = ['delivery', 'price', 'taste', 'refund', 'battery', 'screen', '外卖', '价格', '好吃', '客服', '物流', '电池', 'camera', 'service', 'late', 'cold'];
const ASPECTS = ['delivery', 'price', 'taste', 'battery', 'service'];
const LABELS = ['pos', 'neu', 'neg'] as const;
const AUTHORS = 200_000;

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];

const dir = mkdtempSync(join(tmpdir(), 'koubei-perf-'));
const reuse = process.env.PERF_DB !== undefined && existsSync(process.env.PERF_DB);
const dbPath = reuse ? process.env.PERF_DB! : join(dir, 'perf.db');
const end = Date.now();
const seedStarted = performance.now();
if (!reuse) await seedStore();

async function seedStore(): Promise<void> {
  const db = openDb(dbPath);
  const store = createSqliteStore(db);
  await store.upsertBrands(BRANDS.map((id, i) => ({ id, name: id, aliases: [], competitors: BRANDS.filter((_, j) => j !== i).slice(0, 3) })));
  // Straight SQL into the tables saveMentions fills (as bench/store.ts does): saveMentions manages
  // ~15k rows/s here, too slow for a million. Rollups are then rebuilt by the store itself.
  const insert = {
    author: db.prepare("INSERT INTO authors (id, platform, platform_id, first_seen, last_seen) VALUES (?, 'perf', ?, 0, 0)"),
    mention: db.prepare(`INSERT INTO mentions (id, source_id, external_id, author_id, text, lang, created_at, collected_at, content_hash, likes)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`),
    analysis: db.prepare(`INSERT INTO analyses (mention_id, sentiment, score, confidence, explanation, emotion, emotion_confidence, keywords, themes, aspects, analysed_at)
      VALUES (?, ?, ?, 0.8, '{"terms":[]}', 'neutral', 0, ?, ?, '[]', 0)`),
    brand: db.prepare('INSERT INTO mention_brands (mention_id, brand_id) VALUES (?, ?)'),
    term: db.prepare('INSERT OR IGNORE INTO mention_terms (mention_id, term) VALUES (?, ?)'),
    aspect: db.prepare('INSERT INTO mention_aspects (mention_id, aspect, label, score) VALUES (?, ?, ?, ?)'),
    search: db.prepare('INSERT INTO mention_search (rowid, tokens) VALUES (?, ?)'),
  };
  db.transaction(() => {
    for (let id = 1; id <= AUTHORS; id++) insert.author.run(id, `u${id}`);
  })();
  const batch = db.transaction((from: number, to: number) => {
    for (let id = from; id < to; id++) {
      const words = [pick(WORDS), pick(WORDS), pick(WORDS)];
      // Zipf-like popularity: brand0 is the biggest.
      const brand = BRANDS[Math.min(BRANDS.length - 1, Math.floor(-Math.log(random()) * 3))];
      const label = pick(LABELS);
      const created = end - Math.floor(random() * DAYS * 86_400_000);
      insert.mention.run(id, 'perf', `p${id}`, 1 + (id % AUTHORS), `${brand} ${words.join(' ')} post ${id}`, random() < 0.6 ? 'zh' : 'en', created, created, `h${id}`);
      insert.analysis.run(id, label, label === 'pos' ? 0.6 : label === 'neg' ? -0.6 : 0, JSON.stringify(words), JSON.stringify(words));
      insert.brand.run(id, brand);
      for (const word of words) insert.term.run(id, word);
      insert.aspect.run(id, pick(ASPECTS), label, label === 'pos' ? 0.6 : label === 'neg' ? -0.6 : 0);
      insert.search.run(id, [brand, ...words, 'post'].join(' '));
    }
  });
  for (let i = 1; i <= N; i += 50_000) {
    batch(i, Math.min(N + 1, i + 50_000));
    process.stderr.write(`\rseeded ${Math.min(N, i + 49_999).toLocaleString('en')}/${N.toLocaleString('en')}`);
  }
  await store.rebuildRollups();
  await store.close();
  console.log(`\nseeded ${N.toLocaleString('en')} mentions in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s: ${dbPath}`);
}

const server = await spawnServer({ demo: false, brands: BRANDS.map((id) => ({ id, name: id, aliases: [id] })) }, { KOUBEI_DB: dbPath });
for (const days of [3, 30]) {
  const q = new URLSearchParams({ brand: 'brand0', from: new Date(end - days * 86_400_000).toISOString(), to: new Date(end).toISOString() });
  const paths = [`/api/trends?${q}`, `/api/share-of-voice?${q}`, `/api/themes?${q}&limit=10`, `/api/themes/rising?${q}&limit=10`, `/api/aspects?${q}`, '/api/alerts?brand=brand0&limit=5'];
  for (const path of paths) {
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const res = await fetch(server.base + path);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      times.push(performance.now() - started);
    }
    console.log(`${days} d ${path.split('?')[0]}: first ${times[0].toFixed(0)} ms, best ${Math.min(...times).toFixed(0)} ms`);
  }
}
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
