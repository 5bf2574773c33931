/**
 * Date strings read the same way on every host. `Date.parse` alone reads a time without an offset
 * in the host's time zone (a laptop in Shanghai and a container in UTC store the same post 8 h
 * apart) and its legacy parser accepts junk ("foo 1" → 2001-01-01, 2026-02-30 → 2 March).
 */

/** Largest |epoch ms| a JavaScript Date holds; beyond it `toISOString` throws. */
export const MAX_EPOCH_MS = 8.64e15;

const ISO = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+\- ]\d{2}(?::?\d{2})?)?)?)?)?$/i;

/**
 * Epoch ms of an ISO-8601 date or date-time (`2026`, `2026-11`, `2026-11-20`, `2026-11-20 08:00`,
 * `2026-11-20T08:00:00.5+08:00`, and with one-digit parts: `2025-6-1 8:00`), NaN for anything else or an impossible date (2026-02-30,
 * 25:00). A time without an offset is UTC. A space before the offset counts as `+`, because an
 * unencoded `+` in a query string arrives as a space.
 */
export function parseIsoDate(value: string): number {
  const m = ISO.exec(value.trim());
  if (!m) return Number.NaN;
  const [year, month = 1, day = 1, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((p) => (p === undefined ? undefined : Number(p)));
  if (month! < 1 || month! > 12 || hour! > 23 || minute! > 59 || second! > 59) return Number.NaN;
  const ms = Date.UTC(year!, month! - 1, day!, hour, minute, second, fractionMs(m[7]));
  if (new Date(ms).getUTCDate() !== day) return Number.NaN;
  return ms - offsetMs(m[8]);
}

/** A zone the legacy parser knows at the end of a date string (RFC 822 dates as in RSS). */
const NAMED_ZONE = /(?:\bGMT|\bUTC?|\b[ECMP][SD]T|[+-]\d{2}:?\d{2}|\bZ)\s*(?:\([^)]*\))?$/i;
/** A four-digit year, or RFC 822's two-digit one after a month name ("Sat, 07 Sep 02 00:00:01 GMT"). */
const HAS_YEAR = /\b(?:19|20)\d{2}\b|\b[a-z]{3}\s+\d{2}\s+\d{1,2}:\d{2}/i;

/**
 * Epoch ms of an ISO-8601 date (see {@link parseIsoDate}) or another common written date with a
 * year (`Tue, 10 Jun 2025 04:00:00 +0800`, `2025/06/10 12:00`); a time without a zone is UTC.
 * NaN when it cannot be read.
 */
export function parseDateString(value: string): number {
  const text = value.trim();
  const iso = parseIsoDate(text);
  if (!Number.isNaN(iso) || /^\d/.test(text) && /^[\d\-T:.+ Z]+$/i.test(text)) return inRange(iso);
  if (!HAS_YEAR.test(text)) return Number.NaN;
  return inRange(Date.parse(NAMED_ZONE.test(text) ? text : `${text} GMT`));
}

function inRange(ms: number): number {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_EPOCH_MS ? ms : Number.NaN;
}

/** Milliseconds of a fraction of a second, cut (not rounded: .9996 would carry into the next day). */
function fractionMs(digits: string | undefined): number {
  return digits ? Math.floor(Number(`0.${digits}`) * 1000) : 0;
}

function offsetMs(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
}
