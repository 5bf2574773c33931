/**
 * Helpers of the rule layer (`rules.ts`) that act on the list of terms found so far: clause
 * boundaries, rescaling a clause, Weibo bracket emoticons and the final rounding into a
 * `RuleResult`; plus the en negation idioms, which the hashed features read too.
 */
import type { SentimentTerm } from '../../domain.js';
import type { SentimentLexicon } from './types.js';

/** What the rule layer found in one post. */
export interface RuleResult {
  /** Signed sum of term weights after all rules. */
  raw: number;
  /** Sum of positive / absolute sum of negative term weights. */
  pos: number;
  neg: number;
  terms: SentimentTerm[];
  rules: string[];
}

export const NO_BOUNDARY = 0;
export const CLAUSE_END = 1;
export const EXCLAIMED = 2;
export const QUESTIONED = 3;

/** Clause-ending tokens (the zh and en segmenters keep these marks), by the kind of ending. */
export function boundaryKind(token: string): 0 | 1 | 2 | 3 {
  switch (token.charCodeAt(token.length - 1)) {
    case 33: case 0xff01: return EXCLAIMED; // !
    case 63: case 0xff1f: return QUESTIONED; // ?
    case 44: case 46: case 59: case 58: case 0x3002: case 0xff0c: case 0xff1b: case 0xff1a: case 0x3001:
      return /^[\p{P}]+$/u.test(token) ? CLAUSE_END : NO_BOUNDARY;
    default: return NO_BOUNDARY;
  }
}

/** en negators that do not negate what follows: "can't wait", "can't believe", "couldn't be happier". */
const NOT_NEGATING_NEXT = new Set(['wait', 'believe', 'stop', 'help']);
const COMPARATIVE_AFTER_BE = new Set(['happier', 'better', 'prouder', 'more']);

/** True when the en negator at `i` starts an idiom rather than a negation scope. */
export function isNegationIdiom(tokens: readonly string[], i: number): boolean {
  const next = tokens[i + 1];
  if (next === undefined) return false;
  if (NOT_NEGATING_NEXT.has(next)) return true;
  return next === 'be' && COMPARATIVE_AFTER_BE.has(tokens[i + 2] ?? '');
}

export function isSentiment(token: string | undefined, lex: SentimentLexicon): boolean {
  return token !== undefined && (lex.words.has(token) || lex.emoji.has(token));
}

/** Multiplies the weights of `terms[from..]` by `factor` and records `rule` on each. */
export function scaleTerms(terms: SentimentTerm[], from: number, factor: number, rule: string): void {
  for (let j = from; j < terms.length; j++) {
    const t = terms[j];
    t.weight *= factor;
    (t.rules ??= []).push(rule);
  }
}

export function pushOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

const BRACKET_EMOTICON = /\[[^\]\[]{1,8}\]/g;

/** The Weibo bracket emoticons of `text` with their brackets ([怒], [允悲], [doge]), in order. */
export function bracketEmoticonsIn(text: string): string[] {
  return text.indexOf('[') === -1 ? [] : text.match(BRACKET_EMOTICON) ?? [];
}

/** Weibo bracket emoticons ([怒] [哈哈]) are read from the text: jieba splits them apart. */
export function addBracketEmoticons(text: string, lex: SentimentLexicon, terms: SentimentTerm[], rules: string[]): void {
  for (const match of bracketEmoticonsIn(text)) {
    const weight = lex.bracketEmoticons.get(match);
    if (weight === undefined || weight === 0) continue;
    terms.push({ text: match, weight, rules: ['emoticon'] });
    pushOnce(rules, 'emoticon');
  }
}

/** Rounds the term weights (explanations show 3 decimals) and sums them. */
export function summarize(terms: SentimentTerm[], rules: string[]): RuleResult {
  let raw = 0;
  let pos = 0;
  let neg = 0;
  for (const t of terms) {
    t.weight = Math.round(t.weight * 1000) / 1000;
    raw += t.weight;
    if (t.weight > 0) pos += t.weight;
    else neg -= t.weight;
  }
  return { raw, pos, neg, terms, rules };
}
