/**
 * The aspect lexicon of one language, compiled once from `lexicons/aspects/<lang>.tsv` rows into
 * lookup maps so the component does only hash look-ups per token / character window.
 */

/** Category of terms that shadow a shorter aspect term and map to nothing (服务器 blocks 服务). */
export const BLOCKED_CATEGORY = '_none';

export interface AspectLexicon {
  lang: 'zh' | 'en';
  /**
   * Term → category. zh terms are simplified Chinese (matched on characters); en terms are
   * lower-case tokens joined by single spaces (matched on token n-grams). `''` = blocked.
   */
  terms: ReadonlyMap<string, string>;
  /** Terms with a kind (third TSV column); a term without one is a plain aspect term. */
  kinds: ReadonlyMap<string, AspectKind>;
  /** Longest term: characters for zh, tokens for en. */
  maxLength: number;
  /** en pre-filter: the first word of every term plus its plural forms (empty for zh). */
  prefixes: ReadonlySet<string>;
  /**
   * zh pre-filter: first char code → second char code → the length of the longest multi-character
   * term starting with those two (empty for en). A character window is sliced only when its first
   * two characters are here, and never longer than that length. Char codes, not strings: the
   * look-up then slices nothing.
   */
  pairs: ReadonlyMap<number, ReadonlyMap<number, number>>;
  /** zh: char codes of the single-character terms (贵, 慢), checked before a term look-up. */
  singles: ReadonlySet<number>;
  /** Words that end a clause (contrast words: 但是, 不过, but, however…); not part of either clause. */
  breaks: ReadonlySet<string>;
  /**
   * `cue` rows, kept apart from the terms: words that name no aspect but, anywhere in the post, let
   * the `context` terms of their category count (手机 or "phone" for 照片 or "photos").
   */
  cues?: AspectLexicon;
  /**
   * `brand` rows, kept apart from the terms (a word may also be a term: "slow" is performance):
   * slowness and lateness words that give their category about a brand whose name holds a term of
   * it, in their own clause (慢 in 鲜蜂外卖太慢了, whose 外卖 is delivery).
   */
  brandWords?: AspectLexicon;
}

/**
 * What a term does besides naming its category (third TSV column):
 * - `implied`: an opinion word implying the category (便宜 → price); it counts only in a clause
 *   that names no plain term.
 * - `context`: a word with a common other sense (曝光 "expose" a scandal / "exposure" of a photo,
 *   "photos" of a menu); it counts only when the post names another term of its category, or a
 *   `cue` of it (手机, "phone").
 * - `masked`: a topic named with a praise word (食品安全 "food *safety*", "support"); its clause is
 *   scored without it, so "食品安全不是小事" or "support is unreachable" is not read as praise.
 */
export type AspectKind = 'implied' | 'context' | 'masked';

/** A row's kind (third TSV column): a term's kind, or `cue` / `brand` for the words kept apart (see `AspectLexicon`). */
export type AspectRowKind = AspectKind | 'cue' | 'brand';

/** One lexicon row: the category and the term as written in the TSV. */
export interface AspectRow {
  category: string;
  term: string;
  kind?: AspectRowKind;
}

const CATEGORY = /^(?:[a-z][a-z0-9_]*|_none)$/;

/**
 * Builds the frozen lexicon of one language. Throws on a malformed category or a term listed
 * under two categories, so a lexicon edit fails at start-up rather than mislabelling silently.
 *
 * @example
 * compileAspectLexicon('en', [{ category: 'battery', term: 'battery life' }], ['but']).maxLength; // 2
 */
export function compileAspectLexicon(lang: 'zh' | 'en', rows: readonly AspectRow[], breaks: Iterable<string>): AspectLexicon {
  const terms = new Map<string, string>();
  const kinds = new Map<string, AspectKind>();
  let maxLength = 1;
  for (const { category, term: raw, kind } of rows) {
    if (kind === 'cue' || kind === 'brand') continue;
    if (!CATEGORY.test(category)) {
      throw new Error(`aspects(${lang}): expected a snake_case category or "${BLOCKED_CATEGORY}", found "${category}"`);
    }
    const term = lang === 'en' ? raw.toLowerCase().trim().split(/\s+/).join(' ') : raw.trim();
    if (term === '') throw new Error(`aspects(${lang}): empty term under "${category}"`);
    const mapped = category === BLOCKED_CATEGORY ? '' : category;
    const previous = terms.get(term);
    if (previous !== undefined && previous !== mapped) {
      throw new Error(`aspects(${lang}): term "${term}" is listed under both "${previous || BLOCKED_CATEGORY}" and "${category}"`);
    }
    terms.set(term, mapped);
    if (kind) kinds.set(term, kind);
    maxLength = Math.max(maxLength, lang === 'en' ? term.split(' ').length : term.length);
  }
  const breakSet = new Set<string>();
  for (const word of breaks) breakSet.add(lang === 'en' ? word.toLowerCase() : word);
  const prefixes = lang === 'en' ? enPrefixes(terms.keys()) : new Set<string>();
  const { pairs, singles } = lang === 'zh' ? zhPrefixes(terms.keys()) : { pairs: new Map(), singles: new Set<number>() };
  const cues = apart(lang, rows, 'cue');
  const brandWords = apart(lang, rows, 'brand');
  return Object.freeze({ lang, terms, kinds, maxLength, prefixes, pairs, singles, breaks: breakSet, cues, brandWords });
}

/** The rows of `kind` as a lexicon of their own, so that a word may be one of them and a term too; none without rows. */
function apart(lang: 'zh' | 'en', rows: readonly AspectRow[], kind: 'cue' | 'brand'): AspectLexicon | undefined {
  const own = rows.filter((row) => row.kind === kind).map(({ category, term }) => ({ category, term }));
  return own.length === 0 ? undefined : compileAspectLexicon(lang, own, []);
}

function enPrefixes(terms: Iterable<string>): Set<string> {
  const prefixes = new Set<string>();
  for (const term of terms) {
    const first = term.split(' ', 1)[0];
    prefixes.add(first);
    prefixes.add(first + 's');
    prefixes.add(first + 'es');
    if (first.endsWith('y')) prefixes.add(first.slice(0, -1) + 'ies');
  }
  return prefixes;
}

function zhPrefixes(terms: Iterable<string>): { pairs: Map<number, Map<number, number>>; singles: Set<number> } {
  const pairs = new Map<number, Map<number, number>>();
  const singles = new Set<number>();
  for (const term of terms) {
    if (term.length === 1) {
      singles.add(term.charCodeAt(0));
      continue;
    }
    const first = term.charCodeAt(0);
    const second = term.charCodeAt(1);
    const next = pairs.get(first) ?? new Map<number, number>();
    next.set(second, Math.max(next.get(second) ?? 0, term.length));
    pairs.set(first, next);
  }
  return { pairs, singles };
}
