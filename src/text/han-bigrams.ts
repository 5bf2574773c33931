const HAN_WORD = /^\p{Script=Han}{3,}$/u;

/**
 * The character bigrams of a Chinese word of three or more characters, in order; none for any other
 * word. Search indexes them after the word (`pipeline/search-tokens.ts`) and matches a long query
 * word as their phrase (`termPhrases`), so a word inside a longer one that jieba keeps whole is
 * found. Pairs of characters, not of UTF-16 units: rare Han characters are surrogate pairs.
 *
 * @example
 * hanBigrams('高性价比'); // ['高性', '性价', '价比']
 * hanBigrams('外卖');     // []
 */
export function hanBigrams(word: string): string[] {
  if (!HAN_WORD.test(word)) return [];
  const chars = Array.from(word);
  return chars.slice(1).map((char, i) => chars[i] + char);
}

/**
 * The phrases (words in order, space-separated) any of which finds `term` in the search index: the
 * term itself, and for a Chinese term of three or more characters the phrase of its bigrams, which
 * finds it inside a longer indexed word (性价比 in 高性价比). The term alone still finds posts indexed
 * before the index had bigrams.
 *
 * @example
 * termPhrases('性价比'); // ['性价比', '性价 价比']
 */
export function termPhrases(term: string): string[] {
  const bigrams = hanBigrams(term);
  return bigrams.length ? [term, bigrams.join(' ')] : [term];
}
