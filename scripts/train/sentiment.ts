/**
 * Trains the learned part of the sentiment engine for one language and reports
 * leave-one-dataset-out (LODO) figures: for every evaluation group, both models are trained on
 * the other groups only and scored on the whole held-out group.
 *
 *   node bin/run-ts.js scripts/train/sentiment.ts zh|en [--no-lodo] [--threshold 0.6]
 *
 * Writes models/sentiment-<lang>.tsv (derived weights only, no text).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLexicon } from '../../src/resources/sentiment-model.js';
import { MODEL_DIR } from '../../src/resources/paths.js';
import { scoreRules } from '../../src/pipeline/sentiment/rules.js';
import { neutralityDense, polarityDense } from '../../src/pipeline/sentiment/features.js';
import { computeMetrics } from '../../src/eval/metrics.js';
import { loadSet, type Row } from './corpus.js';
import { countFeatures, predictSoftmax, toExample, trainSoftmax, Vocabulary, type Example, type SoftmaxModel } from './logreg.js';

const lang = (process.argv[2] ?? 'zh') as 'zh' | 'en';
const noLodo = process.argv.includes('--no-lodo');
const thresholdArg = process.argv.indexOf('--threshold');
const noWrite = process.argv.includes('--no-write');
/** Tuning knobs (env) for experiments; the defaults are what shipped. */
const SPARSE_L2 = Number(process.env.SPARSE_L2 ?? 2e-5);
const NEU_SPARSE_L2 = Number(process.env.NEU_SPARSE_L2 ?? 5e-5);
const EPOCHS = Number(process.env.EPOCHS ?? 5);
/** Weight of binary-set rows (all polar) in the neutrality model. */
const BINARY_NEUTRALITY_WEIGHT = Number(process.env.BINARY_NEUTRALITY_WEIGHT ?? (lang === 'zh' ? 0.5 : 0.1));

/** Dataset groups: sets from one source stay together so a held-out group is really unseen. */
const GROUPS: Record<'zh' | 'en', Record<string, string[]>> = {
  zh: {
    chnsenticorp: ['chnsenticorp_12k', 'chnsenticorp_htl_all'],
    nlpcc2014: ['nlpcc2014_sc'],
    shopping: ['online_shopping_10_cats'],
    car: ['bdci2018_car'],
    weibo: ['smp2020_ewect'],
  },
  en: {
    amazon: ['amazon_polarity10k', 'vader_amazon_snippets'],
    imdb: ['imdb10k'],
    movie_sentences: ['sst2', 'sst5', 'vader_movie_snippets'],
    tweets: ['tweeteval_sentiment'],
    reddit: ['goemotions'],
  },
};
/** What each LODO fold reports (group → set evaluated). */
const EVAL: Record<'zh' | 'en', Record<string, string>> = {
  zh: { chnsenticorp: 'chnsenticorp_12k', nlpcc2014: 'nlpcc2014_sc', shopping: 'online_shopping_10_cats', car: 'bdci2018_car' },
  en: { amazon: 'amazon_polarity10k', imdb: 'imdb10k', movie_sentences: 'sst2', tweets: 'tweeteval_sentiment', reddit: 'goemotions' },
};
/** Cap on a set's total training weight so one large set does not dominate. */
const MAX_SET_WEIGHT = lang === 'zh' ? 20000 : 12000;

interface Doc extends Row {
  set: string;
  group: string;
  polarity: number[];
  neutrality: number[];
}

const lexicon = loadLexicon(lang);
const docs: Doc[] = [];
for (const [group, sets] of Object.entries(GROUPS[lang])) {
  for (const set of sets) {
    for (const row of loadSet(lang, set)) {
      let label = row.label;
      if (set === 'smp2020_ewect') label = row.emotion === 'neutral' ? 'neu' : null;
      if (label !== 'pos' && label !== 'neg' && label !== 'neu') continue;
      const rules = scoreRules(row.tokens, row.text, lexicon);
      docs.push({
        ...row, label, set, group,
        polarity: Object.values(polarityDense(rules)),
        neutrality: Object.values(neutralityDense(rules, row.tokens.length)),
      });
    }
  }
}
process.stderr.write(`${lang}: ${docs.length} labelled rows\n`);

function setWeights(rows: Doc[], filter: (d: Doc) => boolean): Map<string, number> {
  const n = new Map<string, number>();
  for (const d of rows) if (filter(d)) n.set(d.set, (n.get(d.set) ?? 0) + 1);
  return new Map([...n].map(([s, c]) => [s, Math.min(1, MAX_SET_WEIGHT / c)]));
}

interface Trained {
  vocab: Vocabulary;
  polarity: SoftmaxModel;
  nvocab: Vocabulary;
  neutrality: SoftmaxModel;
}

