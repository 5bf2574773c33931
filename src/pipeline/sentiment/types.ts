/**
 * Data shapes of the sentiment engine. Everything here is plain data, loaded once by
 * `src/resources/sentiment-model.ts` and passed into the pure scorers.
 */

import type { FeatureConfig } from './hashed.js';
import type { HashedLinear } from './packed.js';
import type { NeutralGate } from './gate.js';

export type ContrastKind = 'but' | 'although';

/** A curated, versioned lexicon for one language (see `lexicons/<lang>/*.tsv`). */
export interface SentimentLexicon {
  lang: 'zh' | 'en';
  /** Sentiment words and slang → weight in [-3, 3]. */
  words: ReadonlyMap<string, number>;
  /** The subset of `words` that is internet slang (only used to label the rule). */
  slang: ReadonlySet<string>;
  negators: ReadonlySet<string>;
  /** Negative words a negation leaves negative: they name an event or a warning (不要上当, "don't waste"). */
  unnegated: ReadonlySet<string>;
  /** Words that end a negation's scope: what the negator negates is this word, not the opinion after it (没有用过这么差的). */
  negationStops: ReadonlySet<string>;
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


/** Everything the scorer of one language needs. */
export interface SentimentModel {
  lexicon: SentimentLexicon;
  /** Feature families the learned models read. */
  features: FeatureConfig;
  /** pos-vs-neg model: one column, the logit of pos; dense keys = POLARITY_DENSE. */
  polarity: HashedLinear;
  /** neutral-vs-polar model: one column, the logit of neutral; dense keys = NEUTRALITY_DENSE. */
  neutrality: HashedLinear;
  gate: NeutralGate;
}
