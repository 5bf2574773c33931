/** A range [start, end): characters of a zh text, or token indexes of an en post. */
export type NameRange = readonly [number, number];

/**
 * Brand names and aliases, which aspect matching looks through: a term inside a name (外卖 in
 * 鲜蜂外卖, tea in "Honey Tea") names the brand, not an opinion on delivery or taste. The runtime
 * sets them at start and on every brand change, as it teaches jieba the names; without names
 * (scripts, tests) nothing is skipped. A latin name is also found with its words joined by a space,
 * a hyphen, an underscore or nothing (Pizza Hut, Pizza-Hut, pizza_hut, PizzaHut); its words are
 * those it separates, and a capital after a small letter or digit starts a word (PizzaHut).
 */
export interface AspectNames {
  set(names: readonly string[]): void;
  /** Where the names occur in a lower-cased zh text. */
  zh(lowered: string): NameRange[];
  /** Where the names occur in an en post's (lower-case) tokens. */
  en(tokens: readonly string[]): NameRange[];
}

/** A name made only of latin letters and digits, in words separated by spaces, hyphens or underscores. */
const LATIN_NAME = /^[\p{Script=Latin}\p{N}]+(?:[ _-]+[\p{Script=Latin}\p{N}]+)*$/u;
/** Where a capital follows a small letter or digit: a word break in a name written without spaces (PizzaHut). */
const CAPITAL = /(?<=[\p{Ll}\p{N}])(?=\p{Lu})/u;
/** What a text may put between two words of a latin name. */
const SEPARATORS = [' ', '-', '_', ''];
/** Up to this many words every mix of separators is spelled out (64 spellings); a longer name keeps one separator throughout. */
const MIXED_UP_TO = 4;

/**
 * zh look-up: the names (each spelling) by their first char code, and a flag per char code that
 * starts one, read before the map: most characters of a text start no name.
 */
interface ZhIndex {
  starts: Uint8Array;
  byFirst: Map<number, string[]>;
}

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
  let zhNames: ZhIndex | undefined;
  let enNames: EnIndex = new Map();
  return {
    set(names) {
      const spellings = names.flatMap((name) => zhSpellings(name, simplify));
      zhNames = spellings.length === 0 ? undefined : byFirstChar(spellings);
      enNames = byFirstPiece(names.map((name) => enWords(name, tokenizeEn)));
    },
    zh: (lowered) => (zhNames === undefined ? [] : occurrences(lowered, zhNames)),
    en: (tokens) => (enNames.size === 0 ? [] : tokenRanges(tokens, enNames)),
  };
}

/**
 * How a name may be written in a lower-cased zh text: a latin name with each separator variant
 * spelled out, here and not while scanning (looking up the words of latin names at each character
 * as well made the scan 8 % slower); any other name simplified, as written.
 */
function zhSpellings(name: string, simplify: (text: string) => string): string[] {
  const trimmed = name.trim();
  if (!LATIN_NAME.test(trimmed)) return trimmed === '' ? [] : [simplify(trimmed).toLowerCase()];
  const words = trimmed.split(/[ _-]+/).flatMap((word) => word.split(CAPITAL)).map((word) => word.toLowerCase());
  if (words.length > MIXED_UP_TO) return SEPARATORS.map((separator) => words.join(separator));
  return words.slice(1).reduce((spelled, word) => spelled.flatMap((head) => SEPARATORS.map((separator) => head + separator + word)), [words[0]]);
}

/** A name's tokens as the en segmenter gives them, cut into words at capitals and inner hyphens. */
function enWords(name: string, tokenizeEn: (text: string) => string[]): string[] {
  return tokenizeEn(name.trim().split(CAPITAL).join(' ')).flatMap((token) => token.split('-')).filter(Boolean);
}

/**
 * Every place a name starts in `text`, in one pass: only the names sharing the character at a
 * position are compared (one indexOf per name and post cost 65 µs a post with 600 names).
 */
function occurrences(text: string, index: ZhIndex): NameRange[] {
  const ranges: NameRange[] = [];
  for (let at = 0; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (index.starts[c] === 0) continue;
    for (const name of index.byFirst.get(c)!) if (text.startsWith(name, at)) ranges.push([at, at + name.length]);
  }
  return ranges;
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

function byFirstChar(names: string[]): ZhIndex {
  const index: ZhIndex = { starts: new Uint8Array(0x10000), byFirst: new Map() };
  for (const name of new Set(names)) {
    const first = name.charCodeAt(0);
    index.starts[first] = 1;
    index.byFirst.set(first, [...(index.byFirst.get(first) ?? []), name]);
  }
  return index;
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
      index.set(piece, [...(index.get(piece) ?? []), { words, taken }]);
    }
  }
  return index;
}
