import type { Lang } from '../../domain.js';
import { unsupportedEmotion, type EmotionScorer } from '../emotion/scorer.js';
import type { PipelineComponent } from '../types.js';

export type EmotionScorers = Record<Exclude<Lang, 'other'>, EmotionScorer>;

/** Classifies the post's emotion (Ekman six + neutral); reads the sentiment score as a feature. */
export function createEmotion(scorers: EmotionScorers): PipelineComponent {
  return {
    name: 'emotion',
    requires: ['simplified', 'lang', 'tokens', 'sentiment'],
    assigns: ['emotion'],
    run: (doc) => {
      const lang = doc.lang!;
      const emotion =
        lang === 'other'
          ? unsupportedEmotion()
          : scorers[lang]({ simplified: doc.simplified!, tokens: doc.tokens!, sentiment: doc.sentiment });
      return { emotion };
    },
  };
}
