import type { Thresholds } from './rules.js';
import { robustBaseline, robustZ, round2, type RobustBaseline } from './stats.js';
import type { Severity, VolumeSeries, WindowCounts } from './types.js';
import { trailingWindowCount } from './windows.js';

/** Which count a spike is measured on: all mentions, or only negative ones. */
export type SpikeMetric = 'volume' | 'neg';

export interface SpikeResult {
  fired: boolean;
  observed: number;
  seasonal: RobustBaseline | null;
  trailing: RobustBaseline;
  zSeasonal: number | null;
  zTrailing: number;
  /** observed / max(baseline medians, 1). */
  ratio: number;
  severity: Severity;
}

/**
 * Fewest trailing windows (or all the plan has, if fewer) a spike needs: the median and MAD of a
 * couple of windows say nothing about what is normal for the brand.
 */
const MIN_BASELINE_WINDOWS = 6;

const pick = (metric: SpikeMetric) => (w: WindowCounts) => (metric === 'volume' ? w.volume : w.neg);

/**
 * Volume spike: the recent window against two baselines — the same clock window on previous days
 * (so lunch peaks are expected at lunch) and the windows of the last `trailingHours` (so a slow
 * drift is expected too). It fires only when BOTH agree (the confirmation step), the count reaches
 * `minVolume`, and it is `minRatio` times the larger baseline median. Days with no data at all
 * should not be passed as seasonal windows; with none, the trailing baseline decides alone. Nor
 * should trailing windows before the brand's first mention; with fewer than 6 left (or all the
 * plan has), there is too little history to call anything a spike.
 *
 * @example
 * detectVolumeSpike(series, 'neg', DEFAULT_THRESHOLDS).fired;
 */
export function detectVolumeSpike(series: VolumeSeries, metric: SpikeMetric, t: Thresholds): SpikeResult {
  const value = pick(metric);
  const observed = value(series.recent);
  const trailing = robustBaseline(series.trailing.map(value));
  const seasonal = series.seasonal.length ? robustBaseline(series.seasonal.map(value)) : null;
  const zTrailing = robustZ(observed, trailing);
  const zSeasonal = seasonal ? robustZ(observed, seasonal) : null;
  const reference = Math.max(trailing.median, seasonal?.median ?? 0, 1);
  const ratio = observed / reference;
  const agree = zTrailing >= t.zScore && (zSeasonal === null || zSeasonal >= t.zScore);
  const history = series.trailing.length >= Math.min(MIN_BASELINE_WINDOWS, trailingWindowCount(t));
  const fired = history && agree && observed >= t.minVolume && ratio >= t.minRatio;
  const severity: Severity = ratio >= 3 * t.minRatio ? 'critical' : 'warning';
  return { fired, observed, seasonal, trailing, zSeasonal, zTrailing, ratio, severity };
}

/** The numbers an explanation shows for a spike. */
export function spikeStats(result: SpikeResult, t: Thresholds): Record<string, number> {
  const stats: Record<string, number> = {
    trailingMedian: round2(result.trailing.median),
    trailingWindows: result.trailing.samples,
    zTrailing: round2(result.zTrailing),
    ratio: round2(result.ratio),
    windowMinutes: t.windowMinutes,
    zThreshold: t.zScore,
    minVolume: t.minVolume,
  };
  if (result.seasonal) {
    stats.seasonalMedian = round2(result.seasonal.median);
    stats.seasonalDays = result.seasonal.samples;
    stats.zSeasonal = round2(result.zSeasonal ?? 0);
  }
  return stats;
}
