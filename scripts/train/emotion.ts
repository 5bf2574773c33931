/**
 * Trains the emotion model (Ekman six + neutral) of one language on hashed n-grams (the sentiment
 * engine's features), emotion-cue counts and the sentiment score (stacked out-of-fold, see below),
 * and reports:
 *   zh: smp2020_ewect train split → eval split (in-domain);
 *   en: in-domain (goemotions train + tweeteval_emotion train → goemotions dev, tweeteval_emotion val)
 *       and cross-domain (goemotions only → all of tweeteval_emotion, which has no neutral class).
 * The neutral threshold (neutral only when P(neutral) exceeds it) is tuned on the in-domain split:
 * zh macro-F1; en the mean of goemotions macro-F1 and tweeteval_emotion accuracy.
 *
 *   node bin/run-ts.js scripts/train/emotion.ts zh|en [--no-write]   (after scripts/train/sentiment.ts)
 *
 * Writes models/emotion-<lang>.json + .bin (derived weights only).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODEL_DIR } from '../../src/resources/paths.js';
import { loadEmotionResources, loadSentimentModel } from '../../src/resources/sentiment-model.js';
import { createSentimentScorer } from '../../src/pipeline/sentiment/scorer.js';
import { EMOTION_DENSE, EMOTION_LABELS, emotionDense } from '../../src/pipeline/emotion/scorer.js';
import { hashString } from '../../src/pipeline/sentiment/feature-hash.js';
import type { PackedHeader } from '../../src/pipeline/sentiment/packed.js';
import { toEmotionLabel } from '../../src/eval/dataset.js';
import { computeMetrics } from '../../src/eval/metrics.js';
import { loadSet } from './corpus.js';
import { featureHashes, packModel, predict, pruneInPlace, trainSoftmax, type Example, type Model } from './logreg.js';

const lang = (process.argv[2] ?? 'zh') as 'zh' | 'en';
const noWrite = process.argv.includes('--no-write');
const env = (key: string, fallback: number): number => Number(process.env[key] ?? fallback);
const BITS = env('BITS', 18);
const EPOCHS = env('EPOCHS', 5);
const PRUNE = env('PRUNE', 0.25);
const USE_SENTIMENT = env('SENT_FEATURE', 1) === 1;
const SETS = lang === 'zh' ? ['smp2020_ewect'] : ['goemotions', 'tweeteval_emotion'];
const sentimentModel = loadSentimentModel(lang);
const features = sentimentModel.features;
const sentiment = createSentimentScorer(sentimentModel);
const oofFile = join(tmpdir(), `koubei-oof-${lang}.json`);
if (!existsSync(oofFile)) throw new Error(`run scripts/train/sentiment.ts ${lang} first (it writes ${oofFile})`);
const oof = JSON.parse(readFileSync(oofFile, 'utf8')) as Record<string, number>;
const cues = loadEmotionResources()[lang].cues;
const NEUTRAL = EMOTION_LABELS.indexOf('neutral');

interface Doc extends Example {
  set: string;
  split: string;
}

const docs: Doc[] = [];
for (const set of SETS) {
  for (const row of loadSet(lang, set)) {
    const list = Array.isArray(row.emotion) ? row.emotion : [row.emotion];
    if (list.length !== 1) continue; // multi-label rows are ambiguous for a single-label model
    const label = toEmotionLabel(list[0]);
    if (!label) continue;
    const counts: Record<string, number> = {};
    for (const t of row.tokens) {
      const e = cues.get(t);
      if (e) counts[e] = (counts[e] ?? 0) + 1;
    }
    // The dense "sentiment" feature is stacked: the shipped sentiment model was trained on these rows'
    // polarity (smp2020, goemotions, tweeteval_emotion), so a row it trained on gets its out-of-fold
    // score from scripts/train/sentiment.ts (5-fold, a model that never saw the row); rows that were
    // not in sentiment training (no polarity label) get the shipped model's score.
    const oofScore = oof[(hashString(row.text.replace(/\s+/g, '')) >>> 0).toString(36)];
    const score = USE_SENTIMENT ? oofScore ?? sentiment({ simplified: row.text, tokens: row.tokens }).score : 0;
    docs.push({
      set,
      split: row.split === 'train' ? 'train' : 'test',
      hashes: featureHashes(row.tokens, row.text, lang, features),
      dense: emotionDense(counts, score),
      y: EMOTION_LABELS.indexOf(label),
      weight: 1,
    });
  }
}
process.stderr.write(`${lang}: ${docs.length} single-label rows\n`);

function train(rows: Doc[]): Model {
  const perClass = new Array(EMOTION_LABELS.length).fill(0);
  for (const d of rows) perClass[d.y]++;
  // Square-root class balancing: rare emotions (fear, disgust) still get predicted.
  const weight = perClass.map((n) => (n ? Math.min(3, Math.sqrt(rows.length / EMOTION_LABELS.length / n)) : 0));
  const ex = rows.map((d) => ({ ...d, weight: weight[d.y] }));
  const m = trainSoftmax(ex, EMOTION_DENSE.length, EMOTION_LABELS.length, { bits: BITS, epochs: EPOCHS, lr: 0.1, l2: 1e-5 });
  pruneInPlace(m, PRUNE);
  return m;
}

/** Predicted class given the neutral threshold (as the runtime scorer decides). */
function decide(z: Float64Array, threshold: number): number {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (const v of z) sum += Math.exp(v - max);
  let best = -1;
  for (let j = 0; j < z.length; j++) if (j !== NEUTRAL && (best < 0 || z[j] > z[best])) best = j;
  return z[NEUTRAL] >= z[best] && Math.exp(z[NEUTRAL] - max) / sum > threshold ? NEUTRAL : best;
}

