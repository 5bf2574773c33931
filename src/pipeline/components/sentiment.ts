import type { Lang } from '../../domain.js';
import { unsupportedSentiment, type SentimentScorer } from '../sentiment/scorer.js';
import type { PipelineComponent } from '../types.js';

export type SentimentScorers = Record<Exclude<Lang, 'other'>, SentimentScorer>;

/**
 * Scores sentiment with the language's scorer; `other` languages get a neutral result with
 * confidence 0 and the rule `unsupported-language`.
 *
 * @example
 * const sentiment = createSentiment({ zh: createSentimentScorer(res.zh), en: createSentimentScorer(res.en) });
 */
export function createSentiment(scorers: SentimentScorers): PipelineComponent {
  return {
    name: 'sentiment',
    requires: ['simplified', 'lang', 'tokens'],
    assigns: ['sentiment'],
    run: (doc) => {
      const lang = doc.lang!;
      const sentiment =
        lang === 'other' ? unsupportedSentiment() : scorers[lang]({ simplified: doc.simplified!, tokens: doc.tokens! });
      return { sentiment };
    },
  };
}
