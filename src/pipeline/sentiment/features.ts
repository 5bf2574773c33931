import type { RuleResult } from './rule-terms.js';
import { normalizeRuleScore } from './rules.js';

/**
 * Dense rule-derived features read next to the hashed n-grams of `hashed.ts`. The key lists fix
 * the order of the value arrays; model headers name their dense weights with the same keys.
 */
export const POLARITY_DENSE = ['rule', 'rulePos', 'ruleNeg', 'ruleRatio'] as const;
export const NEUTRALITY_DENSE = ['ruleAbs', 'evidence', 'noTerms', 'length', 'balance', 'question', 'lowerOnly', 'spacedPunct', 'social'] as const;

/** Writes the polarity model's dense features into `out` (length ≥ POLARITY_DENSE.length). */
export function polarityDense(rules: RuleResult, out: Float64Array = new Float64Array(POLARITY_DENSE.length)): Float64Array {
  out[0] = normalizeRuleScore(rules.raw);
  out[1] = Math.log1p(rules.pos);
  out[2] = Math.log1p(rules.neg);
  // Balance of the evidence, independent of length (long reviews saturate `rule`).
  out[3] = (rules.pos - rules.neg) / (rules.pos + rules.neg + 1);
  return out;
}

/** Writes the neutrality model's dense features into `out`. */
export function neutralityDense(
  rules: RuleResult,
  tokenCount: number,
  text: string,
  out: Float64Array = new Float64Array(NEUTRALITY_DENSE.length),
): Float64Array {
  const evidence = rules.pos + rules.neg;
  out[0] = Math.abs(normalizeRuleScore(rules.raw));
  out[1] = Math.log1p(evidence);
  out[2] = rules.terms.length === 0 ? 1 : 0;
  out[3] = Math.log1p(tokenCount);
  out[4] = evidence > 0 ? Math.min(rules.pos, rules.neg) / evidence : 0;
  out[5] = rules.rules.includes('question') ? 1 : 0;
  textStyle(text, out, 6);
  return out;
}

/**
 * Writing-style cues of where a post comes from: all lower-case text, punctuation set off by
 * spaces (" , "), @mentions/#hashtags. Edited review sentences are almost never neutral, social
 * posts often are; the neutrality model learns how much these cues matter.
 */
function textStyle(text: string, out: Float64Array, at: number): void {
  let letters = 0;
  let upper = 0;
  let spaced = 0;
  let social = 0;
  const n = Math.min(text.length, 2000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) letters++;
    else if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    } else if ((c === 44 || c === 46) && i > 0 && text.charCodeAt(i - 1) === 32) spaced = 1;
    else if ((c === 64 || c === 35) && i + 1 < n && text.charCodeAt(i + 1) > 47) social = 1;
  }
  out[at] = letters > 0 && upper === 0 ? 1 : 0;
  out[at + 1] = spaced;
  out[at + 2] = social;
}
