import type { PreparedMention } from './prepare.js';
import type { ComputedTag, Influence, ProfileAuthor, ProfileMention } from './types.js';

export interface InfluenceThresholds {
  /** Followers at or above which an author is a KOL. */
  kolFollowers: number;
  /** Followers at or above which an author is a KOC. */
  kocFollowers: number;
  /** Mean engagement per mention at or above which a smaller author still counts as a KOC. */
  kocMeanEngagement: number;
}

export const DEFAULT_INFLUENCE: Readonly<InfluenceThresholds> = Object.freeze({ kolFollowers: 50_000, kocFollowers: 2_000, kocMeanEngagement: 30 });

/**
 * KOL / KOC / regular from the largest follower count among the profile's authors and the mean
 * engagement of their mentions: a KOC is a consumer whose posts travel, even with few followers.
 */
export function influenceOf(authors: readonly ProfileAuthor[], mentions: readonly ProfileMention[], t: InfluenceThresholds): Influence {
  const counts = authors.map((a) => a.followers).filter((f): f is number => f !== null);
  const followers = counts.length ? Math.max(...counts) : null;
  const meanEngagement = mentions.length ? Math.round((mentions.reduce((s, m) => s + m.engagement, 0) / mentions.length) * 10) / 10 : 0;
  const tier = (followers ?? 0) >= t.kolFollowers ? 'kol' : (followers ?? 0) >= t.kocFollowers || meanEngagement >= t.kocMeanEngagement ? 'koc' : 'regular';
  return { tier, followers, meanEngagement };
}

/**
 * The tier as a tag, backed by the profile's most engaged mention that may be evidence (never one
 * with a sensitive word); the cue names the figure that decided the tier (followers, or mean
 * engagement for a small KOC). It is first seen with the profile's first mention and last seen with
 * that evidence, so a new post changes the tag only when it becomes the most engaged one (the change
 * feed would otherwise get an update from every post of every influencer).
 */
export function influenceTag(influence: Influence, mentions: readonly PreparedMention[], t: InfluenceThresholds): ComputedTag | null {
  if (influence.tier === 'regular' || mentions.length === 0) return null;
  const byFollowers = (influence.followers ?? 0) >= (influence.tier === 'kol' ? t.kolFollowers : t.kocFollowers);
  const usable = mentions.filter((m) => !m.sensitive);
  const top = usable.length ? usable.reduce((best, m) => (m.engagement > best.engagement || (m.engagement === best.engagement && m.createdAt > best.createdAt) ? m : best)) : null;
  return {
    tag: influence.tier,
    brandId: '',
    confidence: 1,
    evidence: top ? [{ mentionId: top.id, cue: byFollowers ? `followers ${influence.followers}` : `mean engagement ${influence.meanEngagement}` }] : [],
    // Prepared mentions come oldest first; no spread into Math.min, which a prolific author would overflow.
    firstSeen: mentions[0].createdAt,
    lastSeen: top?.createdAt ?? mentions[0].createdAt,
  };
}
