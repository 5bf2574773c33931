import type { Lang, SentimentLabel } from '../domain.js';

/**
 * Types of the profile tagger. Everything here is plain data: the tagger is a pure function from a
 * profile's analysed mentions to tags, lifecycle stages and an influence tier.
 */

/** One analysed mention of a profile's authors, as the tagger reads it. */
export interface ProfileMention {
  id: number;
  text: string;
  lang: Lang;
  /** Epoch ms. */
  createdAt: number;
  sentiment: SentimentLabel;
  /** −1 … 1. */
  score: number;
  brands: string[];
  /** likes + replies + reposts, for the influence tier. */
  engagement: number;
}

/** One author (one platform account) in a profile. */
export interface ProfileAuthor {
  authorId: number;
  platform: string;
  followers: number | null;
}

/** Everything the tagger needs about one profile (a group of linked authors, usually one). */
export interface ProfileSource {
  profileId: number;
  authors: ProfileAuthor[];
  mentions: ProfileMention[];
}

/** Why a tag was given: the mention and the cue (word, phrase or rule) that fired. */
export interface Evidence {
  mentionId: number;
  cue: string;
}

export interface ComputedTag {
  tag: string;
  /** '' for tags about the person; a brand id for tags about their relationship to that brand. */
  brandId: string;
  /** 0 … 1 after time decay. */
  confidence: number;
  /** Newest first, at most `MAX_EVIDENCE`. */
  evidence: Evidence[];
  /** Epoch ms of the oldest and newest supporting mention. */
  firstSeen: number;
  lastSeen: number;
}

export type LifecycleStage = 'prospect' | 'new' | 'active' | 'at_risk' | 'lost';

export interface LifecycleTransition {
  from: LifecycleStage | null;
  to: LifecycleStage;
  at: number;
  mentionId: number;
  /** The cue or rule that moved the stage, e.g. `cue(再也不)` or `negative-streak`. */
  reason: string;
}

export interface BrandLifecycle {
  brandId: string;
  stage: LifecycleStage;
  /** Epoch ms of the transition into `stage`. */
  since: number;
  transitions: LifecycleTransition[];
}

export type InfluenceTier = 'kol' | 'koc' | 'regular';

export interface Influence {
  tier: InfluenceTier;
  /** Largest follower count among the profile's authors. */
  followers: number | null;
  /** Mean likes + replies + reposts per mention. */
  meanEngagement: number;
}

/** The tagger's output for one profile. */
export interface ComputedProfile {
  tags: ComputedTag[];
  lifecycle: BrandLifecycle[];
  influence: Influence;
}

/** Cap on stored evidence per tag: enough to explain it, small enough to ship in the change feed. */
export const MAX_EVIDENCE = 5;
