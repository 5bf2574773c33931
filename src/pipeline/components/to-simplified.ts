import type { PipelineComponent } from '../types.js';

/** Traditional → simplified converter (opencc-js), injected at start-up. */
export type ChineseConverter = (text: string) => string;

/** Converts Chinese text to simplified characters; other languages pass through unchanged. */
export function createToSimplified(convert: ChineseConverter): PipelineComponent {
  return {
    name: 'to-simplified',
    requires: ['normalized', 'lang'],
    assigns: ['simplified'],
    run: (doc) => ({ simplified: doc.lang === 'zh' ? convert(doc.normalized!) : doc.normalized! }),
  };
}
