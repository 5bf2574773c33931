import { normalize } from './components/normalize.js';
import { createDetectLanguage } from './components/detect-language.js';
import { createToSimplified } from './components/to-simplified.js';
import { createSegment } from './components/segment.js';
import { createPipeline, type Pipeline } from './pipeline.js';
import type { NlpResources } from '../resources/nlp.js';

/**
 * The default pipeline's components up to `segment` (`DEFAULT_PIPELINE`), all search indexing needs:
 * with the same resources (the same segmenters, brand words included) it gives the same tokens as the
 * whole analysis, and re-indexing stored mentions with it takes less than half the time.
 *
 * @example
 * createSegmentationPipeline(resources).run({ text: '这款手机高性价比' }).doc.tokens; // ['这', '款', '手机', '高性价比']
 */
export function createSegmentationPipeline(resources: NlpResources): Pipeline {
  return createPipeline([
    normalize,
    createDetectLanguage(resources.guessLatin),
    createToSimplified(resources.convertChinese),
    createSegment(resources.segmenters),
  ]);
}
