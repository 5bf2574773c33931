import type { LatinLanguageGuesser } from './detect-language.js';

/** Function words per language code, as loaded from `lexicons/lang/function-words.tsv`. */
export type FunctionWords = ReadonlyMap<string, ReadonlySet<string>>;

const WORD = /[\p{L}']+/gu;

/**
 * Guesses the language of Latin-script text by counting function words per language. English wins
 * ties and texts with no function word at all: koubei analyses English, and short brand chatter
 * ("FreshBee 🔥") should not be thrown away as "other". A few KB of data instead of a 150–200 MB
 * n-gram model.
 *
 * @example createLatinGuesser(words)('Das ist wirklich sehr gut'); // 'de'
 */
export function createLatinGuesser(words: FunctionWords): LatinLanguageGuesser {
  const languages = [...words.entries()];
  return (text) => {
    const counts = new Map<string, number>();
    for (const match of text.toLowerCase().matchAll(WORD)) {
      const word = match[0].replace(/’/g, "'");
      for (const [lang, set] of languages) if (set.has(word)) counts.set(lang, (counts.get(lang) ?? 0) + 1);
    }
    let best = 'en';
    let bestCount = counts.get('en') ?? 0;
    for (const [lang, count] of counts) if (count > bestCount) (best = lang), (bestCount = count);
    return best;
  };
}
