import type { RuleResult } from './rules.js';
import { normalizeRuleScore } from './rules.js';

/**
 * Sparse features shared by training (`scripts/train/`) and runtime, so both see exactly the
 * same strings. Layout of a feature name:
 *   `w`            a token (zh jieba word, en lower-cased word/emoji/emoticon)
 *   `!w`           en token inside a negation scope ("not good" → `!good`)
 *   `a_b`          adjacent-token bigram
 *   `#ab`          zh character bigram of the simplified text (Han/letters/digits only)
 */
export type FeatureSink = (feature: string) => void;

const EN_NEGATORS = new Set([
  'not', 'no', 'never', "n't", 'nothing', 'nobody', 'none', 'neither', 'nor', 'without', 'hardly', 'barely',
  "can't", 'cannot', "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't",
  "shouldn't", "couldn't", "haven't", "hasn't", "hadn't", "ain't", 'cant', 'dont', 'doesnt', 'didnt', 'isnt',
  'wasnt', 'wont', 'wouldnt', 'couldnt',
]);

/** Maximum features read from one post; long reviews are capped to keep scoring O(short post). */
const MAX_TOKENS = 400;

/** Calls `sink` once per feature occurrence and returns how many were emitted. */
export function forEachFeature(tokens: readonly string[], text: string, lang: 'zh' | 'en', sink: FeatureSink): number {
  const n = Math.min(tokens.length, MAX_TOKENS);
  let count = 0;
  let negated = false;
  let prev = '';
  for (let i = 0; i < n; i++) {
    const tok = tokens[i];
    const punct = isPunct(tok);
    if (lang === 'en') {
      if (punct) negated = false;
      else if (EN_NEGATORS.has(tok)) {
        negated = true;
        sink(tok);
        count++;
        prev = tok;
        continue;
      }
      sink(negated ? '!' + tok : tok);
    } else {
      sink(tok);
    }
    count++;
    if (i > 0) {
      sink(prev + '_' + tok);
      count++;
    }
    prev = tok;
  }
  if (lang === 'zh') count += charBigrams(text, sink);
  return count;
}

function isPunct(token: string): boolean {
  const c = token.charCodeAt(0);
  return c === 33 || c === 63 || c === 44 || c === 46 || c === 59 || c === 58 || c === 0x3002 || c === 0xff0c;
}

function charBigrams(text: string, sink: FeatureSink): number {
  const limit = Math.min(text.length, MAX_TOKENS * 2);
  let count = 0;
  let prevWord = false;
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    const word = (c >= 0x4e00 && c <= 0x9fff) || (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    if (word && prevWord) {
      sink('#' + text.slice(i - 1, i + 1));
      count++;
    }
    prevWord = word;
  }
  return count;
}

/** Dense rule-derived features read by the polarity model. */
export function polarityDense(rules: RuleResult): Record<string, number> {
  return { rule: normalizeRuleScore(rules.raw), rulePos: Math.log1p(rules.pos), ruleNeg: Math.log1p(rules.neg) };
}

/** Dense rule-derived features read by the neutrality model. */
export function neutralityDense(rules: RuleResult, tokenCount: number): Record<string, number> {
  return {
    ruleAbs: Math.abs(normalizeRuleScore(rules.raw)),
    evidence: Math.log1p(rules.pos + rules.neg),
    noTerms: rules.terms.length === 0 ? 1 : 0,
    length: Math.log1p(tokenCount),
  };
}
