import type { BrandConfig } from '../config.js';
import { createDefaultPipeline } from '../pipeline/default-pipeline.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { brandNames, brandWords } from '../resources/brand-names.js';
import { loadNlpResources } from '../resources/nlp.js';

/**
 * The analysis pipeline as `createRuntime` (src/runtime.ts) builds it for these brands, so a command
 * analysing without the store gives what would be stored: the names stay whole in jieba, and aspect
 * and sentiment scoring look through them (Swift Eats is a name, not an opinion on speed or food).
 */
export async function loadBrandPipeline(brands: readonly Pick<BrandConfig, 'name' | 'aliases'>[]): Promise<Pipeline> {
  const nlp = await loadNlpResources({ extraWords: brandWords(brands) });
  nlp.aspectNames.set(brandNames(brands));
  return createDefaultPipeline(nlp);
}
