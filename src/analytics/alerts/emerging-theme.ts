import { themeKey } from '../themes.js';
import type { Thresholds } from './rules.js';
import { round2 } from './stats.js';
import type { AlertMention } from './types.js';

export interface EmergingTheme {
  theme: string;
  recentCount: number;
  baselineCount: number;
  /** Recent count over the count the baseline rate predicts for one window (+1 smoothing). */
  growth: number;
  mentionIds: number[];
}

export interface EmergingInput {
  recentMentions: AlertMention[];
  /** Mentions per theme in the baseline; case variants are folded here, whatever the store did. */
  baselineThemes: Map<string, number>;
  baselineMentions: number;
  /** Baseline length in windows, to turn baseline counts into an expected count per window. */
  baselineWindows: number;
  /** Brand names and aliases: they grow with any spike and are not news. */
  ignore: string[];
}

/**
 * Counts themes over non-repost mentions under the case-folded key the themes view uses ("Pro"
 * and "pro" are one theme), remembering which mentions carry each.
 */
function countThemes(mentions: AlertMention[]): Map<string, number[]> {
  const byTheme = new Map<string, number[]>();
  for (const mention of mentions) {
    if (mention.duplicateOf !== null) continue;
    for (const theme of new Set(mention.themes.map(themeKey))) {
      byTheme.set(theme, [...(byTheme.get(theme) ?? []), mention.id]);
    }
  }
  return byTheme;
}

/**
 * Baseline counts by the folded key. The store folds with SQL lower(), which SQLite applies to
 * ASCII only, so "CAFÉ" and "café" would otherwise stay apart and the recent one look new.
 */
function foldBaseline(themes: Map<string, number>): Map<string, number> {
  const folded = new Map<string, number>();
  for (const [term, n] of themes) folded.set(themeKey(term), (folded.get(themeKey(term)) ?? 0) + n);
  return folded;
}

/**
 * Baseline mentions below which nothing can emerge: against a brand's first posts (no history) every
 * theme would look new.
 */
export const MIN_BASELINE_MENTIONS = 20;

/**
 * Emerging themes: themes with at least `minCount` mentions in the recent window that were (almost)
 * absent from the baseline — at most `maxBaselineShare` of baseline mentions — and grew at least
 * `minGrowth` times over their expected count. Returns the strongest first (at most 5).
 *
 * @example
 * detectEmergingThemes(input, DEFAULT_THRESHOLDS).map((t) => t.theme);
 */
export function detectEmergingThemes(input: EmergingInput, t: Thresholds): EmergingTheme[] {
  if (input.baselineMentions < MIN_BASELINE_MENTIONS) return [];
  const ignore = new Set(input.ignore.map(themeKey));
  const baseline = foldBaseline(input.baselineThemes);
  const found: EmergingTheme[] = [];
  for (const [theme, ids] of countThemes(input.recentMentions)) {
    if (ignore.has(theme) || ids.length < t.minCount) continue;
    const baselineCount = baseline.get(theme) ?? 0;
    const share = input.baselineMentions ? baselineCount / input.baselineMentions : 0;
    const expected = baselineCount / Math.max(input.baselineWindows, 1);
    const growth = ids.length / (expected + 1);
    if (share <= t.maxBaselineShare && growth >= t.minGrowth) {
      found.push({ theme, recentCount: ids.length, baselineCount, growth: round2(growth), mentionIds: ids });
    }
  }
  return found.sort((a, b) => b.recentCount - a.recentCount || b.growth - a.growth).slice(0, 5);
}
