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
  const { whole, edges } = splitAtUnits(from, to, INTERVAL_MS.hour);
  return { hours: whole, edges };
}

/**
 * The same split at whole UTC days, for the daily term and aspect rollups. The edges are two spans
 * always (an empty one is `[0, 0)`), so one prepared statement serves every period.
 */
export function splitAtDays(from: number, to: number): { days: Span; edges: [Span, Span] } {
  const { whole, edges } = splitAtUnits(from, to, INTERVAL_MS.day);
  const none = { from: 0, to: 0 };
  return { days: whole ?? none, edges: [edges[0] ?? none, edges[1] ?? none] };
}

function splitAtUnits(from: number, to: number, size: number): { whole: Span | null; edges: Span[] } {
  const start = Math.ceil(from / size) * size;
  const end = Math.floor(to / size) * size;
  if (from < 0 || start >= end) return { whole: null, edges: from < to ? [{ from, to }] : [] };
  const edges = [
    ...(from < start ? [{ from, to: start }] : []),
    ...(end < to ? [{ from: end, to }] : []),
  ];
  return { whole: { from: start, to: end }, edges };
}
