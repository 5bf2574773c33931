import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { createZhSegmenter } from '../pipeline/segmenters/zh-jieba.js';
import { createEnSegmenter } from '../pipeline/segmenters/en-natural.js';
import type { Segmenters } from '../pipeline/components/segment.js';
import { LEXICON_DIR } from './paths.js';

export interface SegmenterOptions {
  /** Extra words (brand names, slang) added to jieba's dictionary, one per line: `word [freq] [tag]`. */
  userDictFiles?: string[];
  /** Extra words given directly, e.g. brand names from config. */
  extraWords?: string[];
}

/** Default user dictionary shipped in `lexicons/zh/user-dict.txt`. */
export const DEFAULT_USER_DICT = join(LEXICON_DIR, 'zh', 'user-dict.txt');

/** The segmenters plus a way to teach jieba words that appear later (brands added through the API). */
export interface LoadedSegmenters extends Segmenters {
  /** Adds words to jieba's dictionary (a word already there is kept; blank ones are ignored). */
  addWords(words: readonly string[]): void;
  /** Whether jieba's dictionary (with the user dictionary and added words) has `word`. */
  knowsZh(word: string): boolean;
}

/** Answers kept by `knowsZh` before the cache starts over (a few MB at most). */
const KNOWN_CACHE_SIZE = 50_000;

/**
 * Loads jieba's dictionary plus the project's user dictionary once and returns both segmenters.
 * Call at start-up; the segmenters are pure functions until `addWords` extends the dictionary.
 */
export function loadSegmenters(options: SegmenterOptions = {}): LoadedSegmenters {
  const jieba = Jieba.withDict(dict);
  const files = options.userDictFiles ?? [DEFAULT_USER_DICT];
  const lines = files.filter((file) => existsSync(file)).map((file) => readFileSync(file, 'utf8'));
  // One joined string, not a spread: a spread of many words overflows the call stack.
  lines.push(dictLines(options.extraWords ?? []).join('\n'));
  const userDict = lines.join('\n').trim();
  if (userDict) jieba.loadDict(new TextEncoder().encode(`${userDict}\n`));
  const known = new Map<string, boolean>();
  return {
    zh: createZhSegmenter(jieba),
    en: createEnSegmenter(),
    addWords: (words) => {
      const added = dictLines(words);
      if (added.length === 0) return;
      jieba.loadDict(new TextEncoder().encode(`${added.join('\n')}\n`));
      known.clear();
    },
    knowsZh: (word) => {
      let answer = known.get(word);
      if (answer === undefined) {
        // cutAll lists every dictionary word inside `word`; a plain cut would split a rare dictionary
        // word (上个, 一过) whenever its pieces are more frequent.
        answer = jieba.cutAll(word).includes(word);
        if (known.size >= KNOWN_CACHE_SIZE) known.clear();
        known.set(word, answer);
      }
      return answer;
    },
  };
}

/** jieba dictionary lines for brand names: spaces removed, a high frequency so they stay whole. */
function dictLines(words: readonly string[]): string[] {
  return words.map((word) => word.replace(/\s+/g, '')).filter(Boolean).map((word) => `${word} 2000 nz`);
}
