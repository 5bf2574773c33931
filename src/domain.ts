/**
 * Shared types that cross layer boundaries: what collectors produce, what the pipeline
 * assigns, and what the store returns. Nothing here does I/O.
 */

/** Languages the pipeline analyses; everything else is stored as `other` and left unscored. */
export type Lang = 'zh' | 'en' | 'other';

export type SentimentLabel = 'pos' | 'neg' | 'neu';

/** Ekman's six basic emotions plus neutral. */
export type EmotionLabel = 'joy' | 'sadness' | 'anger' | 'fear' | 'surprise' | 'disgust' | 'neutral';

/** Public author data as a platform reports it. */
export interface RawAuthor {
  /** Platform-specific stable id (user id, handle when no id exists). */
  id: string;
  handle?: string;
  name?: string;
  followers?: number;
}

export interface Engagement {
  likes?: number;
  replies?: number;
  reposts?: number;
  /** Star rating (1–5) where the source has one, e.g. app store reviews. */
  rating?: number;
}

/** A post as a collector normalised it: plain text, UTC time, nothing analysed yet. */
export interface RawPost {
  /** Source id, e.g. `demo`, `rss:techcrunch`, `file`. */
  source: string;
  /** The platform's id for the post; unique together with `source`. */
  externalId: string;
  text: string;
  title?: string;
  url?: string;
  author?: RawAuthor;
  /** ISO-8601 UTC. */
  createdAt: string;
  /** Language the source declares, if any (BCP-47 prefix such as `zh`, `en`). */
  lang?: string;
  engagement?: Engagement;
}

/** One weighted piece of evidence behind a sentiment score. */
export interface SentimentTerm {
  /** The word, phrase, emoji or feature as it appeared. */
  text: string;
  /** Signed contribution to the raw score. */
  weight: number;
  /** Rules that changed this term's weight, e.g. `negated`, `intensified(很)`, `contrast-clause`. */
  rules?: string[];
}

/** Why a document got its sentiment, in terms a brand manager can read. */
export interface SentimentExplanation {
  terms: SentimentTerm[];
  /** Sentence-level rules that fired: `contrast(但是)`, `rhetorical-question`, `exclamation`, … */
  rules: string[];
  /** Parts of the score: rule-based lexicon score and learned-model score, when present. */
  components?: Record<string, number>;
}

export interface SentimentResult {
  label: SentimentLabel;
  /** −1 (very negative) … 1 (very positive). */
  score: number;
  /** 0 … 1: how sure the engine is of `label`. */
  confidence: number;
  explanation: SentimentExplanation;
}

export interface EmotionResult {
  label: EmotionLabel;
  confidence: number;
  /** Evidence words that fired per emotion. */
  cues: string[];
}

/** Aspect-level opinion taken from the clause that mentions the aspect. */
export interface AspectOpinion {
  aspect: string;
  term: string;
  label: SentimentLabel;
  score: number;
}

/**
 * The document the pipeline components fill in, in order. `text` is the only input;
 * every other field is assigned by exactly one component.
 */
export interface Doc {
  /** Input text as received. */
  text: string;
  /** Language the source declared, used as a hint. */
  declaredLang?: string;
  /** Whitespace, entities, URLs and full-width forms normalised. */
  normalized?: string;
  lang?: Lang;
  /** Normalised text in simplified Chinese for zh; same as `normalized` otherwise. */
  simplified?: string;
  tokens?: string[];
  sentiment?: SentimentResult;
  emotion?: EmotionResult;
  keywords?: string[];
  themes?: string[];
  aspects?: AspectOpinion[];
}

/** What the pipeline produces for one post, ready to store. */
export interface Analysis {
  lang: Lang;
  tokens: string[];
  sentiment: SentimentResult;
  emotion: EmotionResult;
  keywords: string[];
  themes: string[];
  aspects: AspectOpinion[];
}

/** Digest: the periodic summary sent to chat channels (built in `jobs/digest.ts`). */
export type DigestPeriod = 'daily' | 'weekly';
export type DigestLang = 'zh' | 'en';

/** Headline numbers of one brand: this period against the one right before. */
export interface DigestBrand {
  brandId: string;
  brandName: string;
  volume: number;
  baselineVolume: number;
  /** Relative change in volume; null when the previous period had none. */
  volumePct: number | null;
  /** Null when the period had no mentions. */
  netSentiment: number | null;
  /** Null when either period had no mentions: there is nothing to compare. */
  netChange: number | null;
  neg: number;
  topThemes: string[];
  newThemes: string[];
  /** The aspect whose net sentiment fell most against a baseline that had it, when one fell. */
  worstAspect: { aspect: string; change: number } | null;
  reportUrl: string;
}

export interface Digest {
  period: DigestPeriod;
  lang: DigestLang;
  from: string;
  to: string;
  brands: DigestBrand[];
  /** The dashboard overview. */
  link: string;
}
