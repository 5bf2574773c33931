/**
 * Robust statistics for alerting. Median and MAD ignore the odd busy hour in a baseline, so one
 * earlier burst does not hide the next one; a Poisson floor keeps near-empty baselines from
 * turning every third post into a "spike".
 */

/** Median of a list; 0 for an empty list. */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median absolute deviation from the median. */
export function mad(values: number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/** Median and spread of a baseline of counts. */
export interface RobustBaseline {
  median: number;
  /** max(1.4826·MAD, √median, 1): MAD scaled to σ, floored by Poisson noise and by one post. */
  scale: number;
  samples: number;
}

/**
 * Baseline of counts. The floors matter for sparse brands: a median of 0 with MAD 0 would
 * otherwise make any single post infinitely surprising.
 */
export function robustBaseline(values: number[]): RobustBaseline {
  const m = median(values);
  const scale = Math.max(1.4826 * mad(values), Math.sqrt(m), 1);
  return { median: m, scale, samples: values.length };
}

/** How many scaled deviations `observed` lies above the baseline. */
export function robustZ(observed: number, baseline: RobustBaseline): number {
  return (observed - baseline.median) / baseline.scale;
}

/** Positive/neutral/negative counts of a sample. */
export interface PolarityCounts {
  pos: number;
  neu: number;
  neg: number;
}

/** Net sentiment (pos − neg) / n, 0 for an empty sample. */
export function netSentiment(c: PolarityCounts): number {
  const n = c.pos + c.neu + c.neg;
  return n ? (c.pos - c.neg) / n : 0;
}

/**
 * z of the difference in net sentiment between two samples (recent − baseline). Each mention
 * scores +1/0/−1, so net sentiment is a mean and its variance is (pos+neg)/n − net²; with only
 * pos/neg this reduces to the two-proportion z-test.
 */
export function netSentimentZ(recent: PolarityCounts, baseline: PolarityCounts): number {
  const n1 = recent.pos + recent.neu + recent.neg;
  const n0 = baseline.pos + baseline.neu + baseline.neg;
  if (!n1 || !n0) return 0;
  const v1 = (recent.pos + recent.neg) / n1 - netSentiment(recent) ** 2;
  const v0 = (baseline.pos + baseline.neg) / n0 - netSentiment(baseline) ** 2;
  // A pooled floor keeps a perfectly uniform sample (variance 0) from producing an infinite z.
  const se = Math.sqrt(Math.max(v1, 0.05) / n1 + Math.max(v0, 0.05) / n0);
  return (netSentiment(recent) - netSentiment(baseline)) / se;
}

/** Rounds for display and storage (explanations show 2 decimals). */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
