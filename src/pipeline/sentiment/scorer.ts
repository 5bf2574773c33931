import type { SentimentLabel, SentimentResult, SentimentTerm } from '../../domain.js';
import { neutralityDense, polarityDense } from './features.js';
import { scoreLinear, sigmoid } from './linear.js';
import { normalizeRuleScore, scoreRules } from './rules.js';
import type { SentimentModel } from './types.js';

/** Input a scorer reads: the simplified text and its tokens. */
export interface SentimentInput {
  simplified: string;
  tokens: readonly string[];
}

export type SentimentScorer = (input: SentimentInput) => SentimentResult;

/** How many learned features the explanation lists. */
const TOP_FEATURES = 5;

/**
 * Builds the scorer of one language: lexicon rules (negation, degree, contrast, emoticons…) feed
 * a learned pos/neg model as dense features next to word/bigram/character n-grams; a second
 * learned model judges neutrality (little or balanced evidence). The explanation lists the rule
 * terms, the model's top n-grams (rule `learned`) and the score components.
 *
 * @example
 * const score = createSentimentScorer(zhModel);
 * score({ simplified: '不好吃', tokens: ['不', '好吃'] }).label; // 'neg'
 */
export function createSentimentScorer(model: SentimentModel): SentimentScorer {
  const lang = model.lexicon.lang;
  return ({ simplified, tokens }) => {
    const rules = scoreRules(tokens, simplified, model.lexicon);
    const polar = scoreLinear(model.polarity, tokens, simplified, lang, polarityDense(rules), TOP_FEATURES);
    const neutral = scoreLinear(model.neutrality, tokens, simplified, lang, neutralityDense(rules, tokens.length));
    // The n-gram model reads a rhetorical question's words literally ("难道不好吃吗" looks negative),
    // so when the rule fires its sparse part is inverted along with the rule terms.
    const rhetorical = rules.rules.some((r) => r.startsWith('rhetorical-question'));
    if (rhetorical) {
      polar.logit -= 2 * polar.sparse;
      polar.sparse = -polar.sparse;
      for (const c of polar.top) c.value = -c.value;
    }
    const pPos = sigmoid(polar.logit);
    const pNeu = tokens.length === 0 ? 1 : sigmoid(neutral.logit);
    const score = round((1 - pNeu) * (2 * pPos - 1));
    let label: SentimentLabel;
    let confidence: number;
    if (pNeu > model.neutralThreshold) {
      label = 'neu';
      confidence = pNeu;
    } else {
      label = pPos >= 0.5 ? 'pos' : 'neg';
      confidence = (1 - pNeu) * Math.max(pPos, 1 - pPos);
    }
    const terms: SentimentTerm[] = rules.terms.slice();
    for (const c of polar.top.sort((a, b) => Math.abs(b.value) - Math.abs(a.value))) {
      if (Math.abs(c.value) >= 0.05) terms.push({ text: c.feature, weight: round(c.value), rules: ['learned'] });
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
          ruleLogit: round(polar.dense),
          modelLogit: round(polar.sparse),
          bias: round(model.polarity.bias),
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
