/**
 * `node bin/run-ts.js scripts/eval-aspects.ts [dataDir]`: aspect-category detection precision /
 * recall / F1 and aspect-polarity accuracy of the default pipeline on the labelled aspect dev sets
 * (default dataDir: ../shared/data next to the project). Prints a markdown table per split:
 * `tune` (rows whose index % 5 ≠ 0, looked at while writing the lexicon) and `held-out` (index % 5 = 0).
 *
 * Gold → categories:
 * - SemEval-14 laptops / restaurants (en) and Peng et al. 2018 (zh) carry aspect *terms*; each gold
 *   term is mapped to a category by running the project lexicon over the term alone (longest match).
 *   Gold terms the lexicon cannot map count in `term coverage`, not in recall.
 * - BDCI 2018 car (zh) carries *categories*; they are mapped to ours by `BDCI_CATEGORIES`.
 * Precision counts only predictions in categories the set annotates at all (a laptop set says nothing
 * about `taste`), since the sets do not annotate every aspect a sentence mentions.
 * Polarity: accuracy of the clause label on detected categories that match gold with one agreed
 * gold polarity (and on the rows whose gold is pos or neg); `post-level` is the same with the whole
 * post's label, the baseline the clauses are measured against.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDefaultPipeline } from '../src/pipeline/default-pipeline.js';
import { loadNlpResources } from '../src/resources/nlp.js';
import { matchEn, matchZh } from '../src/pipeline/aspects/match.js';
import { PROJECT_ROOT } from '../src/resources/paths.js';
import type { SentimentLabel } from '../src/domain.js';

const dataDir = process.argv[2] ?? join(PROJECT_ROOT, '..', 'shared', 'data');

/** BDCI 2018 subject → koubei categories (the set files noise complaints under 舒适性). */
const BDCI_CATEGORIES: Record<string, string[]> = {
  动力: ['power'], 价格: ['price'], 油耗: ['fuel_economy'], 操控: ['handling'], 舒适性: ['comfort', 'noise'],
  配置: ['features'], 安全性: ['safety'], 内饰: ['interior'], 外观: ['appearance'], 空间: ['space'],
};

interface GoldAspect { term?: string; category?: string; polarity: SentimentLabel }
interface Row { text: string; aspects: GoldAspect[] }
/** Gold per evaluated category of one sentence: its polarity, or null when the gold terms disagree. */
type Gold = Map<string, SentimentLabel | null>;

const resources = await loadNlpResources();
const pipeline = createDefaultPipeline(resources);

