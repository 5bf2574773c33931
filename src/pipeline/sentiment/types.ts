/**
 * Data shapes of the sentiment engine. Everything here is plain data, loaded once by
 * `src/resources/sentiment-model.ts` and passed into the pure scorers.
 */

export type ContrastKind = 'but' | 'although';

/** A curated, versioned lexicon for one language (see `lexicons/<lang>/*.tsv`). */
export interface SentimentLexicon {
  lang: 'zh' | 'en';
  /** Sentiment words and slang → weight in [-3, 3]. */
  words: ReadonlyMap<string, number>;
  /** The subset of `words` that is internet slang (only used to label the rule). */
  slang: ReadonlySet<string>;
  negators: ReadonlySet<string>;
  /** Intensifier (> 1) and diminisher (< 1) multipliers. */
  degree: ReadonlyMap<string, number>;
  contrast: ReadonlyMap<string, ContrastKind>;
  /** Emoji and text emoticons matched as whole tokens. */
  emoji: ReadonlyMap<string, number>;
  /** Weibo bracket emoticons such as `[怒]`, matched on the text. */
  bracketEmoticons: ReadonlyMap<string, number>;
  /** Adjacent-token sarcasm cues keyed `"w1 w2"`. */
  sarcasm: ReadonlyMap<string, number>;
}

/**
 * A sparse linear model over the features of `features.ts`: logit = bias + scale · Σ w[f] + Σ dense.
 * `dense` holds weights of the rule-derived features (see `ruleFeatures`).
 */
export interface LinearModel {
  bias: number;
  weights: ReadonlyMap<string, number>;
  dense: Readonly<Record<string, number>>;
}

/** Everything the scorer of one language needs. */
export interface SentimentModel {
  lexicon: SentimentLexicon;
  /** pos-vs-neg model. */
  polarity: LinearModel;
  /** neutral-vs-polar model. */
  neutrality: LinearModel;
  /** A post is neutral when P(neutral) exceeds this. */
  neutralThreshold: number;
}
