/**
 * `npm run bench`: analysed posts per second for short zh and en posts, as a ratio to running the
 * `sentiment` (AFINN) package alone on the same texts in the same process: once through the full
 * default pipeline (normalise, language id, opencc, jieba, sentiment, emotion, keywords, aspects)
 * and once through the sentiment engine alone (segmentation + sentiment with its explanation +
 * emotion), which is what AFINN's single call compares with. The segmenter alone (jieba for zh) is
 * timed too: it is the floor under any zh analysis, while AFINN's tokenizer drops Han text unread.
 * Texts are generated from templates here (nothing from the dev sets).
 */
import Sentiment from 'sentiment';
import { createDefaultPipeline } from '../src/pipeline/default-pipeline.js';
import { createSentimentScorer } from '../src/pipeline/sentiment/scorer.js';
import { createEmotionScorer } from '../src/pipeline/emotion/scorer.js';
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
const resources = await loadNlpResources();
const pipeline = createDefaultPipeline(resources);
const loadMs = performance.now() - started;
const afinn = new Sentiment();

const rows: string[][] = [];
for (const lang of ['zh', 'en'] as const) {
  const texts = generatePosts(lang, N);
  const chars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  const segment = resources.segmenters[lang];
  const sentiment = createSentimentScorer(resources.sentiment[lang]);
  const emotion = createEmotionScorer(resources.emotion[lang]);
  const engine = (text: string): unknown => {
    const tokens = segment(text);
    return emotion({ simplified: text, tokens, sentiment: sentiment({ simplified: text, tokens }) });
  };
  const full = postsPerSecond(texts, (text) => pipeline.run({ text }));
  const alone = postsPerSecond(texts, engine);
  const cut = postsPerSecond(texts, segment);
  const raw = postsPerSecond(texts, (text) => afinn.analyze(text));
  const cell = (x: number): string => Math.round(x).toLocaleString('en');
  rows.push([lang, chars.toFixed(1), cell(full), (full / raw).toFixed(3), cell(alone), (alone / raw).toFixed(3), cell(cut), (cut / raw).toFixed(3), cell(raw)]);
}
global.gc?.();
const rssMb = process.memoryUsage().rss / 1e6;

const header = ['lang', 'avg chars', 'full pipeline posts/s', 'ratio', 'sentiment engine posts/s', 'ratio', 'segmenter alone', 'ratio', 'AFINN posts/s'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i])).join('  ');
console.log(`koubei bench: ${N} generated posts per language, best of ${ROUNDS} rounds, one core`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(`resources loaded in ${(loadMs / 1000).toFixed(1)} s; RSS after run ${rssMb.toFixed(0)} MB`);
