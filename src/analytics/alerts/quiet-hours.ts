import type { QuietHours } from './rules.js';

const MINUTE = 60_000;

function parseClock(value: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
    throw new Error(`quietHours: expected HH:MM, found "${value}"`);
  }
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes since local midnight at `at` in an IANA time zone. */
function localMinutes(at: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/**
 * When the quiet period that contains `now` ends (epoch ms, to the minute), or null when `now`
 * is outside quiet hours. Deliveries are held until then rather than dropped.
 *
 * @example
 * quietHoursEnd(Date.parse('2026-03-01T23:30:00Z'), { start: '22:00', end: '07:00' }, 'UTC'); // 07:00 next day
 */
export function quietHoursEnd(now: number, quiet: QuietHours, defaultTimezone: string): number | null {
  const start = parseClock(quiet.start);
  const end = parseClock(quiet.end);
  if (start === end) return null;
  const local = localMinutes(now, quiet.timezone ?? defaultTimezone);
  const inside = start < end ? local >= start && local < end : local >= start || local < end;
  if (!inside) return null;
  const minutesLeft = (end - local + 24 * 60) % (24 * 60);
  return Math.floor(now / MINUTE) * MINUTE + minutesLeft * MINUTE;
}

/** Validates an `HH:MM` value (for config and API schemas). */
export function isClock(value: string): boolean {
  try {
    parseClock(value);
    return true;
  } catch {
    return false;
  }
}
