import type { Thresholds } from './rules.js';
import { netSentiment, netSentimentZ, round2, type PolarityCounts } from './stats.js';
import type { Severity, VolumeSeries } from './types.js';

export interface SentimentDropResult {
  fired: boolean;
  recentNet: number;
  baselineNet: number;
  z: number;
  recentVolume: number;
  baselineVolume: number;
  severity: Severity;
  stats: Record<string, number>;
}

/** Minimum baseline size: a net-sentiment baseline of a handful of posts is noise. */
const MIN_BASELINE = 20;
/** One-sided z for p ≈ 0.001, so hourly checks across many brands rarely cry wolf. */
const Z_CRITICAL = 3.09;

function sum(windows: PolarityCounts[]): PolarityCounts {
  return windows.reduce((acc, w) => ({ pos: acc.pos + w.pos, neu: acc.neu + w.neu, neg: acc.neg + w.neg }), {
    pos: 0,
    neu: 0,
    neg: 0,
  });
}

/**
 * Sentiment drop: net sentiment of the recent window against the pooled trailing baseline. Fires
 * when the recent window has `minVolume` mentions, the baseline at least 20, the drop is at least
 * `minDrop` and it is significant (z ≤ −3.09, one-sided p ≈ 0.001).
 *
 * @example
 * detectSentimentDrop(series, DEFAULT_THRESHOLDS).fired;
 */
export function detectSentimentDrop(series: VolumeSeries, t: Thresholds): SentimentDropResult {
  const recent = series.recent;
  const baseline = sum(series.trailing);
  const recentVolume = recent.pos + recent.neu + recent.neg;
  const baselineVolume = baseline.pos + baseline.neu + baseline.neg;
  const recentNet = netSentiment(recent);
  const baselineNet = netSentiment(baseline);
  const z = netSentimentZ(recent, baseline);
  const drop = baselineNet - recentNet;
  const fired = recentVolume >= t.minVolume && baselineVolume >= MIN_BASELINE && drop >= t.minDrop && z <= -Z_CRITICAL;
  const severity: Severity = drop >= 2 * t.minDrop ? 'critical' : 'warning';
  const stats = {
    recentNet: round2(recentNet),
    baselineNet: round2(baselineNet),
    drop: round2(drop),
    z: round2(z),
    recentVolume,
    baselineVolume,
    windowMinutes: t.windowMinutes,
    minDrop: t.minDrop,
  };
  return { fired, recentNet, baselineNet, z, recentVolume, baselineVolume, severity, stats };
}
