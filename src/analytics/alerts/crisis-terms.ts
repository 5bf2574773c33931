import type { Thresholds } from './rules.js';
import type { AlertMention, Severity } from './types.js';

/** Crisis words per language, as loaded from `lexicons/crisis/{zh,en}.txt`. */
export interface CrisisLexicon {
  zh: readonly string[];
  en: readonly string[];
}

/** One compiled matcher: the term as listed and its pattern. */
interface TermPattern {
  term: string;
  pattern: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles the lexicon once. Chinese terms match as substrings (no word spaces); English ones on
 * word boundaries and case-insensitively; pure numbers such as `315` must not be part of a longer
 * number, so "3150 元" is not a complaint but "12315" is listed on its own.
 */
export function compileCrisisLexicon(lexicon: CrisisLexicon): TermPattern[] {
  const zh = lexicon.zh.map((term) => ({
    term,
    pattern: /^\d+$/.test(term) ? new RegExp(`(?<!\\d)${term}(?!\\d)`) : new RegExp(escape(term)),
  }));
  const en = lexicon.en.map((term) => ({
    term,
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escape(term).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'iu'),
  }));
  return [...zh, ...en];
}

/** Parses a lexicon file: one term per line, `#` starts a comment, blank lines ignored. */
export function parseTermList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

/** The crisis terms found in a text, in lexicon order. */
export function matchCrisisTerms(text: string, patterns: TermPattern[]): string[] {
  return patterns.filter((p) => p.pattern.test(text)).map((p) => p.term);
}

export interface CrisisResult {
  fired: boolean;
  /** Negative, non-repost mentions with at least one crisis term. */
  count: number;
  /** Term → number of such mentions, most frequent first. */
  terms: [string, number][];
  mentionIds: number[];
  severity: Severity;
}

/**
 * Crisis terms: negative mentions in the recent window that contain a crisis word. Reposts are
 * evidence but do not count twice; `minCount` such mentions are needed. A positive post that says
 * "no food poisoning here, great!" is ignored because sentiment must be negative.
 *
 * @example
 * detectCrisisTerms(mentions, compileCrisisLexicon(lexicon), DEFAULT_THRESHOLDS).fired;
 */
export function detectCrisisTerms(mentions: AlertMention[], patterns: TermPattern[], t: Thresholds): CrisisResult {
  const counts = new Map<string, number>();
  const ids: number[] = [];
  let count = 0;
  for (const mention of mentions) {
    if (mention.sentiment !== 'neg') continue;
    const found = matchCrisisTerms(mention.simplified, patterns);
    if (!found.length) continue;
    ids.push(mention.id);
    if (mention.duplicateOf !== null) continue;
    count += 1;
    for (const term of found) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const terms = [...counts].sort((a, b) => b[1] - a[1]);
  const severity: Severity = count >= 3 * t.minCount ? 'critical' : 'warning';
  return { fired: count >= t.minCount, count, terms, mentionIds: ids, severity };
}