function readRows(file: string): Row[] {
  return readFileSync(join(dataDir, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
}

/** SemEval rows repeat a sentence once per quoting variant; merge them. */
function mergeDuplicates(rows: Row[]): Row[] {
  const byText = new Map<string, Row>();
  for (const row of rows) {
    const key = row.text.replace(/``|''/g, '"').replace(/\s+/g, ' ').trim();
    const seen = byText.get(key);
    if (seen) seen.aspects.push(...row.aspects);
    else byText.set(key, { text: row.text, aspects: [...row.aspects] });
  }
  return [...byText.values()];
}

function termCategory(lang: 'zh' | 'en', term: string): string | undefined {
  const lex = resources.aspects[lang];
  if (lang === 'en') {
    const tokens = resources.segmenters.en(term);
    const found = matchEn(lex, tokens, 0, tokens.length);
    return found.sort((a, b) => b.length - a.length)[0]?.category;
  }
  const text = resources.convertChinese(term.replace(/\s+/g, '')).toLowerCase();
  const tokens = resources.segmenters.zh(text);
  const found = matchZh(lex, text, 0, text.length, tokens, 0, tokens.length);
  return found.sort((a, b) => b.length - a.length)[0]?.category;
}

function addGold(gold: Gold, category: string, polarity: SentimentLabel): void {
  if (!gold.has(category)) gold.set(category, polarity);
  else if (gold.get(category) !== polarity) gold.set(category, null);
}

interface Tally { tp: number; fp: number; fn: number; polN: number; polOk: number; postOk: number; polarN: number; polarOk: number; postPolarOk: number; terms: number; mapped: number }
const emptyTally = (): Tally => ({ tp: 0, fp: 0, fn: 0, polN: 0, polOk: 0, postOk: 0, polarN: 0, polarOk: 0, postPolarOk: 0, terms: 0, mapped: 0 });

function evaluate(lang: 'zh' | 'en', rows: Row[], goldOf: (row: Row, t: Tally) => Gold, evaluated: Set<string>, toGold: (c: string) => string | undefined): Record<string, Tally> {
  const tallies: Record<string, Tally> = { tune: emptyTally(), 'held-out': emptyTally() };
  rows.forEach((row, index) => {
    const t = tallies[index % 5 === 0 ? 'held-out' : 'tune'];
    const gold = goldOf(row, t);
    const { doc } = pipeline.run({ text: row.text, declaredLang: lang });
    const predicted = new Map<string, SentimentLabel>();
    for (const a of doc.aspects ?? []) {
      const category = toGold(a.aspect);
      if (category === undefined || !evaluated.has(category) || predicted.has(category)) continue;
      predicted.set(category, a.label);
    }
    for (const [category, label] of predicted) {
      if (!gold.has(category)) {
        t.fp++;
        continue;
      }
      t.tp++;
      const polarity = gold.get(category);
      if (polarity === null || polarity === undefined) continue;
      t.polN++;
      if (label === polarity) t.polOk++;
      if (doc.sentiment?.label === polarity) t.postOk++;
      if (polarity !== 'neu') {
        t.polarN++;
        if (label === polarity) t.polarOk++;
        if (doc.sentiment?.label === polarity) t.postPolarOk++;
      }
    }
    for (const category of gold.keys()) if (!predicted.has(category)) t.fn++;
  });
  return tallies;
}

function termGold(lang: 'zh' | 'en') {
  return (row: Row, t: Tally): Gold => {
    const gold: Gold = new Map();
    for (const a of row.aspects) {
      if (!a.term || a.term === '0') continue;
      t.terms++;
      const category = termCategory(lang, a.term);
      if (category === undefined) continue;
      t.mapped++;
      addGold(gold, category, a.polarity);
    }
    return gold;
  };
}

function annotatedCategories(lang: 'zh' | 'en', rows: Row[]): Set<string> {
  const set = new Set<string>();
  for (const row of rows) for (const a of row.aspects) if (a.term) { const c = termCategory(lang, a.term); if (c) set.add(c); }
  return set;
}

const pct = (num: number, den: number): string => (den === 0 ? '–' : `${((100 * num) / den).toFixed(1)}`);
const results: string[][] = [];
function report(name: string, tallies: Record<string, Tally>, rows: number): void {
  for (const [split, t] of Object.entries(tallies)) {
    const p = t.tp / (t.tp + t.fp || 1);
    const r = t.tp / (t.tp + t.fn || 1);
    results.push([
      name, split, String(split === 'tune' ? rows - Math.ceil(rows / 5) : Math.ceil(rows / 5)),
      t.terms ? pct(t.mapped, t.terms) : 'n/a', pct(t.tp, t.tp + t.fp), pct(t.tp, t.tp + t.fn), (p + r ? (200 * p * r) / (p + r) : 0).toFixed(1),
      `${pct(t.polOk, t.polN)} (${t.polN})`, pct(t.postOk, t.polN), `${pct(t.polarOk, t.polarN)} (${t.polarN})`, pct(t.postPolarOk, t.polarN),
    ]);
  }
}

for (const name of ['semeval14_laptops', 'semeval14_restaurants']) {
  const rows = mergeDuplicates(readRows(`en/${name}.jsonl`));
  report(name, evaluate('en', rows, termGold('en'), annotatedCategories('en', rows), (c) => c), rows.length);
}
{
  const rows = readRows('zh/chinese_aspect_peng2018.jsonl');
  report('chinese_aspect_peng2018', evaluate('zh', rows, termGold('zh'), annotatedCategories('zh', rows), (c) => c), rows.length);
}
{
  const rows = readRows('zh/bdci2018_car.jsonl');
  const toGold = new Map<string, string>();
  for (const [gold, ours] of Object.entries(BDCI_CATEGORIES)) for (const c of ours) toGold.set(c, gold);
  const goldOf = (row: Row): Gold => {
    const gold: Gold = new Map();
    for (const a of row.aspects) if (a.category) addGold(gold, a.category, a.polarity);
    return gold;
  };
  report('bdci2018_car', evaluate('zh', rows, goldOf, new Set(Object.keys(BDCI_CATEGORIES)), (c) => toGold.get(c)), rows.length);
}

const header = ['set', 'split', 'rows', 'term coverage %', 'P %', 'R %', 'F1', 'polarity acc % (n)', 'post-level acc %', 'pos/neg-only acc % (n)', 'post-level pos/neg-only %'];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const r of results) console.log(`| ${r.join(' | ')} |`);
