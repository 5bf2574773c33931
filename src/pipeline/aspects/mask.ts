import type { Clause } from './clauses.js';
import type { AspectMatch } from './match.js';

/** The text and tokens a clause is scored on. */
interface ClauseInput {
  simplified: string;
  tokens: string[];
  /** The brand-name flags of the kept tokens (see `nameTokenMask`), when the post had any. */
  inName?: Uint8Array;
}

/** Where a clause's tokens are found and what the scorer reads; both count the clause's offsets. */
export interface MaskTexts {
  /** The text cut for the scorer. */
  text: string;
  /**
   * The text the tokens are found in: the lower-cased text for en, whose segmenter lower-cases
   * tokens, and `text` itself for zh, whose tokens keep their case (Pro in 食品安全Pro不行).
   */
  search: string;
}

/**
 * The texts `maskTerms` reads, for a post's `text` and the `lowered` text its clause offsets count
 * in (same length as `text` for zh). When lower-casing changed the length (İ → i̇), cutting the
 * original at lower-cased offsets would cut in the wrong place, so the scorer reads `lowered`.
 */
export function maskTexts(text: string, lowered: string, lang: 'zh' | 'en'): MaskTexts {
  return { text: lowered.length === text.length ? text : lowered, search: lang === 'en' ? lowered : text };
}

/**
 * The clause without the given aspect terms, for scoring: a term that names the topic must not
 * vote on its own polarity (食品安全 "food *safety*" reads positive to the learned model, so
 * "食品安全不是小事" came out pos in a food-poisoning post). zh matches count characters, en
 * matches count tokens. A zh token is masked only where it was found inside a term; an en token
 * by its index, and its text is cut only where it was found.
 *
 * @example
 * maskTerms(maskTexts(text, lowered, 'zh'), tokens, clause, [match of 食品安全], 'zh');
 * // clause 食品安全不是小事, → { simplified: '不是小事,', tokens: ['不是', '小事', ','] }
 */
export function maskTerms(
  texts: MaskTexts,
  tokens: readonly string[],
  span: Clause,
  terms: readonly AspectMatch[],
  lang: 'zh' | 'en',
  inName: Uint8Array | null = null,
): ClauseInput {
  const cut: Array<[number, number]> = lang === 'zh' ? terms.map((m) => [m.start, m.start + m.length]) : [];
  const kept: string[] = [];
  const keptInName: number[] = [];
  let cursor = span.start;
  for (let i = span.from; i < span.to; i++) {
    const at = texts.search.indexOf(tokens[i], cursor);
    const end = at + tokens[i].length;
    if (at >= 0) cursor = end;
    // zh: a token inside a term goes; one the term only touches (性价 of 性价比 is inside, 超高 is not) stays.
    const masked = terms.some((m) => (lang === 'en' ? i >= m.start && i < m.start + m.length : at >= m.start && end <= m.start + m.length));
    if (!masked) {
      kept.push(tokens[i]);
      if (inName) keptInName.push(inName[i]);
    } else if (lang === 'en' && at >= 0) cut.push([at, end]);
  }
  const simplified = cutRanges(texts.text, span.start, span.end, cut);
  return inName ? { simplified, tokens: kept, inName: Uint8Array.from(keptInName) } : { simplified, tokens: kept };
}

/** `text[start, end)` without the (possibly overlapping) ranges in `cut`. */
function cutRanges(text: string, start: number, end: number, cut: Array<[number, number]>): string {
  let out = '';
  let at = start;
  for (const [from, to] of [...cut].sort((a, b) => a[0] - b[0])) {
    if (from > at) out += text.slice(at, Math.min(from, end));
    at = Math.max(at, to);
  }
  return at < end ? out + text.slice(at, end) : out;
}
