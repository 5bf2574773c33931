import { compileCrisisLexicon, detectCrisisTerms } from './crisis-terms.js';
import { detectEmergingThemes } from './emerging-theme.js';
import { detectInfluentialNegative } from './influential.js';
import { planKey, type ResolvedRule } from './rules.js';
import { detectSentimentDrop } from './sentiment-drop.js';
import { detectVolumeSpike, spikeStats } from './volume-spike.js';
import type { AlertMention, BrandSnapshot, Signal } from './types.js';

type CompiledLexicon = ReturnType<typeof compileCrisisLexicon>;

/** Evidence order for a spike: negative first, then by reach, reposts last. */
function strongest(mentions: AlertMention[]): number[] {
  const rank = (m: AlertMention) => (m.sentiment === 'neg' ? 2 : 0) + (m.duplicateOf === null ? 1 : 0);
  return [...mentions]
    .sort((a, b) => rank(b) - rank(a) || (b.author?.followers ?? 0) - (a.author?.followers ?? 0))
    .map((m) => m.id);
}

function spikeSignal(snapshot: BrandSnapshot, rule: ResolvedRule): Signal | null {
  const metric = rule.type === 'negative_spike' ? 'neg' : 'volume';
  const result = detectVolumeSpike(snapshot.series, metric, rule.thresholds);
  if (!result.fired) return null;
  const evidence = metric === 'neg' ? snapshot.recentMentions.filter((m) => m.sentiment === 'neg') : snapshot.recentMentions;
  return {
    type: rule.type,
    key: `${snapshot.brandId}:${rule.type}`,
    severity: result.severity,
    metric: metric === 'neg' ? 'negative_volume' : 'volume',
    observed: result.observed,
    baseline: Math.max(result.trailing.median, result.seasonal?.median ?? 0),
    stats: spikeStats(result, rule.thresholds),
    terms: [],
    mentionIds: strongest(evidence),
  };
}

function dropSignal(snapshot: BrandSnapshot, rule: ResolvedRule): Signal | null {
  const result = detectSentimentDrop(snapshot.series, rule.thresholds);
  if (!result.fired) return null;
  return {
    type: rule.type,
    key: `${snapshot.brandId}:${rule.type}`,
    severity: result.severity,
    metric: 'net_sentiment',
    observed: result.stats.recentNet,
    baseline: result.stats.baselineNet,
    stats: result.stats,
    terms: [],
    mentionIds: strongest(snapshot.recentMentions.filter((m) => m.sentiment === 'neg')),
  };
}

function crisisSignal(snapshot: BrandSnapshot, rule: ResolvedRule, lexicon: CompiledLexicon): Signal | null {
  const result = detectCrisisTerms(snapshot.recentMentions, lexicon, rule.thresholds);
  if (!result.fired) return null;
  return {
    type: rule.type,
    key: `${snapshot.brandId}:${rule.type}`,
    severity: result.severity,
    metric: 'crisis_mentions',
    observed: result.count,
    baseline: null,
    stats: {
      minCount: rule.thresholds.minCount,
      windowMinutes: rule.thresholds.windowMinutes,
      ...Object.fromEntries(result.terms.map(([term, n]) => [`term:${term}`, n])),
    },
    terms: result.terms.map(([term]) => term),
    mentionIds: result.mentionIds,
  };
}

function influentialSignal(snapshot: BrandSnapshot, rule: ResolvedRule): Signal | null {
  const result = detectInfluentialNegative(snapshot.recentMentions, rule.thresholds);
  if (!result.fired) return null;
  const top = result.mentions[0];
  return {
    type: rule.type,
    key: `${snapshot.brandId}:${rule.type}`,
    severity: (top.author?.followers ?? 0) >= 10 * rule.thresholds.minFollowers ? 'critical' : 'warning',
    metric: 'author_followers',
    observed: top.author?.followers ?? 0,
    baseline: null,
    stats: { posts: result.mentions.length, minFollowers: rule.thresholds.minFollowers },
    terms: result.mentions.map((m) => `@${m.author?.handle ?? '?'} (${m.author?.followers ?? 0})`),
    mentionIds: result.mentions.map((m) => m.id),
  };
}

function emergingSignal(snapshot: BrandSnapshot, rule: ResolvedRule): Signal | null {
  const themes = detectEmergingThemes(
    {
      recentMentions: snapshot.recentMentions,
      baselineThemes: snapshot.baselineThemes,
      baselineMentions: snapshot.baselineMentions,
      baselineWindows: snapshot.series.trailing.length,
      ignore: snapshot.brandTerms,
    },
    rule.thresholds,
  );
  if (!themes.length) return null;
  return {
    type: rule.type,
    key: `${snapshot.brandId}:${rule.type}`,
    severity: 'info',
    metric: 'theme_mentions',
    observed: themes[0].recentCount,
    baseline: themes[0].baselineCount,
    stats: Object.fromEntries(themes.map((t) => [`theme:${t.theme}`, t.recentCount])),
    terms: themes.map((t) => t.theme),
    mentionIds: [...new Set(themes.flatMap((t) => t.mentionIds))],
  };
}

/** The snapshot as one rule sees it: measured on that rule's own windows. */
function snapshotFor(snapshot: BrandSnapshot, rule: ResolvedRule): BrandSnapshot {
  const view = snapshot.views?.get(planKey(rule.thresholds));
  return view ? { ...snapshot, ...view } : snapshot;
}

/**
 * Runs every enabled rule of one brand over its snapshot, each on its own windows, and returns
 * the signals that fired.
 * Pure: state (cooldown, de-duplication) is applied afterwards by `applyAlertState`.
 *
 * @example
 * const signals = evaluateBrand(snapshot, resolveRules(rules, 'freshbee'), compileCrisisLexicon(lexicon));
 */
export function evaluateBrand(snapshot: BrandSnapshot, rules: ResolvedRule[], lexicon: CompiledLexicon): Signal[] {
  const signals = rules.map((rule) => {
    const own = snapshotFor(snapshot, rule);
    switch (rule.type) {
      case 'volume_spike':
      case 'negative_spike':
        return spikeSignal(own, rule);
      case 'sentiment_drop':
        return dropSignal(own, rule);
      case 'crisis_terms':
        return crisisSignal(own, rule, lexicon);
      case 'influential_negative':
        return influentialSignal(own, rule);
      case 'emerging_theme':
        return emergingSignal(own, rule);
    }
  });
  return signals.filter((s): s is Signal => s !== null);
}
