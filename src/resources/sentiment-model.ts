import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ContrastKind, LinearModel, SentimentLexicon, SentimentModel } from '../pipeline/sentiment/types.js';
import type { EmotionModel } from '../pipeline/emotion/types.js';
import { LEXICON_DIR, MODEL_DIR } from './paths.js';

/**
 * Loads the curated lexicons (`lexicons/`) and learned weights (`models/`) of the sentiment and
 * emotion engines once at start-up. Lexicon files are TSV (`entry<TAB>value…`, `#` comments);
 * model files use the koubei linear-model text format documented in `lexicons/README.md`.
 */

const require = createRequire(import.meta.url);
/** AFINN-165 ships inside the `sentiment` package; its −5…5 weights are scaled to our −3…3. */
const AFINN_SCALE = 0.6;

export interface SentimentResources {
  zh: SentimentModel;
  en: SentimentModel;
}

export interface EmotionResources {
  zh: EmotionModel;
  en: EmotionModel;
}

export interface SentimentResourceOptions {
  lexiconDir?: string;
  modelDir?: string;
}

/** Reads `file` as TSV rows (comments and blank lines skipped); [] when the file is missing. */
export function readTsv(file: string): string[][] {
  if (!existsSync(file)) return [];
  const rows: string[][] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    rows.push(trimmed.split('\t'));
  }
  return rows;
}

function numberMap(rows: string[][], column = 1): Map<string, number> {
  const map = new Map<string, number>();
  for (const row of rows) {
    const value = Number(row[column]);
    if (!Number.isFinite(value)) throw new Error(`lexicon: expected a number in column ${column + 1} for "${row[0]}", found "${row[column]}"`);
    map.set(row[0], value);
  }
  return map;
}

/** Loads the rule lexicon of one language. For en, AFINN (from `sentiment`) is the base vocabulary. */
export function loadLexicon(lang: 'zh' | 'en', lexiconDir = LEXICON_DIR): SentimentLexicon {
  const dir = join(lexiconDir, lang);
  const words = new Map<string, number>();
  if (lang === 'en') {
    const afinn = require('sentiment/languages/en/labels.json') as Record<string, number>;
    for (const [word, weight] of Object.entries(afinn)) words.set(word, weight * AFINN_SCALE);
  }
  for (const [word, weight] of numberMap(readTsv(join(dir, 'sentiment.tsv')))) {
    if (weight === 0) words.delete(word);
    else words.set(word, weight);
  }
  for (const [word, weight] of numberMap(readTsv(join(dir, 'induced.tsv')))) if (!words.has(word)) words.set(word, weight);
  const slangRows = numberMap(readTsv(join(dir, 'slang.tsv')));
  for (const [word, weight] of slangRows) words.set(lang === 'en' ? word.toLowerCase() : word, weight);
  const emoji = numberMap(readTsv(join(lexiconDir, 'emoji.tsv')));
  const emoticons = numberMap(readTsv(join(dir, 'emoticons.tsv')));
  const bracketEmoticons = new Map<string, number>();
  for (const [text, weight] of emoticons) (text.startsWith('[') ? bracketEmoticons : emoji).set(text, weight);
  const contrast = new Map<string, ContrastKind>();
  for (const [word, kind] of readTsv(join(dir, 'contrast.tsv'))) {
    if (kind !== 'but' && kind !== 'although') throw new Error(`lexicon: contrast kind must be "but" or "although", found "${kind}" for "${word}"`);
    contrast.set(word, kind);
  }
  return Object.freeze({
    lang,
    words,
    slang: new Set([...slangRows.keys()].map((w) => (lang === 'en' ? w.toLowerCase() : w))),
    negators: new Set(readTsv(join(dir, 'negators.txt')).map((row) => row[0])),
    degree: numberMap(readTsv(join(dir, 'degree.tsv'))),
    contrast,
    emoji,
    bracketEmoticons,
    sarcasm: numberMap(readTsv(join(dir, 'sarcasm.tsv'))),
  });
}

/**
 * A parsed model section: `@model name labels…`, `@bias v…`, `@dense key v…`, `@param key value`,
 * then `feature<TAB>v v …` lines. Comment lines start with `# ` (hash and space).
 */
