import { findZhNames, indexZhNames, type ZhName, type ZhNameIndex } from './zh-names.js';

/** A range [start, end): characters of a zh text, or token indexes of an en post. */
export type NameRange = readonly [number, number];

/**
 * Brand names and aliases, which aspect matching looks through: a term inside a name (外卖 in
 * 鲜蜂外卖, tea in "Honey Tea") names the brand, not an opinion on delivery or taste. The runtime
 * sets them at start and on every brand change, as it teaches jieba the names; without names
 * (scripts, tests) nothing is skipped. A latin name whose words the configuration separates with
 * spaces, hyphens or underscores is also found with its words joined by one of those or by nothing
 * (Pizza Hut, Pizza-Hut, pizza_hut, PizzaHut). A name written as one word is found only as one
 * word, whatever its capitals: GoodFood must not take the words of "really good food", which would
 * lose their aspect and their sentiment.
 */
export interface AspectNames {
  set(names: readonly string[]): void;
  /** Where the names occur in a lower-cased zh text; `original` (same length, before lower-casing) tells where capitals start a latin word. */
  zh(lowered: string, original?: string): NameRange[];
  /** Where the names occur in an en post's (lower-case) tokens. */
  en(tokens: readonly string[]): NameRange[];
}

/** A name made only of latin letters and digits, in words separated by spaces, hyphens or underscores. */
const LATIN_NAME = /^[\p{Script=Latin}\p{N}]+(?:[ _-]+[\p{Script=Latin}\p{N}]+)*$/u;
const NO_BREAKS: ReadonlySet<number> = new Set();

/** An en name's first piece (its first words run together, as in the token "pizzahut" or "pizza-hut") → the names and how many words it holds. */
type EnIndex = Map<string, Array<{ words: readonly string[]; taken: number }>>;

/**
 * @param tokenizeEn the en segmenter, so a name is looked for as posts are tokenised
 * @param simplify traditional → simplified, as aspect matching reads the simplified text (鮮蜂外賣 → 鲜蜂外卖)
 * @example
 * const names = createAspectNames(segmenters.en, convertChinese);
 * names.set(['鲜蜂外卖', 'Honey Tea']);
 * names.zh('鲜蜂外卖太慢了'); // [[0, 4]]
 * names.zh('honey-tea太甜'); // [[0, 9]]
 * names.en(['honey', 'tea', 'is', 'sweet']); // [[0, 2]]
 * names.en(['honeytea', 'is', 'sweet']); // [[0, 1]]
 */
export function createAspectNames(tokenizeEn: (text: string) => string[], simplify: (text: string) => string = (text) => text): AspectNames {
  let zhNames: ZhNameIndex | undefined;
  let enNames: EnIndex = new Map();
  return {
    set(names) {
      zhNames = indexZhNames(names.flatMap((name) => zhName(name, simplify)));
      enNames = byFirstPiece(names.map((name) => enWords(name, tokenizeEn)));
    },
    zh: (lowered, original) => (zhNames === undefined ? [] : findZhNames(lowered, zhNames, original)),
    en: (tokens) => (enNames.size === 0 ? [] : tokenRanges(tokens, enNames)),
  };
}

/**
 * How a name is looked for in a lower-cased zh text: a latin name with its words run together and
 * a break between each two, where the text may put a separator; any other name simplified, as written.
 */
function zhName(name: string, simplify: (text: string) => string): ZhName[] {
  const trimmed = name.trim();
  if (trimmed === '') return [];
  if (!LATIN_NAME.test(trimmed)) return [{ chars: simplify(trimmed).toLowerCase(), breaks: NO_BREAKS }];
  const words = trimmed.toLowerCase().split(/[ _-]+/);
  const breaks = new Set<number>();
  let at = 0;
  for (const word of words.slice(0, -1)) breaks.add((at += word.length));
  return [{ chars: words.join(''), breaks }];
}

/** A name's tokens as the en segmenter gives them, cut into words at inner hyphens (not at capitals: GoodFood is one word). */
function enWords(name: string, tokenizeEn: (text: string) => string[]): string[] {
  return tokenizeEn(name.trim()).flatMap((token) => token.split('-')).filter(Boolean);
}

/**
 * The token ranges holding a name. A token may hold several words of a name, run together or
 * hyphenated ("pizzahut", "pizza-hut"), so the first piece of each token (up to a hyphen) is looked
 * up, and a name found there must take up whole tokens.
 */
function tokenRanges(tokens: readonly string[], index: EnIndex): NameRange[] {
  const ranges: NameRange[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const dash = tokens[i].indexOf('-');
    const names = index.get(dash < 0 ? tokens[i] : tokens[i].slice(0, dash));
    if (names === undefined) continue;
    for (const { words, taken } of names) {
      const end = nameEnd(tokens, i, dash, words, taken);
      if (end > 0) ranges.push([i, end]);
    }
  }
  return ranges;
}

/** The token after the name whose first `taken` words token `i` starts with, or -1 when the rest does not follow. */
function nameEnd(tokens: readonly string[], i: number, dash: number, words: readonly string[], taken: number): number {
  let next = dash < 0 ? taken : takePieces(tokens[i].slice(dash + 1), words, taken);
  for (let t = i + 1; next >= 0; t++) {
    if (next === words.length) return t;
    if (t === tokens.length) return -1;
    next = takePieces(tokens[t], words, next);
  }
  return -1;
}

/** `takeWords` over the hyphenated pieces of a token; most tokens are one piece and are not split. */
function takePieces(token: string, words: readonly string[], from: number): number {
  if (token.indexOf('-') < 0) return takeWords(token, words, from);
  let next = from;
  for (const piece of token.split('-')) if ((next = takeWords(piece, words, next)) < 0) return -1;
  return next;
}

/** The index of the first word after those `piece` spells out from `from` on, or -1 when it spells out no whole words. */
function takeWords(piece: string, words: readonly string[], from: number): number {
  let at = 0;
  let next = from;
  while (at < piece.length && next < words.length && piece.startsWith(words[next], at)) at += words[next++].length;
  return at === piece.length ? next : -1;
}

/** Indexes each name under its first word, its first two words run together, and so on (each name once). */
function byFirstPiece(names: string[][]): EnIndex {
  const index: EnIndex = new Map();
  const seen = new Set<string>();
  for (const words of names) {
    const key = words.join(' ');
    if (words.length === 0 || seen.has(key)) continue;
    seen.add(key);
    let piece = '';
    for (let taken = 1; taken <= words.length; taken++) {
      piece += words[taken - 1];
      const listed = index.get(piece);
      if (listed === undefined) index.set(piece, [{ words, taken }]);
      else listed.push({ words, taken });
    }
  }
  return index;
}
