import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTermList, type CrisisLexicon } from '../analytics/alerts/crisis-terms.js';
import { LEXICON_DIR } from '../resources/paths.js';

/**
 * Reads `lexicons/crisis/{zh,en}.txt` once (at start-up) into a frozen lexicon.
 *
 * @example
 * const lexicon = loadCrisisLexicon();
 */
export function loadCrisisLexicon(dir: string = join(LEXICON_DIR, 'crisis')): CrisisLexicon {
  const read = (lang: 'zh' | 'en') => Object.freeze(parseTermList(readFileSync(join(dir, `${lang}.txt`), 'utf8')));
  return Object.freeze({ zh: read('zh'), en: read('en') });
}
