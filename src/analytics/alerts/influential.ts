import type { Thresholds } from './rules.js';
import type { AlertMention } from './types.js';

export interface InfluentialResult {
  fired: boolean;
  /** Negative mentions by authors at or above `minFollowers`, largest reach first. */
  mentions: AlertMention[];
}

/**
 * Influential negative post: one negative mention from an author with reach can start a storm
 * before volume moves, so a single post is enough — if the engine is sure it is negative AND the
 * post has explicit negative words. A learned model alone can lean negative on topic words (a
 * question about a brand's drone delivery scored −0.48 with confidence 0.83 from "外卖" priors),
 * and one such post is not worth paging anyone.
 *
 * @example
 * detectInfluentialNegative(mentions, { ...DEFAULT_THRESHOLDS, minFollowers: 50_000 }).fired;
 */
export function detectInfluentialNegative(mentions: AlertMention[], t: Thresholds): InfluentialResult {
  const found = mentions
    .filter(
      (m) =>
        m.sentiment === 'neg' && m.confidence >= t.minConfidence && m.negativeWords.length > 0 && (m.author?.followers ?? 0) >= t.minFollowers,
    )
    .sort((a, b) => (b.author?.followers ?? 0) - (a.author?.followers ?? 0));
  return { fired: found.length > 0, mentions: found };
}
