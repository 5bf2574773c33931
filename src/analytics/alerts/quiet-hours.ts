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
  const zone = quiet.timezone ?? defaultTimezone;
  const inside = (local: number) => (start < end ? local >= start && local < end : local >= start || local < end);
  const local = localMinutes(now, zone);
  if (!inside(local)) return null;
  const minutesLeft = (end - local + DAY_MINUTES) % DAY_MINUTES;
  const naive = Math.floor(now / MINUTE) * MINUTE + minutesLeft * MINUTE;
  return onLocalClock(naive, end, zone) ?? firstOutside(naive, zone, inside);
}

const DAY_MINUTES = 24 * 60;

/**
 * `at` moved to where the zone's clock reads `clock` (minutes since midnight), or null when the
 * clock never reads it there: adding wall-clock minutes to an instant is an hour off across a DST
 * change (23:00–07:30 in New York on the night clocks go back would end at 06:30).
 */
function onLocalClock(at: number, clock: number, zone: string): number | null {
  let moved = at;
  for (let step = 0; step < 2; step++) {
    const drift = ((clock - localMinutes(moved, zone) + DAY_MINUTES + DAY_MINUTES / 2) % DAY_MINUTES) - DAY_MINUTES / 2;
    if (drift === 0) return moved;
    moved += drift * MINUTE;
  }
  return localMinutes(moved, zone) === clock ? moved : null;
}

/** An end the change skips (02:30 on the night clocks go forward): the first minute, within an hour of `at`, out of quiet hours. */
function firstOutside(at: number, zone: string, inside: (local: number) => boolean): number {
  for (let m = at - 60 * MINUTE; m <= at + 60 * MINUTE; m += MINUTE) if (!inside(localMinutes(m, zone))) return m;
  return at;
}

/** The message for a zone `isTimeZone` refuses. */
export const UNKNOWN_ZONE = (zone: string): string => `unknown time zone "${zone}" (expected an IANA name like "Asia/Shanghai" or "UTC")`;

/** Whether the runtime knows an IANA time zone ("Asia/Shanghai"), for config and API schemas. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
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
