import type { Lang, SentimentLabel } from '../domain.js';

// The Store's analytics reads, queries and results: trends and share of voice (from the rollups), term
// and aspect counts, and theme samples. types.ts holds the Store interface itself and the types of
// its writes, listings, sources and brands.

export type Interval = 'hour' | 'day';

export interface TrendQuery {
  interval: Interval;
  from: number;
  to: number;
  brandId?: string;
  lang?: Lang;
  sourceId?: string;
}

export interface TrendPoint {
  /** Bucket start, ISO UTC. */
  bucket: string;
  volume: number;
  pos: number;
  neu: number;
  neg: number;
  /** (pos − neg) / volume, 0 when empty. */
  netSentiment: number;
  meanScore: number;
  /** Distinct authors in the bucket. */
  uniqueAuthors: number;
  likes: number;
  replies: number;
  reposts: number;
}

export interface BrandVolume {
  brandId: string;
  volume: number;
  pos: number;
  neu: number;
  neg: number;
  netSentiment: number;
  /** volume / total volume of the brands asked for. */
  share: number;
}

export interface TermQuery {
  brandId?: string;
  from: number;
  to: number;
  limit: number;
}

export interface TermCount {
  term: string;
  /** Counted mentions containing the term. */
  mentions: number;
  pos: number;
  neu: number;
  neg: number;
}

export interface AspectQuery {
  brandId?: string;
  from: number;
  to: number;
  /** Omit for totals over the whole period. */
  interval?: Interval;
}

export interface AspectCount {
  aspect: string;
  /** Bucket start (ISO) when an interval was asked for, else null. */
  bucket: string | null;
  mentions: number;
  pos: number;
  neu: number;
  neg: number;
  meanScore: number;
}

export interface TermSampleQuery {
  term: string;
  brandId?: string;
  from: number;
  to: number;
  limit: number;
}

export interface TermSample {
  id: number;
  text: string;
  url: string | null;
  createdAt: string;
  sentiment: SentimentLabel;
}
