/**
 * `npm run bench`: analysed posts per second through the full default pipeline for short zh and
 * en posts, as a ratio to running the `sentiment` (AFINN) package alone on the same texts in the
 * same process. Texts are generated from templates here (nothing from the dev sets).
 */
import Sentiment from 'sentiment';
import { createDefaultPipeline } from '../src/pipeline/default-pipeline.js';
import { loadNlpResources } from '../src/resources/nlp.js';
import { generatePosts } from './posts.js';

const N = Number(process.env.BENCH_POSTS ?? 20000);
const ROUNDS = 3;

function postsPerSecond(texts: string[], fn: (text: string) => unknown): number {
  for (let i = 0; i < Math.min(2000, texts.length); i++) fn(texts[i]); // warm-up
  let best = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    for (const t of texts) fn(t);
    best = Math.max(best, texts.length / ((performance.now() - start) / 1000));
  }
  return best;
}

const started = performance.now();
const pipeline = createDefaultPipeline(await loadNlpResources());
const loadMs = performance.now() - started;
const afinn = new Sentiment();

const rows: string[][] = [];
for (const lang of ['zh', 'en'] as const) {
  const texts = generatePosts(lang, N);
  const chars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  const full = postsPerSecond(texts, (text) => pipeline.run({ text }));
  const raw = postsPerSecond(texts, (text) => afinn.analyze(text));
  rows.push([lang, chars.toFixed(1), Math.round(full).toLocaleString('en'), Math.round(raw).toLocaleString('en'), (full / raw).toFixed(3)]);
}
global.gc?.();
const rssMb = process.memoryUsage().rss / 1e6;

const header = ['lang', 'avg chars', 'koubei posts/s (full pipeline)', 'AFINN posts/s', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i])).join('  ');
console.log(`koubei bench: ${N} generated posts per language, best of ${ROUNDS} rounds, one core`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(`resources loaded in ${(loadMs / 1000).toFixed(1)} s; RSS after run ${rssMb.toFixed(0)} MB`);
