import type { Clause } from './clauses.js';
import type { AspectMatch } from './match.js';

/** The text and tokens a clause is scored on. */
interface ClauseInput {
  simplified: string;
  tokens: string[];
}

/**
 * The clause without the given aspect terms, for scoring: a term that names the topic must not
 * vote on its own polarity (食品安全 "food *safety*" reads positive to the learned model, so
 * "食品安全不是小事" came out pos in a food-poisoning post). `lowered` is the text the matches and
 * tokens were aligned on; zh matches count characters, en matches count tokens.
 *
 * @example
 * maskTerms(text, text, tokens, clause, [match of 食品安全], 'zh');
 * // clause 食品安全不是小事, → { simplified: '不是小事,', tokens: ['不是', '小事', ','] }
 */
export function maskTerms(text: string, lowered: string, tokens: readonly string[], span: Clause, terms: readonly AspectMatch[], lang: 'zh' | 'en'): ClauseInput {
  const cut: Array<[number, number]> = lang === 'zh' ? terms.map((m) => [m.start, m.start + m.length]) : [];
  const kept: string[] = [];
  let cursor = span.start;
  for (let i = span.from; i < span.to; i++) {
    const at = lowered.indexOf(tokens[i], cursor);
    const start = at >= 0 ? at : cursor;
    cursor = at >= 0 ? at + tokens[i].length : cursor;
    // zh: a token inside a term goes; one the term only touches (性价 of 性价比 is inside, 超高 is not) stays.
    const masked = terms.some((m) => (lang === 'en' ? i >= m.start && i < m.start + m.length : start >= m.start && cursor <= m.start + m.length));
    if (!masked) kept.push(tokens[i]);
    else if (lang === 'en') cut.push([start, cursor]);
  }
  return { simplified: cutRanges(text, span.start, span.end, cut), tokens: kept };
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
