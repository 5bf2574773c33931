import type { FeatureConfig } from '../sentiment/hashed.js';
import type { HashedLinear } from '../sentiment/packed.js';

/** Data of the emotion engine, loaded by `src/resources/sentiment-model.ts`. */
export interface EmotionModel {
  lang: 'zh' | 'en';
  /** Cue words, emoji and emoticons → the emotion they signal. */
  cues: ReadonlyMap<string, string>;
  /** Feature families the learned model reads (those of the language's sentiment model). */
  features: FeatureConfig;
  /** Softmax over `model.labels`; dense keys = EMOTION_DENSE. Null: cue fallback only. */
  model: HashedLinear | null;
  /** Neutral only when its probability exceeds this (emotional tweets must not default to neutral). */
  neutralThreshold: number;
}