function train(rows: Doc[]): Trained {
  const polar = rows.filter((d) => d.label !== 'neu' && d.set !== 'smp2020_ewect');
  const vocab = new Vocabulary(countFeatures(polar, lang), lang === 'zh' ? 3 : 2);
  const pw = setWeights(polar, () => true);
  const pex = polar.map((d) => toExample(vocab, d.tokens, d.text, lang, d.polarity, d.label === 'pos' ? 1 : 0, true, pw.get(d.set)));
  const polarity = trainSoftmax(pex, vocab.names.length, 3, 2, { epochs: EPOCHS, lr: 0.15, sparseL2: SPARSE_L2 });
  // Neutrality: three-way sets give neu vs polar; binary sets add polar-only evidence at low weight.
  const threeWay = new Set(rows.filter((d) => d.label === 'neu').map((d) => d.set));
  const nrows = rows.filter((d) => threeWay.has(d.set) || d.label !== 'neu');
  const nvocab = new Vocabulary(countFeatures(nrows.filter((d) => threeWay.has(d.set)), lang), 5);
  const nw = setWeights(nrows, () => true);
  const nex = nrows.map((d) =>
    toExample(nvocab, d.tokens, d.text, lang, d.neutrality, d.label === 'neu' ? 1 : 0, true, (nw.get(d.set) ?? 1) * (threeWay.has(d.set) ? 1 : BINARY_NEUTRALITY_WEIGHT)),
  );
  const neutrality = trainSoftmax(nex, nvocab.names.length, 4, 2, { epochs: 4, lr: 0.1, sparseL2: NEU_SPARSE_L2 });
  return { vocab, polarity, nvocab, neutrality };
}

function predict(t: Trained, d: Doc): { pPos: number; pNeu: number } {
  const p = predictSoftmax(t.polarity, toExample(t.vocab, d.tokens, d.text, lang, d.polarity, 0, false));
  const n = predictSoftmax(t.neutrality, toExample(t.nvocab, d.tokens, d.text, lang, d.neutrality, 0, false));
  return { pPos: 1 / (1 + Math.exp(-(p[1] - p[0]))), pNeu: d.tokens.length === 0 ? 1 : 1 / (1 + Math.exp(-(n[1] - n[0]))) };
}

const THRESHOLDS = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01];

if (!noLodo) {
  const table: Record<string, Record<string, string>> = {};
  for (const [group, evalSet] of Object.entries(EVAL[lang])) {
    const t = train(docs.filter((d) => d.group !== group));
    const test = docs.filter((d) => d.set === evalSet);
    const preds = test.map((d) => predict(t, d));
    const row: Record<string, string> = {};
    for (const tau of THRESHOLDS) {
      const predicted = preds.map((p) => (p.pNeu > tau ? 'neu' : p.pPos >= 0.5 ? 'pos' : 'neg'));
      const m = computeMetrics(test.map((d) => d.label as string), predicted, ['pos', 'neg', 'neu']);
      row[`τ=${tau}`] = `${m.accuracy.toFixed(3)}/${m.macroF1.toFixed(3)}`;
    }
    const rulesOnly = test.map((d) => (d.polarity[0] > 0.05 ? 'pos' : d.polarity[0] < -0.05 ? 'neg' : 'neu'));
    const rm = computeMetrics(test.map((d) => d.label as string), rulesOnly, ['pos', 'neg', 'neu']);
    row.rulesOnly = `${rm.accuracy.toFixed(3)}/${rm.macroF1.toFixed(3)}`;
    table[`${group}:${evalSet}`] = row;
    process.stderr.write(`fold ${group} done\n`);
  }
  console.log(`LODO ${lang} (accuracy/macro-F1 over pos,neg,neu; a neutral answer on a binary set counts wrong)`);
  console.table(table);
}

const threshold = thresholdArg > 0 ? Number(process.argv[thresholdArg + 1]) : lang === 'zh' ? 0.8 : 0.6;
if (noWrite) process.exit(0);
const final = train(docs);
writeFileSync(join(MODEL_DIR, `sentiment-${lang}.tsv`), serialize(final, threshold));
process.stderr.write(`wrote models/sentiment-${lang}.tsv (threshold ${threshold})\n`);

function section(name: string, vocab: Vocabulary, m: SoftmaxModel, denseNames: string[], prune: number): string[] {
  const out = [`@model\t${name}`, `@bias\t${round(m.bias[1] - m.bias[0])}`];
  denseNames.forEach((key, j) => out.push(`@dense\t${key}\t${round(m.dw[j * 2 + 1] - m.dw[j * 2])}`));
  let kept = 0;
  vocab.names.forEach((f, i) => {
    const w = m.w[i * 2 + 1] - m.w[i * 2];
    if (Math.abs(w) < prune || /[\t\n]/.test(f)) return;
    out.push(`${f}\t${round(w)}`);
    kept++;
  });
  process.stderr.write(`${name}: kept ${kept}/${vocab.names.length} weights\n`);
  return out;
}

function serialize(t: Trained, tau: number): string {
  const header = [
    `# koubei sentiment model (${lang}) — derived weights only; see lexicons/README.md for provenance.`,
    `# trained ${new Date().toISOString().slice(0, 10)} by scripts/train/sentiment.ts on: ${Object.values(GROUPS[lang]).flat().join(', ')}`,
  ];
  const pol = section('polarity', t.vocab, t.polarity, Object.keys(polarityDense(scoreRules([], '', lexicon))), lang === 'zh' ? 0.15 : 0.1);
  const neu = section('neutrality', t.nvocab, t.neutrality, Object.keys(neutralityDense(scoreRules([], '', lexicon), 0)), 0.15);
  neu.splice(2, 0, `@param\tthreshold\t${tau}`);
  return [...header, ...pol, ...neu, ''].join('\n');
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
