import { normalize } from './components/normalize.js';
import { createDetectLanguage } from './components/detect-language.js';
import { createToSimplified } from './components/to-simplified.js';
import { createSegment } from './components/segment.js';
import { createSentiment } from './components/sentiment.js';
import { createEmotion } from './components/emotion.js';
import { createKeywords } from './components/keywords.js';
import { createAspects } from './components/aspects.js';
import { createPipeline, type Pipeline } from './pipeline.js';
import { createSentimentScorer } from './sentiment/scorer.js';
import { createEmotionScorer } from './emotion/scorer.js';
import type { NlpResources } from '../resources/nlp.js';

/** The component order of the default analysis; the names are what `createPipeline` reports. */
export const DEFAULT_PIPELINE = ['normalize', 'detect-language', 'to-simplified', 'segment', 'sentiment', 'emotion', 'keywords', 'aspects'] as const;

/**
 * Builds the standard analysis pipeline from resources loaded once at start-up.
 *
 * @example
 * const pipeline = createDefaultPipeline(await loadNlpResources());
 * pipeline.run({ text: '外卖送得很快，好吃！' }).doc.sentiment?.label; // 'pos'
 */
export function createDefaultPipeline(resources: NlpResources): Pipeline {
  return createPipeline([
    normalize,
    createDetectLanguage(resources.guessLatin),
    createToSimplified(resources.convertChinese),
    createSegment(resources.segmenters),
    createSentiment(
      { zh: createSentimentScorer(resources.sentiment.zh), en: createSentimentScorer(resources.sentiment.en) },
      resources.aspectNames,
    ),
    createEmotion({ zh: createEmotionScorer(resources.emotion.zh), en: createEmotionScorer(resources.emotion.en) }),
    createKeywords(resources.keywords),
    createAspects({
      lexicons: resources.aspects,
      scorers: { zh: createSentimentScorer(resources.sentiment.zh), en: createSentimentScorer(resources.sentiment.en) },
      names: resources.aspectNames,
    }),
  ]);
}
