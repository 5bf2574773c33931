/**
 * Timestamp normalisation: every collector emits `createdAt` as ISO-8601 UTC.
 */
import { ParseError } from '../errors.js';
import { MAX_EPOCH_MS, parseDateString } from '../text/dates.js';

/**
 * Converts a platform timestamp (ISO with any offset, RFC 822 date as in RSS, epoch seconds) to
 * ISO UTC; a time written without an offset is UTC on every host (`parseDateString`). Throws `ParseError` naming the field when it cannot be read, so one odd item is
 * visible instead of silently dated "now".
 *
 * @example toIsoUtc('Tue, 10 Jun 2025 04:00:00 +0800', 'pubDate'); // '2025-06-09T20:00:00.000Z'
 * @example toIsoUtc(1718000000, 'created_at_i'); // '2024-06-10T06:13:20.000Z'
 */
export function toIsoUtc(value: string | number, field: string): string {
  const ms = typeof value === 'number' ? value * 1000 : parseDateString(value);
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_EPOCH_MS) {
    throw new ParseError(`expected a date in ${field}, instead found "${String(value).slice(0, 60)}"`);
  }
  return new Date(ms).toISOString();
}

/** Like {@link toIsoUtc} but returns `undefined` instead of throwing (for optional fields). */
export function tryIsoUtc(value: string | number | null | undefined): string | undefined {
  if (value == null || value === '') return undefined;
  try {
    return toIsoUtc(value, 'date');
  } catch {
    return undefined;
  }
}

/** How far ahead of the clock a post's date may be: a day covers clock and time-zone slips. */
const MAX_FUTURE_MS = 24 * 3_600_000;

/**
 * Whether `createdAt` (ISO) is more than a day ahead of `now`. Such a post would sit at the top of
 * every newest-first list for as long as its date lies ahead, so pushes, imports and collection runs
 * skip it with a reason instead of storing it.
 */
export function isTooFarAhead(createdAt: string, now: Date): boolean {
  return Date.parse(createdAt) > now.getTime() + MAX_FUTURE_MS;
}
