import type { Lang } from '../../domain.js';
import type { Segmenter } from '../segmenters/types.js';
import type { PipelineComponent } from '../types.js';

export type Segmenters = Record<Exclude<Lang, 'other'>, Segmenter>;

/** Tokenises with the language's segmenter; `other` languages get the English tokenizer's split. */
export function createSegment(segmenters: Segmenters): PipelineComponent {
  return {
    name: 'segment',
    requires: ['simplified', 'lang'],
    assigns: ['tokens'],
    run: (doc) => ({ tokens: (doc.lang === 'zh' ? segmenters.zh : segmenters.en)(doc.simplified!) }),
  };
}
