import { INTERVAL_MS } from './intervals.js';

/** A half-open time range `[from, to)` in epoch ms. */
export interface Span {
  from: number;
  to: number;
}

/**
 * Splits a count window into whole UTC hours, read from the hourly rollups, and the partial hours at
 * its ends, counted from the mentions over at most an hour each — so a window's cost follows its
 * length in hours, never the brand's history. The parts are disjoint and cover `[from, to)` exactly
 * (rollup buckets hold `floor(created_at / hour) * hour`). Negative times are never rolled up here.
 *
 * @example
 * splitAtHours(Date.parse('2026-03-03T10:30Z'), Date.parse('2026-03-04T10:30Z'));
 * // hours: 11:00 → 10:00 next day; edges: 10:30–11:00 and 10:00–10:30
 */
export function splitAtHours(from: number, to: number): { hours: Span | null; edges: Span[] } {
  const size = INTERVAL_MS.hour;
  const start = Math.ceil(from / size) * size;
  const end = Math.floor(to / size) * size;
  if (from < 0 || start >= end) return { hours: null, edges: from < to ? [{ from, to }] : [] };
  const edges = [
    ...(from < start ? [{ from, to: start }] : []),
    ...(end < to ? [{ from: end, to }] : []),
  ];
  return { hours: { from: start, to: end }, edges };
}
