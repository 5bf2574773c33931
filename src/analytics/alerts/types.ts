/**
 * Data shapes of alert detection. Detectors are pure: the job fetches these from the store and
 * passes them in, so every detector can be tested on synthetic series.
 */

/** Kinds of signal a rule can watch. */
export type AlertType =
  | 'volume_spike'
  | 'negative_spike'
  | 'sentiment_drop'
  | 'crisis_terms'
  | 'influential_negative'
  | 'emerging_theme';

export const ALERT_TYPES: readonly AlertType[] = [
  'volume_spike',
  'negative_spike',
  'sentiment_drop',
  'crisis_terms',
  'influential_negative',
  'emerging_theme',
];

export type Severity = 'info' | 'warning' | 'critical';

/** Mention counts inside one half-open time range `[from, to)` (epoch ms). */
export interface WindowCounts {
  from: number;
  to: number;
  volume: number;
  pos: number;
  neu: number;
  neg: number;
}

/** The windows a volume detector compares: the recent one against two baselines. */
export interface VolumeSeries {
  recent: WindowCounts;
  /** The same clock window on each previous day (daily-cycle baseline), newest first. */
  seasonal: WindowCounts[];
  /** Consecutive windows of the same length just before `recent` (the last 12–24 h). */
  trailing: WindowCounts[];
}

/** A mention as detectors see it: enough for terms, reach, themes and samples. */
export interface AlertMention {
  id: number;
  /** As posted: what an alert quotes. */
  text: string;
  /** `text` in simplified script, as the pipeline reads it: crisis terms (腹泻) are matched here, so 腹瀉 counts. */
  simplified: string;
  url: string | null;
  createdAt: string;
  sentiment: 'pos' | 'neu' | 'neg';
  /** 0…1: how sure the sentiment engine is of `sentiment`. */
  confidence: number;
  /** Negative lexicon words behind the score (not learned n-grams): the post's explicit evidence. */
  negativeWords: string[];
  themes: string[];
  author: { handle: string | null; followers: number | null } | null;
  /** Near-duplicate (repost) of an earlier mention: shown as evidence, not counted twice. */
  duplicateOf: number | null;
}

/** What one window plan measures for a brand. */
export interface WindowView {
  series: VolumeSeries;
  /** Mentions inside `series.recent`. */
  recentMentions: AlertMention[];
  /** Theme → number of mentions carrying it in the baseline period. */
  baselineThemes: Map<string, number>;
  /** Mentions in the baseline period (denominator for theme shares). */
  baselineMentions: number;
}

/** Everything detection needs for one brand at one moment. */
export interface BrandSnapshot extends WindowView {
  brandId: string;
  brandName: string;
  /** Brand names and aliases: never reported as an "emerging theme". */
  brandTerms: string[];
  now: number;
  /**
   * The view of each window plan of the brand's rules, by `planKey`; a rule whose plan is not here
   * is measured on the top-level view (the plan with the longest recent window).
   */
  views?: ReadonlyMap<string, WindowView>;
}

/** One detector's finding, with the numbers behind it. */
export interface Signal {
  type: AlertType;
  /** De-duplication key: the same key while an incident is ongoing. */
  key: string;
  severity: Severity;
  /** What was measured: `volume`, `negative_volume`, `net_sentiment`, `crisis_mentions`, … */
  metric: string;
  observed: number;
  /** The baseline value it was compared with, when there is one. */
  baseline: number | null;
  /** Supporting numbers (z-scores, ratios, sample sizes, thresholds). */
  stats: Record<string, number>;
  /** Matched crisis terms, emerging themes or influential handles. */
  terms: string[];
  /** Mentions that are evidence for this signal, strongest first. */
  mentionIds: number[];
}
