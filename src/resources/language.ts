import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import type { LatinLanguageGuesser } from '../pipeline/components/detect-language.js';
import { createLatinGuesser, type FunctionWords } from '../pipeline/components/latin-guesser.js';
import type { ChineseConverter } from '../pipeline/components/to-simplified.js';
import { LEXICON_DIR } from './paths.js';

/** Reads `lexicons/lang/function-words.tsv` (`lang<TAB>words…`). */
export function loadFunctionWords(file = join(LEXICON_DIR, 'lang', 'function-words.tsv')): FunctionWords {
  const table = new Map<string, Set<string>>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [lang, words = ''] = line.split('\t');
    table.set(lang.trim(), new Set(words.trim().split(/\s+/)));
  }
  return table;
}

/**
 * Guesser for Latin-script text (Chinese, Japanese and Korean are decided by script first).
 * Function-word counts, see ADR 0003: eld's smallest model alone costs ~150 MB of RSS.
 */
export async function loadLatinGuesser(): Promise<LatinLanguageGuesser> {
  return createLatinGuesser(loadFunctionWords());
}

/** Traditional (Taiwan/Hong Kong variants included) → mainland simplified, via opencc-js. */
export function loadChineseConverter(): ChineseConverter {
  const toCn = OpenCC.Converter({ from: 'hk', to: 'cn' });
  return (text) => toCn(text);
}
