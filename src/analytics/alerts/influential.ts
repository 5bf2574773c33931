import type { Thresholds } from './rules.js';
import type { AlertMention } from './types.js';

export interface InfluentialResult {
  fired: boolean;
  /** Negative mentions by authors at or above `minFollowers`, largest reach first. */
  mentions: AlertMention[];
}

/**
 * Influential negative post: one negative mention from an author with reach can start a storm
 * before volume moves, so a single post is enough — if the engine is sure it is negative.
 *
 * @example
 * detectInfluentialNegative(mentions, { ...DEFAULT_THRESHOLDS, minFollowers: 50_000 }).fired;
 */
export function detectInfluentialNegative(mentions: AlertMention[], t: Thresholds): InfluentialResult {
  const found = mentions
    .filter((m) => m.sentiment === 'neg' && m.confidence >= t.minConfidence && (m.author?.followers ?? 0) >= t.minFollowers)
    .sort((a, b) => (b.author?.followers ?? 0) - (a.author?.followers ?? 0));
  return { fired: found.length > 0, mentions: found };
}
