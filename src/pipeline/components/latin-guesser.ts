import type { LatinLanguageGuesser } from './detect-language.js';

/** Function words per language code, as loaded from `lexicons/lang/function-words.tsv`. */
export type FunctionWords = ReadonlyMap<string, ReadonlySet<string>>;

/** Letters and apostrophes, straight or curly (phones type ’: "don’t" is one word, like "don't"). */
const WORD = /[\p{L}'’]+/gu;

/**
 * Guesses the language of Latin-script text by counting function words per language. English wins
 * ties and texts with no function word at all: koubei analyses English, and short brand chatter
 * ("FreshBee 🔥") should not be thrown away as "other". A few KB of data instead of a 150–200 MB
 * n-gram model.
 *
 * @example createLatinGuesser(words)('Das ist wirklich sehr gut'); // 'de'
 */
export function createLatinGuesser(words: FunctionWords): LatinLanguageGuesser {
  const languagesOf = languagesByWord(words);
  return (text) => {
    const counts = new Map<string, number>();
    for (const word of text.toLowerCase().match(WORD) ?? []) {
      const languages = languagesOf.get(word.includes('’') || word.includes("'") ? apostrophes(word) : word);
      if (languages === undefined) continue;
      for (const lang of languages) counts.set(lang, (counts.get(lang) ?? 0) + 1);
    }
    let best = 'en';
    let bestCount = counts.get('en') ?? 0;
    for (const [lang, count] of counts) if (count > bestCount) (best = lang), (bestCount = count);
    return best;
  };
}

/** One straight apostrophe inside a word ("don’t" → "don't"), none around it (‘the’ → the). */
function apostrophes(word: string): string {
  return word.replace(/’/g, "'").replace(/^'+|'+$/g, '');
}

/**
 * Function word → the languages listing it, in table order (the order counts are first set in,
 * which decides ties): one look-up per word of a text instead of one per language.
 */
function languagesByWord(words: FunctionWords): Map<string, string[]> {
  const byWord = new Map<string, string[]>();
  for (const [lang, set] of words) {
    for (const word of set) {
      const languages = byWord.get(word);
      if (languages) languages.push(lang);
      else byWord.set(word, [lang]);
    }
  }
  return byWord;
}
