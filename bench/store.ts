/**
 * `npm run bench:store`: trends and share-of-voice latency over a large generated store.
 * BENCH_MENTIONS (default 1,000,000) synthetic mentions by N/5 authors over 90 days, 20 brands, 8 sources, 2 languages
 * are written to a temp SQLite file, rollups are built, then each query runs 200 times with random
 * brands/ranges. Printed: p50/p95 per query and the ratio to the same trend query computed straight
 * from the mentions table (the baseline, run in the same process).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/store/db.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';

const N = Number(process.env.BENCH_MENTIONS ?? 1_000_000);
const DAYS = 90;
const BRANDS = Array.from({ length: 20 }, (_, i) => `brand${i}`);
const SOURCES = Array.from({ length: 8 }, (_, i) => `source${i}`);
const END = Date.parse('2026-11-01T00:00:00Z');
const START = END - DAYS * 86_400_000;
const RUNS = 200;
const AUTHORS = Math.max(1000, Math.floor(N / 5));

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

const dir = mkdtempSync(join(tmpdir(), 'koubei-bench-'));
const db = openDb(join(dir, 'bench.db'));
const store = createSqliteStore(db);

function generate(): void {
  const mention = db.prepare(`INSERT INTO mentions (id, source_id, external_id, author_id, text, lang, created_at, collected_at, content_hash, likes)
    VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?)`);
  const analysis = db.prepare(`INSERT INTO analyses (mention_id, sentiment, score, confidence, explanation, emotion, emotion_confidence, keywords, themes, aspects, analysed_at)
    VALUES (?, ?, ?, 0.8, '{}', 'neutral', 0, '[]', '[]', '[]', 0)`);
  const brand = db.prepare('INSERT INTO mention_brands (mention_id, brand_id) VALUES (?, ?)');
  const author = db.prepare("INSERT INTO authors (id, platform, platform_id, first_seen, last_seen) VALUES (?, 'bench', ?, 0, 0)");
  db.transaction(() => {
    for (let id = 1; id <= AUTHORS; id++) author.run(id, `u${id}`);
  })();
  const batch = db.transaction((from: number, to: number) => {
    for (let id = from; id < to; id++) {
      const created = START + Math.floor(random() * (END - START));
      const r = random();
      mention.run(id, SOURCES[id % SOURCES.length], `e${id}`, 1 + Math.floor(random() * AUTHORS), r < 0.6 ? 'zh' : 'en', created, created, `h${id}`, Math.floor(random() * 20));
      analysis.run(id, r < 0.45 ? 'pos' : r < 0.75 ? 'neu' : 'neg', r * 2 - 1);
      // Zipf-like brand popularity: brand0 is the biggest.
      brand.run(id, BRANDS[Math.min(BRANDS.length - 1, Math.floor(-Math.log(random()) * 4))]);
    }
  });
  for (let i = 1; i <= N; i += 50_000) {
    batch(i, Math.min(N + 1, i + 50_000));
    process.stderr.write(`\rgenerating ${Math.min(N, i + 49_999).toLocaleString('en')}/${N.toLocaleString('en')}`);
  }
  process.stderr.write('\n');
}

async function measure(label: string, run: () => Promise<unknown> | unknown): Promise<{ label: string; p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { label, p50: times[Math.floor(RUNS * 0.5)], p95: times[Math.floor(RUNS * 0.95)] };
}

const randomRange = (days: number) => {
  const to = END - Math.floor(random() * 30) * 86_400_000;
  return { from: to - days * 86_400_000, to };
};

const t0 = performance.now();
generate();
const genSec = (performance.now() - t0) / 1000;
const t1 = performance.now();
await store.rebuildRollups();
const rollupSec = (performance.now() - t1) / 1000;

const naive = db.prepare(`SELECT (m.created_at / 3600000) * 3600000 AS bucket, count(*), sum(a.sentiment = 'pos'), sum(a.sentiment = 'neg')
  FROM mentions m JOIN analyses a ON a.mention_id = m.id JOIN mention_brands b ON b.mention_id = m.id
  WHERE b.brand_id = ? AND m.created_at >= ? AND m.created_at < ? AND m.deleted_at IS NULL AND m.duplicate_of IS NULL GROUP BY bucket`);

const results = [
  await measure('trends, brand, 7 days hourly', () => store.trends({ interval: 'hour', brandId: pick(), ...randomRange(7) })),
  await measure('trends, all, 30 days daily', () => store.trends({ interval: 'day', ...randomRange(30) })),
  await measure('trends, brand+lang+source, 7 days', () => store.trends({ interval: 'hour', brandId: pick(), lang: 'zh', sourceId: 'source1', ...randomRange(7) })),
  await measure('share of voice, 5 brands, 30 days', () => store.shareOfVoice(BRANDS.slice(0, 5), ...Object.values(randomRange(30)) as [number, number])),
];
const baseline = await measure('baseline: trends recomputed from mentions, 7 days', () => {
  const { from, to } = randomRange(7);
  return naive.all(pick(), from, to);
});

function pick(): string {
  return BRANDS[Math.floor(random() * 5)];
}

console.log(`\nstore benchmark: ${N.toLocaleString('en')} mentions over ${DAYS} days (generated in ${genSec.toFixed(1)} s, rollups built in ${rollupSec.toFixed(1)} s)`);
console.log(`${'query'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p95 vs baseline'.padStart(16)}`);
for (const r of [...results, baseline]) {
  console.log(`${r.label.padEnd(44)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${(r.p95 / baseline.p95).toFixed(3).padStart(16)}`);
}
await store.close();
rmSync(dir, { recursive: true, force: true });
