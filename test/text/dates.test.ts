import { describe, expect, it } from 'vitest';
import { parseDateString, parseIsoDate } from '../../src/text/dates.js';

const iso = (value: string) => {
  const ms = parseIsoDate(value);
  return Number.isNaN(ms) ? 'NaN' : new Date(ms).toISOString();
};

describe('parseIsoDate', () => {
  it('reads ISO-8601 dates and date-times, a time without an offset as UTC', () => {
    expect(iso('2026')).toBe('2026-01-01T00:00:00.000Z');
    expect(iso('2026-11')).toBe('2026-11-01T00:00:00.000Z');
    expect(iso('2026-11-20')).toBe('2026-11-20T00:00:00.000Z');
    expect(iso('2026-11-20 08:30')).toBe('2026-11-20T08:30:00.000Z');
    expect(iso('2026-11-20T08:30:15.25Z')).toBe('2026-11-20T08:30:15.250Z');
    expect(iso('2026-11-20T08:30:00+08:00')).toBe('2026-11-20T00:30:00.000Z');
    expect(iso('2026-11-20T08:30:00-0530')).toBe('2026-11-20T14:00:00.000Z');
    // An unencoded "+" in a query string arrives as a space.
    expect(iso('2026-11-20T08:30:00 08:00')).toBe('2026-11-20T00:30:00.000Z');
    expect(iso('2025-6-1 8:05')).toBe('2025-06-01T08:05:00.000Z');
    // Python writes microseconds; a fraction is cut to milliseconds, never carried into the next day.
    expect(iso('2025-06-10T23:59:59.999600Z')).toBe('2025-06-10T23:59:59.999Z');
  });

  it('refuses impossible dates and text the legacy parser would guess at', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-11-20T25:00', 'foo 1', '0', '12', '1.5', '1/2/3', 'Tue, 10 Jun 2025']) {
      expect(iso(bad), bad).toBe('NaN');
    }
  });
});

describe('parseDateString', () => {
  it('reads written dates with a zone as written and without one as UTC, on any host', () => {
    expect(new Date(parseDateString('Tue, 10 Jun 2025 04:00:00 +0800')).toISOString()).toBe('2025-06-09T20:00:00.000Z');
    expect(new Date(parseDateString('Tue, 10 Jun 2025 04:00:00 GMT')).toISOString()).toBe('2025-06-10T04:00:00.000Z');
    expect(new Date(parseDateString('June 10, 2025 12:00')).toISOString()).toBe('2025-06-10T12:00:00.000Z');
    // The RSS 2.0 specification's own example has a two-digit year.
    expect(new Date(parseDateString('Sat, 07 Sep 02 00:00:01 GMT')).toISOString()).toBe('2002-09-07T00:00:01.000Z');
    expect(parseDateString('foo 1')).toBeNaN();
    expect(parseDateString('2025-02-30 10:00')).toBeNaN();
  });
});
