import type { SentimentLabel, SentimentResult, SentimentTerm } from '../../domain.js';
import { NEUTRALITY_DENSE, POLARITY_DENSE, neutralityDense, polarityDense } from './features.js';
import { sharedFeatureBuffer } from './hashed.js';
import { isNeutral } from './gate.js';
import { denseLogit, sigmoid, sparseLogit, topContributions } from './linear.js';
import { normalizeRuleScore, scoreRules } from './rules.js';
import type { SentimentModel } from './types.js';

/** Input a scorer reads: the simplified text and its tokens. */
export interface SentimentInput {
  simplified: string;
  tokens: readonly string[];
  /** Tokens inside a brand name (1), which the rules read as plain words (`nameTokenMask`). */
  inName?: Uint8Array | null;
}

export interface ScoreOptions {
  /**
   * `false` leaves the model's top n-grams (rule `learned`) out of `explanation.terms`, which then
   * holds the rule terms only: naming them is a good part of the cost of scoring a short text, and
   * a caller that reads only the label, score and rule terms (the aspect clauses) needs none.
   */
  explain?: boolean;
}

export type SentimentScorer = (input: SentimentInput, options?: ScoreOptions) => SentimentResult;

/** Index of the social-style cue among the neutrality features (selects the social gate). */
const SOCIAL = NEUTRALITY_DENSE.indexOf('social');
/** Index of the signed rule score among the polarity features (the gate's evidence veto). */
const RULE = POLARITY_DENSE.indexOf('rule');

/** How many learned features the explanation lists, and the smallest |logit share| it shows. */
const TOP_FEATURES = 5;
const MIN_CONTRIBUTION = 0.05;

/**
 * Builds the scorer of one language: lexicon rules (negation, degree, contrast, emoticons…) feed
 * a learned pos/neg model as dense features next to hashed word/bigram/character n-grams; a
 * second learned model judges neutrality, and a post is neutral only when that model agrees AND
 * the polarity model is unsure (the gate of `SentimentModel.gate`), so long, clearly polar reviews
 * never default to neutral. The explanation lists the rule terms, the model's top n-grams (rule
 * `learned`) and the score components.
 *
 * @example
 * const score = createSentimentScorer(zhModel);
 * score({ simplified: '不好吃', tokens: ['不', '好吃'] }).label; // 'neg'
 */
export function createSentimentScorer(model: SentimentModel): SentimentScorer {
  const lang = model.lexicon.lang;
  const { polarity, neutrality, gate, features } = model;
  const pDense = new Float64Array(POLARITY_DENSE.length);
  const nDense = new Float64Array(NEUTRALITY_DENSE.length);
  return ({ simplified, tokens, inName }, options) => {
    const rules = scoreRules(tokens, simplified, model.lexicon, inName ?? undefined);
    const buf = sharedFeatureBuffer.read(tokens, simplified, lang, features);
    polarityDense(rules, pDense);
    neutralityDense(rules, tokens.length, simplified, nDense);
    let sparse = sparseLogit(polarity, buf);
    const dense = denseLogit(polarity, pDense);
    // The n-gram model reads a rhetorical question's words literally ("难道不好吃吗" looks negative),
    // so when the rule fires its sparse part is inverted along with the rule terms.
    const rhetorical = rules.rules.some((r) => r.startsWith('rhetorical-question'));
    if (rhetorical) sparse = -sparse;
    const bias = polarity.bias[0];
    const pPos = sigmoid(bias + sparse + dense);
    const pNeu = tokens.length === 0 ? 1 : sigmoid(neutrality.bias[0] + sparseLogit(neutrality, buf) + denseLogit(neutrality, nDense));
    const score = round((1 - pNeu) * (2 * pPos - 1));
    let label: SentimentLabel;
    let confidence: number;
    if (isNeutral(gate, pNeu, pPos, tokens.length, nDense[SOCIAL] === 1, pDense[RULE])) {
      label = 'neu';
      confidence = pNeu;
    } else {
      label = pPos >= 0.5 ? 'pos' : 'neg';
      confidence = Math.max(pPos, 1 - pPos);
    }
    const terms: SentimentTerm[] = rules.terms.slice();
    if (options?.explain !== false) {
      for (const c of topContributions(polarity, buf, TOP_FEATURES, 0, MIN_CONTRIBUTION)) {
        terms.push({ text: c.feature, weight: round(rhetorical ? -c.value : c.value), rules: ['learned'] });
      }
    }
    return {
      label,
      score,
      confidence: round(confidence),
      explanation: {
        terms,
        rules: label === 'neu' && rules.terms.length === 0 ? [...rules.rules, 'no-evidence'] : rules.rules,
        components: {
          rules: round(normalizeRuleScore(rules.raw)),
          ruleLogit: round(dense),
          modelLogit: round(sparse),
          bias: round(bias),
          neutral: round(pNeu),
        },
      },
    };
  };
}

/** The result for a language the engine does not score. */
export function unsupportedSentiment(): SentimentResult {
  return {
    label: 'neu',
    score: 0,
    confidence: 0,
    explanation: { terms: [], rules: ['unsupported-language'] },
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
