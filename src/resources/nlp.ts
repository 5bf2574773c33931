import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { idf as jiebaIdf } from '@node-rs/jieba/dict.js';
import type { Segmenters } from '../pipeline/components/segment.js';
import type { LatinLanguageGuesser } from '../pipeline/components/detect-language.js';
import type { ChineseConverter } from '../pipeline/components/to-simplified.js';
import type { KeywordResources } from '../pipeline/components/keywords.js';
import { loadSegmenters, type SegmenterOptions } from './segmenters.js';
import { loadChineseConverter, loadLatinGuesser } from './language.js';
import { loadEmotionResources, loadSentimentResources, type EmotionResources, type SentimentResources } from './sentiment-model.js';
import { LEXICON_DIR, MODEL_DIR } from './paths.js';
import { loadAspectLexicons } from './aspects.js';
import type { AspectLexicons } from '../pipeline/components/aspects.js';

/** Everything `createDefaultPipeline` needs, loaded once. */
export interface NlpResources {
  segmenters: Segmenters;
  guessLatin: LatinLanguageGuesser;
  convertChinese: ChineseConverter;
  sentiment: SentimentResources;
  emotion: EmotionResources;
  keywords: KeywordResources;
  aspects: AspectLexicons;
}

export interface NlpResourceOptions extends SegmenterOptions {
  lexiconDir?: string;
  modelDir?: string;
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

/** Parses jieba's "word idf" table. */
function loadIdf(): { idf: Map<string, number>; defaultIdf: number } {
  const idf = new Map<string, number>();
  const values: number[] = [];
  for (const line of new TextDecoder().decode(jiebaIdf).split('\n')) {
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
  return Object.freeze({
    segmenters: loadSegmenters(options),
    guessLatin: await loadLatinGuesser(),
    convertChinese: loadChineseConverter(),
    sentiment: loadSentimentResources({ lexiconDir, modelDir }),
    emotion: loadEmotionResources({ lexiconDir, modelDir }),
    keywords: Object.freeze({
      stopwords: {
        zh: readWordList(join(lexiconDir, 'zh', 'stopwords.txt')),
        en: readWordList(join(lexiconDir, 'en', 'stopwords.txt')),
      },
      idf,
      defaultIdf,
    }),
    aspects: loadAspectLexicons(lexiconDir),
  });
}