function metrics(scores: { d: Doc; z: Float64Array }[], threshold: number): { accuracy: number; macroF1: number } {
  const labels = [...EMOTION_LABELS] as string[];
  const present = labels.filter((_, k) => scores.some((s) => s.d.y === k));
  const m = computeMetrics(scores.map((s) => labels[s.d.y]), scores.map((s) => labels[decide(s.z, threshold)]), present);
  return { accuracy: m.accuracy, macroF1: m.macroF1 };
}

const THRESHOLDS = [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01];
const report: Record<string, Record<string, string>> = {};
const fmt = (m: { accuracy: number; macroF1: number }): string => `${m.accuracy.toFixed(3)} / ${m.macroF1.toFixed(3)}`;

const inDomain = train(docs.filter((d) => d.split === 'train'));
const testSets = new Map<string, { d: Doc; z: Float64Array }[]>();
for (const d of docs.filter((x) => x.split !== 'train')) {
  const list = testSets.get(d.set) ?? [];
  list.push({ d, z: predict(inDomain, d) });
  testSets.set(d.set, list);
}
let threshold = 0;
let bestObjective = -1;
for (const t of THRESHOLDS) {
  const o =
    lang === 'zh'
      ? metrics(testSets.get('smp2020_ewect')!, t).macroF1
      : (metrics(testSets.get('goemotions')!, t).macroF1 + metrics(testSets.get('tweeteval_emotion')!, t).accuracy) / 2;
  if (o > bestObjective + 1e-9) {
    bestObjective = o;
    threshold = t;
  }
}
for (const [set, scores] of testSets) report[set] = { n: String(scores.length), inDomain: fmt(metrics(scores, threshold)), inDomainArgmax: fmt(metrics(scores, 0)) };
if (lang === 'en') {
  const cross = train(docs.filter((d) => d.set === 'goemotions'));
  const scores = docs.filter((d) => d.set === 'tweeteval_emotion').map((d) => ({ d, z: predict(cross, d) }));
  if (process.env.CONFUSION) {
    const labels = [...EMOTION_LABELS] as string[];
    const m = computeMetrics(scores.map((s) => labels[s.d.y]), scores.map((s) => labels[decide(s.z, threshold)]), labels);
    console.log('held-out tweeteval_emotion confusion', JSON.stringify(m.confusion));
  }
  report.tweeteval_emotion = { ...report.tweeteval_emotion, heldOutSet: fmt(metrics(scores, threshold)), heldOutSetArgmax: fmt(metrics(scores, 0)) };
}
console.log(`${lang} emotion: accuracy / macro-F1; neutral threshold ${threshold}`);
console.table(report);

if (!noWrite) {
  const model = train(docs);
  const packed = packModel(model, [...EMOTION_LABELS], EMOTION_DENSE, PRUNE, { neutralThreshold: threshold });
  const header: PackedHeader = {
    format: 'koubei-linear/2',
    lang,
    trained: new Date().toISOString().slice(0, 10),
    trainedOn: SETS,
    features,
    sections: { emotion: { ...packed.header, offset: 0 } },
  };
  writeFileSync(join(MODEL_DIR, `emotion-${lang}.bin`), packed.bytes);
  writeFileSync(join(MODEL_DIR, `emotion-${lang}.json`), `${JSON.stringify(header, null, 1)}\n`);
  process.stderr.write(`wrote models/emotion-${lang}.{json,bin}: ${packed.kept} buckets, ${packed.bytes.length} bytes\n`);
}
