import { join } from 'node:path';
import { compileAspectLexicon, type AspectRow, type AspectRowKind } from '../pipeline/aspects/lexicon.js';
import type { AspectLexicons } from '../pipeline/components/aspects.js';
import { readTsv } from './sentiment-model.js';
import { LEXICON_DIR } from './paths.js';

const KINDS = new Set<string>(['implied', 'context', 'masked', 'cue', 'brand'] satisfies AspectRowKind[]);

/**
 * Loads the aspect lexicons once at start-up: `lexicons/aspects/<lang>.tsv` (`category<TAB>term[<TAB>kind]`)
 * and the clause breaks (`lexicons/aspects/breaks.tsv` plus the sentiment contrast words of
 * `lexicons/<lang>/contrast.tsv`). Throws on a malformed row, naming the file and line content.
 *
 * @example
 * const aspects = loadAspectLexicons();
 * aspects.zh.terms.get('性价比'); // 'price'
 */
export function loadAspectLexicons(lexiconDir = LEXICON_DIR): AspectLexicons {
  const breakRows = readTsv(join(lexiconDir, 'aspects', 'breaks.tsv'));
  const load = (lang: 'zh' | 'en') => {
    const file = join(lexiconDir, 'aspects', `${lang}.tsv`);
    const rows: AspectRow[] = readTsv(file).map((row) => {
      if (row.length < 2 || row.length > 3 || (row.length === 3 && !KINDS.has(row[2]))) {
        throw new Error(`${file}: expected "category<TAB>term[<TAB>implied|context|masked|cue|brand]", found "${row.join('<TAB>')}"`);
      }
      return { category: row[0], term: row[1], kind: row[2] as AspectRowKind | undefined };
    });
    const breaks = [
      ...breakRows.filter((row) => row[0] === lang).map((row) => row[1]),
      ...readTsv(join(lexiconDir, lang, 'contrast.tsv')).map((row) => row[0]),
    ];
    return compileAspectLexicon(lang, rows, breaks);
  };
  return Object.freeze({ zh: load('zh'), en: load('en') });
}
