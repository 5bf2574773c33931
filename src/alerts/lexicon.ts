import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTermList, type CrisisLexicon } from '../analytics/alerts/crisis-terms.js';
import { loadChineseConverter } from '../resources/language.js';
import { LEXICON_DIR } from '../resources/paths.js';

/**
 * Reads `lexicons/crisis/{zh,en}.txt` once (at start-up) into a frozen lexicon. Posts are matched in
 * simplified script, so a Chinese term written in traditional characters is kept in simplified form.
 *
 * @example
 * const lexicon = loadCrisisLexicon();
 */
export function loadCrisisLexicon(dir: string = join(LEXICON_DIR, 'crisis')): CrisisLexicon {
  const read = (lang: 'zh' | 'en') => parseTermList(readFileSync(join(dir, `${lang}.txt`), 'utf8'));
  const simplify = loadChineseConverter();
  return Object.freeze({ zh: Object.freeze([...new Set(read('zh').map(simplify))]), en: Object.freeze(read('en')) });
}
