/**
 * Trains the emotion model (Ekman six + neutral) of one language and reports a held-out figure.
 *   zh: smp2020_ewect (train split → eval split)
 *   en: goemotions (Ekman groups) + tweeteval_emotion (optimism → joy); reported leave-one-set-out
 *
 *   node bin/run-ts.js scripts/train/emotion.ts zh|en
 *
 * Writes models/emotion-<lang>.tsv (derived weights only).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_DIR } from '../../src/resources/paths.js';
import { loadEmotionResources } from '../../src/resources/sentiment-model.js';
import { EMOTION_LABELS, emotionDense } from '../../src/pipeline/emotion/scorer.js';
import { toEmotionLabel } from '../../src/eval/dataset.js';
import { computeMetrics } from '../../src/eval/metrics.js';
import { loadSet, type Row } from './corpus.js';
import { countFeatures, predictSoftmax, toExample, trainSoftmax, Vocabulary, type SoftmaxModel } from './logreg.js';

const lang = (process.argv[2] ?? 'zh') as 'zh' | 'en';
const SETS = lang === 'zh' ? ['smp2020_ewect'] : ['goemotions', 'tweeteval_emotion'];
const cues = loadEmotionResources()[lang].cues;
const DENSE_KEYS = Object.keys(emotionDense({}, 0));

interface Doc extends Row {
  set: string;
  y: number;
  dense: number[];
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
    // The runtime sentiment score is not used in training (its weight stays 0); cue counts are.
    const dense = Object.values(emotionDense(counts, 0));
    docs.push({ ...row, set, y: EMOTION_LABELS.indexOf(label), dense });
  }
}
process.stderr.write(`${lang}: ${docs.length} single-label rows\n`);

function train(rows: Doc[]): { vocab: Vocabulary; model: SoftmaxModel } {
  const vocab = new Vocabulary(countFeatures(rows, lang), 3);
  const perClass = new Array(EMOTION_LABELS.length).fill(0);
  for (const d of rows) perClass[d.y]++;
  // Square-root class balancing: rare emotions (fear, disgust) still get predicted.
  const weight = perClass.map((n) => (n ? Math.sqrt(rows.length / EMOTION_LABELS.length / n) : 0));
  const ex = rows.map((d) => toExample(vocab, d.tokens, d.text, lang, d.dense, d.y, true, Math.min(3, weight[d.y])));
  return { vocab, model: trainSoftmax(ex, vocab.names.length, DENSE_KEYS.length, EMOTION_LABELS.length, { epochs: 4, lr: 0.1, sparseL2: 1e-4 }) };
}

function evaluate(trainRows: Doc[], testRows: Doc[], name: string): void {
  const { vocab, model } = train(trainRows);
  const predicted = testRows.map((d) => {
    const z = predictSoftmax(model, toExample(vocab, d.tokens, d.text, lang, d.dense, 0, false));
    let best = 0;
    for (let k = 1; k < z.length; k++) if (z[k] > z[best]) best = k;
    return EMOTION_LABELS[best];
  });
  const m = computeMetrics(testRows.map((d) => EMOTION_LABELS[d.y]), predicted, [...EMOTION_LABELS]);
  console.log(`${name}: n=${m.n} accuracy ${m.accuracy.toFixed(3)} macro-F1 ${m.macroF1.toFixed(3)}`);
}

if (lang === 'zh') {
  evaluate(docs.filter((d) => d.split === 'train'), docs.filter((d) => d.split !== 'train'), 'smp2020_ewect eval split');
} else {
  evaluate(docs.filter((d) => d.set !== 'tweeteval_emotion'), docs.filter((d) => d.set === 'tweeteval_emotion'), 'held-out tweeteval_emotion');
  evaluate(docs.filter((d) => d.split === 'train'), docs.filter((d) => d.set === 'goemotions' && d.split !== 'train'), 'goemotions dev split');
}

const { vocab, model } = train(docs);
const k = EMOTION_LABELS.length;
const lines = [
  `# koubei emotion model (${lang}) — derived weights only; see lexicons/README.md for provenance.`,
  `# trained ${new Date().toISOString().slice(0, 10)} by scripts/train/emotion.ts on: ${SETS.join(', ')}`,
  `@model\temotion\t${EMOTION_LABELS.join('\t')}`,
  `@bias\t${Array.from(model.bias, round).join('\t')}`,
  ...DENSE_KEYS.map((key, j) => `@dense\t${key}\t${Array.from({ length: k }, (_, c) => round(model.dw[j * k + c])).join('\t')}`),
];
let kept = 0;
vocab.names.forEach((f, i) => {
  const w = Array.from({ length: k }, (_, c) => model.w[i * k + c]);
  if (Math.max(...w.map(Math.abs)) < 0.25 || /[\t\n ]/.test(f)) return;
  lines.push(`${f}\t${w.map(round).join(' ')}`);
  kept++;
});
writeFileSync(join(MODEL_DIR, `emotion-${lang}.tsv`), `${lines.join('\n')}\n`);
process.stderr.write(`wrote models/emotion-${lang}.tsv (${kept}/${vocab.names.length} features)\n`);

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