export interface ModelSection {
  name: string;
  labels: string[];
  bias: number[];
  dense: Record<string, number[]>;
  params: Record<string, string>;
  weights: Map<string, number[]>;
}

/** Parses a koubei linear-model text file into its sections. */
export function parseModelFile(text: string): Map<string, ModelSection> {
  const sections = new Map<string, ModelSection>();
  let current: ModelSection | undefined;
  for (const line of text.split('\n')) {
    // Comments are "# …"; a bare "#xy" line is a zh character-bigram feature.
    if (line === '' || line.startsWith('# ')) continue;
    if (line.startsWith('@')) {
      const [tag, ...rest] = line.split('\t');
      if (tag === '@model') {
        current = { name: rest[0], labels: rest.slice(1), bias: [], dense: {}, params: {}, weights: new Map() };
        sections.set(current.name, current);
      } else if (!current) {
        throw new Error(`model file: expected "@model" before "${tag}"`);
      } else if (tag === '@bias') current.bias = rest.map(Number);
      else if (tag === '@dense') current.dense[rest[0]] = rest.slice(1).map(Number);
      else if (tag === '@param') current.params[rest[0]] = rest[1];
      continue;
    }
    if (!current) throw new Error('model file: expected "@model" before the first weight');
    const tab = line.indexOf('\t');
    current.weights.set(line.slice(0, tab), line.slice(tab + 1).split(' ').map(Number));
  }
  return sections;
}

function toLinear(section: ModelSection | undefined): LinearModel {
  if (!section) return { bias: 0, weights: new Map(), dense: {} };
  const weights = new Map<string, number>();
  for (const [feature, values] of section.weights) weights.set(feature, values[0]);
  const dense: Record<string, number> = {};
  for (const [key, values] of Object.entries(section.dense)) dense[key] = values[0];
  return { bias: section.bias[0] ?? 0, weights, dense };
}

function readModel(file: string): Map<string, ModelSection> {
  return existsSync(file) ? parseModelFile(readFileSync(file, 'utf8')) : new Map();
}

/** Loads lexicon + learned models of one language; a missing model file yields rules only. */
export function loadSentimentModel(lang: 'zh' | 'en', options: SentimentResourceOptions = {}): SentimentModel {
  const sections = readModel(join(options.modelDir ?? MODEL_DIR, `sentiment-${lang}.tsv`));
  const polarity = sections.get('polarity');
  const neutrality = sections.get('neutrality');
  return Object.freeze({
    lexicon: loadLexicon(lang, options.lexiconDir),
    polarity: polarity ? toLinear(polarity) : { bias: 0, weights: new Map(), dense: { rule: 4 } },
    neutrality: neutrality ? toLinear(neutrality) : { bias: 2, weights: new Map(), dense: { evidence: -6 } },
    neutralThreshold: Number(neutrality?.params.threshold ?? 0.5),
  });
}

/** Loads the zh and en sentiment models. */
export function loadSentimentResources(options: SentimentResourceOptions = {}): SentimentResources {
  return Object.freeze({ zh: loadSentimentModel('zh', options), en: loadSentimentModel('en', options) });
}

/** Loads the zh and en emotion models (cue lexicon + learned weights). */
export function loadEmotionResources(options: SentimentResourceOptions = {}): EmotionResources {
  const load = (lang: 'zh' | 'en'): EmotionModel => {
    const section = readModel(join(options.modelDir ?? MODEL_DIR, `emotion-${lang}.tsv`)).get('emotion');
    const cues = new Map<string, string>();
    const lexiconDir = options.lexiconDir ?? LEXICON_DIR;
    for (const [word, emotion] of readTsv(join(lexiconDir, lang, 'emotion.tsv'))) cues.set(word, emotion);
    for (const file of [join(lexiconDir, 'emoji.tsv'), join(lexiconDir, lang, 'emoticons.tsv')]) {
      for (const row of readTsv(file)) if (row[2] && row[2] !== 'neutral') cues.set(row[0], row[2]);
    }
    return Object.freeze({
      lang,
      cues,
      labels: section?.labels ?? [],
      bias: section?.bias ?? [],
      weights: section?.weights ?? new Map(),
      dense: section?.dense ?? {},
    });
  };
  return Object.freeze({ zh: load('zh'), en: load('en') });
}
