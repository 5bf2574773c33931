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

/**
 * Loads jieba's dictionary plus the project's user dictionary once and returns both segmenters.
 * Call at start-up only; the returned functions are pure.
 */
export function loadSegmenters(options: SegmenterOptions = {}): Segmenters {
  const jieba = Jieba.withDict(dict);
  const files = options.userDictFiles ?? [DEFAULT_USER_DICT];
  const lines = files.filter((file) => existsSync(file)).map((file) => readFileSync(file, 'utf8'));
  for (const word of options.extraWords ?? []) lines.push(`${word.replace(/\s+/g, '')} 2000 nz`);
  const userDict = lines.join('\n').trim();
  if (userDict) jieba.loadDict(new TextEncoder().encode(`${userDict}\n`));
  return { zh: createZhSegmenter(jieba), en: createEnSegmenter() };
}
