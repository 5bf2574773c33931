import { describe, expect, it } from 'vitest';
import { quietHoursEnd } from '../../src/analytics/alerts/quiet-hours.js';
import { resolveRules, type AlertRule } from '../../src/analytics/alerts/rules.js';
import type { Signal } from '../../src/analytics/alerts/types.js';
import { planDeliveries } from '../../src/alerts/routing.js';
import type { ChannelConfig } from '../../src/alerts/schema.js';

const at = (iso: string) => Date.parse(iso);
const signal = (type: Signal['type']): Signal => ({ type, key: `acme:${type}`, severity: 'warning', metric: 'x', observed: 1, baseline: null, stats: {}, terms: [], mentionIds: [] });
const channels: ChannelConfig[] = [
  { id: 'ops', type: 'slack', url: 'https://hooks.test/ops', lang: 'en' },
  { id: 'cn', type: 'feishu', url: 'https://hooks.test/cn', lang: 'zh' },
];

describe('quiet hours', () => {
  it('returns the end of a quiet period spanning midnight, in the rule time zone', () => {
    const quiet = { start: '22:00', end: '07:00' };
    expect(quietHoursEnd(at('2026-03-01T23:30:00Z'), quiet, 'UTC')).toBe(at('2026-03-02T07:00:00Z'));
    expect(quietHoursEnd(at('2026-03-02T03:10:00Z'), quiet, 'UTC')).toBe(at('2026-03-02T07:00:00Z'));
    expect(quietHoursEnd(at('2026-03-02T12:00:00Z'), quiet, 'UTC')).toBeNull();
    // 23:30 in Shanghai is 15:30 UTC; quiet ends at 07:00 Shanghai = 23:00 UTC.
    expect(quietHoursEnd(at('2026-03-01T15:30:00Z'), { ...quiet, timezone: 'Asia/Shanghai' }, 'UTC')).toBe(at('2026-03-01T23:00:00Z'));
  });

  it('ends at the local clock time on the nights clocks change', () => {
    const ny = { start: '23:00', end: '07:30', timezone: 'America/New_York' };
    // Clocks go back at 02:00 on 1 Nov 2026: 07:30 EST is 12:30 UTC, not 11:30.
    expect(quietHoursEnd(at('2026-11-01T03:30:00Z'), ny, 'UTC')).toBe(at('2026-11-01T12:30:00Z'));
    // Clocks go forward at 02:00 on 8 Mar 2026: 07:30 EDT is 11:30 UTC.
    expect(quietHoursEnd(at('2026-03-08T04:30:00Z'), ny, 'UTC')).toBe(at('2026-03-08T11:30:00Z'));
    expect(quietHoursEnd(at('2026-03-28T23:30:00Z'), { start: '23:00', end: '08:00', timezone: 'Europe/London' }, 'UTC')).toBe(at('2026-03-29T07:00:00Z'));
    // 02:30 does not exist that night in New York: the quiet period ends at the first instant after it.
    expect(quietHoursEnd(at('2026-03-08T06:00:00Z'), { start: '01:00', end: '02:30', timezone: 'America/New_York' }, 'UTC')).toBe(at('2026-03-08T07:00:00Z'));
  });
});

describe('delivery routing', () => {
  const now = at('2026-03-01T23:30:00Z');
  const base = { enabled: true, thresholds: {}, cooldownMinutes: 60 };

  it('routes to the channels of the rules that fired; no list means every channel', () => {
    const rules: AlertRule[] = [
      { ...base, brand: '*', type: 'volume_spike' },
      { ...base, brand: '*', type: 'crisis_terms', channels: ['cn'] },
    ];
    const resolved = resolveRules(rules, 'acme');
    expect(planDeliveries([signal('crisis_terms')], resolved, channels, now, 'UTC')).toEqual([{ channelId: 'cn', nextAttemptAt: now }]);
    expect(planDeliveries([signal('volume_spike')], resolved, channels, now, 'UTC').map((d) => d.channelId)).toEqual(['ops', 'cn']);
  });

  it('holds a delivery until quiet hours end unless another fired rule routes there without quiet hours', () => {
    const quiet = { start: '22:00', end: '07:00' };
    const rules = resolveRules([
      { ...base, brand: '*', type: 'volume_spike', quietHours: quiet },
      { ...base, brand: '*', type: 'crisis_terms', channels: ['cn'] },
    ], 'acme');
    expect(planDeliveries([signal('volume_spike')], rules, channels, now, 'UTC')).toEqual([
      { channelId: 'ops', nextAttemptAt: at('2026-03-02T07:00:00Z') },
      { channelId: 'cn', nextAttemptAt: at('2026-03-02T07:00:00Z') },
    ]);
    const both = planDeliveries([signal('volume_spike'), signal('crisis_terms')], rules, channels, now, 'UTC');
    expect(both).toEqual([
      { channelId: 'ops', nextAttemptAt: at('2026-03-02T07:00:00Z') },
      { channelId: 'cn', nextAttemptAt: now },
    ]);
  });

  it('sends nothing when no channel is configured (the default)', () => {
    expect(planDeliveries([signal('volume_spike')], resolveRules([{ ...base, brand: '*', type: 'volume_spike' }], 'acme'), [], now, 'UTC')).toEqual([]);
  });
});
