import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { idf as jiebaIdf } from '@node-rs/jieba/dict.js';
import type { LatinLanguageGuesser } from '../pipeline/components/detect-language.js';
import type { ChineseConverter } from '../pipeline/components/to-simplified.js';
import type { KeywordResources } from '../pipeline/components/keywords.js';
import { loadSegmenters, type LoadedSegmenters, type SegmenterOptions } from './segmenters.js';
import { loadChineseConverter, loadLatinGuesser } from './language.js';
import { loadEmotionResources, loadSentimentResources, readTsv, type EmotionResources, type SentimentResources } from './sentiment-model.js';
import { LEXICON_DIR, MODEL_DIR } from './paths.js';
import { fmix, hashString } from '../pipeline/sentiment/feature-hash.js';
import { loadAspectLexicons } from './aspects.js';
import type { AspectLexicons } from '../pipeline/components/aspects.js';
import { createAspectNames, type AspectNames } from '../pipeline/aspects/names.js';
import { latinSegmenter } from '../pipeline/components/segment.js';

/** Everything `createDefaultPipeline` needs, loaded once. */
export interface NlpResources {
  segmenters: LoadedSegmenters;
  guessLatin: LatinLanguageGuesser;
  convertChinese: ChineseConverter;
  sentiment: SentimentResources;
  emotion: EmotionResources;
  keywords: KeywordResources;
  aspects: AspectLexicons;
  /** Brand names aspect matching looks through; the runtime sets them from the brands. */
  aspectNames: AspectNames;
}

export interface NlpResourceOptions extends SegmenterOptions {
  lexiconDir?: string;
  modelDir?: string;
}

/** `char<TAB>head|tail` rows as the two character sets of `KeywordResources.zhFragmentChars`. */
function readFragmentChars(file: string): KeywordResources['zhFragmentChars'] {
  const rows = readTsv(file);
  const of = (kind: string): Set<string> => new Set(rows.filter((r) => r[1] === kind).map((r) => r[0]));
  return { heads: of('head'), tails: of('tail') };
}

/** Reads a one-word-per-line list (`#` comments allowed). */
export function readWordList(file: string): Set<string> {
  if (!existsSync(file)) return new Set();
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
}

/**
 * jieba's "word idf" table as an open-addressing hash table of 32-bit word hashes → float32 idf
 * (≈ 3 MB instead of a Map of ~350k strings). A foreign word colliding with a table word's 32-bit
 * hash would read that word's idf; at this table size that is about one word in 10^4 and only
 * shifts a keyword's rank.
 */
class PackedIdf {
  private readonly keys: Int32Array;
  private readonly values: Float32Array;
  private readonly mask: number;

  constructor(entries: number) {
    let size = 1;
    while (size < entries * 1.6) size <<= 1;
    this.keys = new Int32Array(size);
    this.values = new Float32Array(size).fill(Number.NaN);
    this.mask = size - 1;
  }

  set(word: string, value: number): void {
    const h = fmix(hashString(word));
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      if (Number.isNaN(this.values[i]) || this.keys[i] === h) {
        this.keys[i] = h;
        this.values[i] = value;
        return;
      }
    }
  }

  get(word: string): number | undefined {
    const h = fmix(hashString(word));
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.values[i];
      if (Number.isNaN(v)) return undefined;
      if (this.keys[i] === h) return v;
    }
  }
}

function loadIdf(): { idf: PackedIdf; defaultIdf: number } {
  const lines = new TextDecoder().decode(jiebaIdf).split('\n');
  const idf = new PackedIdf(lines.length);
  const values: number[] = [];
  for (const line of lines) {
    const space = line.lastIndexOf(' ');
    if (space <= 0) continue;
    const value = Number(line.slice(space + 1));
    if (!Number.isFinite(value)) continue;
    idf.set(line.slice(0, space), value);
    values.push(value);
  }
  values.sort((a, b) => a - b);
  return { idf, defaultIdf: values.length ? values[Math.floor(values.length / 2)] : 10 };
}

/**
 * Loads segmenters, the language guesser, the traditional→simplified converter, the sentiment
 * and emotion models, stopwords and jieba's idf once. Call at start-up and pass the result to
 * `createDefaultPipeline`.
 *
 * @example
 * const pipeline = createDefaultPipeline(await loadNlpResources());
 */
export async function loadNlpResources(options: NlpResourceOptions = {}): Promise<NlpResources> {
  const lexiconDir = options.lexiconDir ?? LEXICON_DIR;
  const modelDir = options.modelDir ?? MODEL_DIR;
  const { idf, defaultIdf } = loadIdf();
  const segmenters = loadSegmenters(options);
  const convertChinese = loadChineseConverter();
  return Object.freeze({
    segmenters,
    guessLatin: await loadLatinGuesser(),
    convertChinese,
    sentiment: loadSentimentResources({ lexiconDir, modelDir }),
    emotion: loadEmotionResources({ lexiconDir, modelDir }),
    keywords: Object.freeze({
      stopwords: {
        zh: readWordList(join(lexiconDir, 'zh', 'stopwords.txt')),
        en: readWordList(join(lexiconDir, 'en', 'stopwords.txt')),
      },
      idf,
      defaultIdf,
      zhFragmentChars: readFragmentChars(join(lexiconDir, 'zh', 'theme-fragment-chars.tsv')),
      knowsZh: segmenters.knowsZh,
    }),
    aspects: loadAspectLexicons(lexiconDir),
    aspectNames: createAspectNames(latinSegmenter(segmenters), convertChinese),
  });
}
