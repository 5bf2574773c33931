/** Data of the emotion engine, loaded by `src/resources/sentiment-model.ts`. */
export interface EmotionModel {
  lang: 'zh' | 'en';
  /** Cue words, emoji and emoticons → the emotion they signal. */
  cues: ReadonlyMap<string, string>;
  /** Output classes of the learned model, in weight-column order. */
  labels: readonly string[];
  bias: readonly number[];
  /** Feature → one weight per label. */
  weights: ReadonlyMap<string, readonly number[]>;
  /** Dense feature (`cue:<emotion>`, `sentiment`) → one weight per label. */
  dense: Readonly<Record<string, readonly number[]>>;
}
