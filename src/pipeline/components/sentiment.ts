import type { Lang } from '../../domain.js';
import { unsupportedSentiment, type SentimentScorer } from '../sentiment/scorer.js';
import type { PipelineComponent } from '../types.js';
import type { AspectNames } from '../aspects/names.js';
import { nameTokenMask } from '../sentiment/name-mask.js';

export type SentimentScorers = Record<Exclude<Lang, 'other'>, SentimentScorer>;

/**
 * Scores sentiment with the language's scorer; `other` languages get a neutral result with
 * confidence 0 and the rule `unsupported-language`. Words of the brand names in `names` carry no
 * lexicon sentiment (the brand's name is not an opinion of it).
 *
 * @example
 * const sentiment = createSentiment({ zh: createSentimentScorer(res.zh), en: createSentimentScorer(res.en) });
 */
export function createSentiment(scorers: SentimentScorers, names?: AspectNames): PipelineComponent {
  return {
    name: 'sentiment',
    requires: ['simplified', 'lang', 'tokens'],
    assigns: ['sentiment'],
    run: (doc) => {
      const lang = doc.lang!;
      if (lang === 'other') return { sentiment: unsupportedSentiment() };
      const simplified = doc.simplified!;
      const tokens = doc.tokens!;
      const inName = names ? nameTokenMask(names, lang, tokens, simplified) : null;
      const sentiment = scorers[lang]({ simplified, tokens, inName });
      return { sentiment };
    },
  };
}
