import type { WindowPlan } from './rules.js';
import type { WindowCounts } from './types.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A half-open time range in epoch ms. */
export interface TimeRange {
  from: number;
  to: number;
}

/** The ranges a volume comparison needs; the job counts mentions in each. */
export interface WindowRanges {
  recent: TimeRange;
  seasonal: TimeRange[];
  trailing: TimeRange[];
}

/** How many back-to-back windows cover the trailing baseline (at least one). */
export function trailingWindowCount(plan: WindowPlan): number {
  return Math.max(1, Math.floor((plan.trailingHours * 60) / plan.windowMinutes));
}

/**
 * Plans the recent window ending at `now`, the same clock window on each of the previous
 * `seasonalDays` days, and back-to-back windows covering the `trailingHours` before the recent one.
 *
 * @example
 * planWindows(Date.parse('2026-03-03T12:00Z'), { windowMinutes: 60, seasonalDays: 7, trailingHours: 24 });
 */
export function planWindows(now: number, plan: WindowPlan): WindowRanges {
  const size = plan.windowMinutes * MINUTE;
  const recent = { from: now - size, to: now };
  const seasonal = Array.from({ length: plan.seasonalDays }, (_, i) => ({
    from: recent.from - (i + 1) * DAY,
    to: recent.to - (i + 1) * DAY,
  }));
  const trailing = Array.from({ length: trailingWindowCount(plan) }, (_, i) => ({ from: recent.from - (i + 1) * size, to: recent.from - i * size }));
  return { recent, seasonal, trailing };
}

/** Start of the baseline period (the earliest trailing window). */
export function baselineStart(ranges: WindowRanges): number {
  return Math.min(...ranges.trailing.map((r) => r.from));
}

/**
 * The trailing windows (newest first) from the one holding the brand's first mention on;
 * `earlier` says whether the brand was mentioned before the oldest window. Before the first mention there
 * is no data, which is not a quiet window: counted as 0, it turns a brand's first collection into
 * a "spike" against a median of 0.
 *
 * @example
 * sinceFirstMention(series.trailing, false).length; // windows of actual history
 */
export function sinceFirstMention(trailing: WindowCounts[], earlier: boolean): WindowCounts[] {
  const oldestFirst = [...trailing].reverse();
  const first = earlier ? 0 : oldestFirst.findIndex((w) => w.volume > 0);
  return first < 0 ? [] : oldestFirst.slice(first).reverse();
}
