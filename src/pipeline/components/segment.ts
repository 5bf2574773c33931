import type { Lang } from '../../domain.js';
import type { Segmenter } from '../segmenters/types.js';
import type { PipelineComponent } from '../types.js';

export type Segmenters = Record<Exclude<Lang, 'other'>, Segmenter>;

/** A run of two or more Han characters, which the en tokenizer leaves whole. */
const HAN_RUN = /^\p{Script=Han}{2,}$/u;
const HAS_HAN = /\p{Script=Han}/u;

/**
 * Tokenises with the language's segmenter; `other` languages get the English tokenizer's split
 * (`latinSegmenter`).
 */
export function createSegment(segmenters: Segmenters): PipelineComponent {
  const latin = latinSegmenter(segmenters);
  return {
    name: 'segment',
    requires: ['simplified', 'lang'],
    assigns: ['tokens'],
    run: (doc) => ({ tokens: (doc.lang === 'zh' ? segmenters.zh : latin)(doc.simplified!) }),
  };
}

/**
 * The tokens of a text not read as Chinese: the en tokenizer's, with each run of Han characters ("the
 * rider was真快") cut into words by the zh segmenter, so search finds them as a Chinese query gives
 * them, and a brand name looked for in such posts (`AspectNames.en`) is cut the same way.
 */
export function latinSegmenter(segmenters: Segmenters): Segmenter {
  return (text) => {
    const tokens = segmenters.en(text);
    return HAS_HAN.test(text) ? tokens.flatMap((t) => (HAN_RUN.test(t) ? segmenters.zh(t) : [t])) : tokens;
  };
}
