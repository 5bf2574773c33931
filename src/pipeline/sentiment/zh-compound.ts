import type { SentimentTerm } from '../../domain.js';
import type { SentimentLexicon } from './types.js';

/** Characters that negate the word they prefix in a jieba token ("不满意", "没意思"). */
const ZH_NEGATOR_CHARS = new Set(['不', '没', '无', '未']);
const NOT = '不'.charCodeAt(0);
const NOT_YET = '没'.charCodeAt(0);

/** How a zh token that is no lexicon word still holds one: a negated or intensified word jieba kept whole. */
export interface ZhCompound {
  /** The lexicon word inside (满意 in 不满意); the negation and degree are not applied yet. */
  word: string;
  weight: number;
  /** The negator character prefixed, or ''. */
  negator: string;
  /** The degree word prefixed, its multiplier (1 when none). */
  degreeWord: string;
  degree: number;
  /** The word ran on into the next token ("不难" | "吃" → 难吃): the caller skips that token. */
  joinsNext: boolean;
}

/**
 * Reads a zh token that holds a lexicon word behind a negator or a degree character: 不满意, 太差,
 * 不太好 (好, negated), or a negated word jieba split across two tokens (不难 | 吃 → 难吃, negated).
 * An A-not-A question (好不好, 值不值) asks rather than judges: undefined, as for any other token.
 *
 * @example
 * readZhCompound('不太好', undefined, zhLexicon); // { word: '好', weight: 1.5, negator: '不', degree: 1, … }
 */
export function readZhCompound(tok: string, next: string | undefined, lex: SentimentLexicon): ZhCompound | undefined {
  if (tok.length < 2 || isANotA(tok)) return undefined;
  const first = tok[0];
  const rest = tok.slice(1);
  const negator = ZH_NEGATOR_CHARS.has(first) ? first : '';
  const restWeight = lex.words.get(rest);
  if (restWeight !== undefined) {
    if (negator) return compound(rest, restWeight, negator, '', 1, false);
    const d = lex.degree.get(first);
    return d === undefined ? undefined : compound(rest, restWeight, '', first, d, false);
  }
  if (!negator) return undefined;
  if (tok.length === 2 && next !== undefined) {
    const joinedWeight = lex.words.get(rest + next);
    if (joinedWeight !== undefined) return compound(rest + next, joinedWeight, negator, '', 1, true);
  }
  // 不太好, 不很好: a degree word inside a negation softens it (不太好 is milder than 不好), so it is dropped.
  const word = rest.slice(1);
  const wordWeight = lex.degree.has(rest[0]) && word ? lex.words.get(word) : undefined;
  return wordWeight === undefined ? undefined : compound(word, wordWeight, negator, '', 1, false);
}

/** 好不好, 值不值, 有没有, 好吃不好吃: a question form that names both answers. */
function isANotA(tok: string): boolean {
  const mid = Math.max(tok.indexOf('不'), tok.indexOf('没'));
  if (mid <= 0) return false;
  const head = tok.slice(0, mid);
  return tok.startsWith(head, mid + 1);
}

function compound(word: string, weight: number, negator: string, degreeWord: string, degree: number, joinsNext: boolean): ZhCompound {
  return { word, weight, negator, degreeWord, degree, joinsNext };
}

/**
 * How many tokens after `at` finish an A-not-A question begun there (满意 | 不满意: 1; 满意 | 不 | 满意: 2),
 * or 0: the two answers it names are no opinion.
 */
export function splitANotA(tokens: readonly string[], at: number): number {
  const tok = tokens[at];
  const next = tokens[at + 1];
  if (next === undefined) return 0;
  // Compared in place: this runs on every zh token, so no string is built.
  const negator = next.charCodeAt(0) === NOT || next.charCodeAt(0) === NOT_YET;
  if (!negator) return 0;
  if (next.length === tok.length + 1 && next.endsWith(tok)) return 1;
  return next.length === 1 && tokens[at + 2] === tok ? 2 : 0;
}

/**
 * 这不是坑人吗 / 这不坑人吗 asserts 坑人: the terms from `from` that `negator` negated get their own sign
 * back (the negation factor undone), and name the question instead. Words the negation did not flip
 * (你们不给退款吗 — 退款 stays negative) and words outside it (味道很好不是吗) are left alone. Returns
 * whether any term was affirmed.
 */
export function affirmNegated(terms: SentimentTerm[], from: number, negator: string, particle: string, negationFactor: number): boolean {
  const negated = `negated(${negator})`;
  let affirmed = false;
  for (let k = from; k < terms.length; k++) {
    const rules = terms[k].rules;
    if (!rules?.includes(negated)) continue;
    terms[k] = { ...terms[k], weight: terms[k].weight / negationFactor, rules: rules.map((r) => (r === negated ? `affirming-question(${negator}…${particle})` : r)) };
    affirmed = true;
  }
  return affirmed;
}
