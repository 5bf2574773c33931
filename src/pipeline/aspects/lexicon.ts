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
  /** Opinion words that imply their category (便宜 → price); they count only in a clause without an explicit term. */
  implied: ReadonlySet<string>;
  /** Longest term: characters for zh, tokens for en. */
  maxLength: number;
  /**
   * Pre-filter: zh = first two characters of every multi-character term; en = first word of every
   * term plus its plural forms. A window whose start is not here is skipped without slicing.
   */
  prefixes: ReadonlySet<string>;
  /** Words that end a clause (contrast words: 但是, 不过, but, however…); not part of either clause. */
  breaks: ReadonlySet<string>;
}

/** One lexicon row: the category and the term as written in the TSV. */
export interface AspectRow {
  category: string;
  term: string;
  /** `true` for an opinion word that implies the aspect (third TSV column `implied`). */
  implied?: boolean;
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
  const implied = new Set<string>();
  let maxLength = 1;
  for (const { category, term: raw, implied: isImplied } of rows) {
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
    if (isImplied) implied.add(term);
    maxLength = Math.max(maxLength, lang === 'en' ? term.split(' ').length : term.length);
  }
  const prefixes = new Set<string>();
  for (const term of terms.keys()) {
    if (lang === 'zh') {
      if (term.length >= 2) prefixes.add(term.slice(0, 2));
      continue;
    }
    const first = term.split(' ', 1)[0];
    prefixes.add(first);
    prefixes.add(first + 's');
    prefixes.add(first + 'es');
    if (first.endsWith('y')) prefixes.add(first.slice(0, -1) + 'ies');
  }
  const breakSet = new Set<string>();
  for (const word of breaks) breakSet.add(lang === 'en' ? word.toLowerCase() : word);
  return Object.freeze({ lang, terms, implied, maxLength, prefixes, breaks: breakSet });
}
