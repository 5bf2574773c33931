import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ContrastKind, SentimentLexicon, SentimentModel } from '../pipeline/sentiment/types.js';
import { DEFAULT_FEATURES } from '../pipeline/sentiment/hashed.js';
import { decodeSection, emptyLinear, type HashedLinear, type PackedHeader } from '../pipeline/sentiment/packed.js';
import { NEUTRALITY_DENSE, POLARITY_DENSE } from '../pipeline/sentiment/features.js';
import { gateFromParams } from '../pipeline/sentiment/gate.js';
import { EMOTION_DENSE } from '../pipeline/emotion/scorer.js';
import type { EmotionModel } from '../pipeline/emotion/types.js';
import { LEXICON_DIR, MODEL_DIR } from './paths.js';

/**
 * Loads the curated lexicons (`lexicons/`) and learned weights (`models/`) of the sentiment and
 * emotion engines once at start-up. Lexicon files are TSV (`entry<TAB>value…`, `#` comments);
 * model files use the packed koubei linear-model format (`<name>.json` header + `<name>.bin`)
 * documented in `lexicons/README.md`; each becomes one Float32Array of hashed weights.
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
    unnegated: new Set(readTsv(join(dir, 'unnegated.txt')).map((row) => row[0])),
    negationStops: new Set(readTsv(join(dir, 'negation-stops.txt')).map((row) => row[0])),
    degree: numberMap(readTsv(join(dir, 'degree.tsv'))),
    contrast,
    emoji,
    bracketEmoticons,
    sarcasm: numberMap(readTsv(join(dir, 'sarcasm.tsv'))),
  });
}

/** Reads `<dir>/<name>.json` + `.bin` (the packed format of `packed.ts`); null when missing. */
export function readPackedModel(dir: string, name: string): { header: PackedHeader; bin: Uint8Array } | null {
  const json = join(dir, `${name}.json`);
  const binFile = join(dir, `${name}.bin`);
  if (!existsSync(json) || !existsSync(binFile)) return null;
  const header = JSON.parse(readFileSync(json, 'utf8')) as PackedHeader;
  if (header.format !== 'koubei-linear/2') throw new Error(`model ${name}: unknown format "${header.format}"`);
  return { header, bin: new Uint8Array(readFileSync(binFile)) };
}

/** Decodes a section with its dense weights re-ordered to `denseKeys` (missing keys weigh 0). */
function section(model: { header: PackedHeader; bin: Uint8Array }, name: string, denseKeys: readonly string[]): HashedLinear | null {
  const header = model.header.sections[name];
  if (!header) return null;
  const dense: Record<string, number[]> = {};
  for (const key of denseKeys) dense[key] = header.dense[key] ?? header.labels.map(() => 0);
  return decodeSection({ ...header, dense }, model.bin);
}

/** Loads lexicon + learned models of one language; a missing model file yields rules only. */
export function loadSentimentModel(lang: 'zh' | 'en', options: SentimentResourceOptions = {}): SentimentModel {
  const packed = readPackedModel(options.modelDir ?? MODEL_DIR, `sentiment-${lang}`);
  const polarity = packed ? section(packed, 'polarity', POLARITY_DENSE) : null;
  const neutrality = packed ? section(packed, 'neutrality', NEUTRALITY_DENSE) : null;
  return Object.freeze({
    lexicon: loadLexicon(lang, options.lexiconDir),
    features: packed?.header.features ?? DEFAULT_FEATURES,
    polarity: polarity ?? emptyLinear(['pos'], 1, [0], POLARITY_DENSE, { rule: [4] }),
    neutrality: neutrality ?? emptyLinear(['neu'], 1, [2], NEUTRALITY_DENSE, { evidence: [-6] }),
    gate: gateFromParams(neutrality?.params ?? {}),
  });
}

/** Loads the zh and en sentiment models. */
export function loadSentimentResources(options: SentimentResourceOptions = {}): SentimentResources {
  return Object.freeze({ zh: loadSentimentModel('zh', options), en: loadSentimentModel('en', options) });
}

/** Loads the zh and en emotion models (cue lexicon + learned weights). */
export function loadEmotionResources(options: SentimentResourceOptions = {}): EmotionResources {
  const load = (lang: 'zh' | 'en'): EmotionModel => {
    const packed = readPackedModel(options.modelDir ?? MODEL_DIR, `emotion-${lang}`);
    const model = packed ? section(packed, 'emotion', EMOTION_DENSE) : null;
    const cues = new Map<string, string>();
    const lexiconDir = options.lexiconDir ?? LEXICON_DIR;
    for (const [word, emotion] of readTsv(join(lexiconDir, lang, 'emotion.tsv'))) cues.set(word, emotion);
    for (const file of [join(lexiconDir, 'emoji.tsv'), join(lexiconDir, lang, 'emoticons.tsv')]) {
      for (const row of readTsv(file)) if (row[2] && row[2] !== 'neutral') cues.set(row[0], row[2]);
    }
    return Object.freeze({
      lang,
      cues,
      features: packed?.header.features ?? DEFAULT_FEATURES,
      model,
      neutralThreshold: model?.params.neutralThreshold ?? 0,
    });
  };
  return Object.freeze({ zh: load('zh'), en: load('en') });
}
