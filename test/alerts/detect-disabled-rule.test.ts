import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveApiRules } from '../../src/alerts/rule-settings.js';
import type { AlertsConfig } from '../../src/alerts/schema.js';
import type { Runtime } from '../../src/runtime.js';
import { makeRuntime } from '../helpers/runtime.js';
import { checkAt } from './check-at.js';

const T = Date.parse('2026-11-20T10:30:00.000Z');
const DAY = 86_400_000;
const alerts: AlertsConfig = { rules: [{ brand: '*', type: 'crisis_terms', enabled: true, thresholds: {}, cooldownMinutes: 120 }], channels: [] };
const CRISIS = ['鲜蜂外卖送来的鸡饭吃完全家食物中毒，太差了，要投诉', '昨晚叫鲜蜂外卖，半夜呕吐，气死了，投诉', '鲜蜂外卖害我进了急诊，垃圾，食物中毒'];

describe('a rule switched off while its incident is open', () => {
  let runtime: Runtime;
  const check = (at: number) => checkAt(runtime, alerts, at);

  beforeAll(async () => {
    runtime = await makeRuntime({ alerts });
  });
  afterAll(() => runtime.close());

  it('no longer holds the incident open, so the brand alerts on the next storm', async () => {
    const crisis = Array.from({ length: 9 }, (_, i) => ({ source: 'f', externalId: `c${i}`, text: `${CRISIS[i % 3]} ${i}`, createdAt: new Date(T - (i + 1) * 5 * 60_000).toISOString() }));
    await runtime.ingest(crisis, 'f');
    expect((await check(T)).alerts.map((a) => [a.type, a.severity])).toEqual([['crisis_terms', 'critical']]);

    // The team finds crisis terms noisy and switches them off, keeping only the volume rule.
    const rules = [
      { brand: '*', type: 'crisis_terms' as const, enabled: false, thresholds: {}, cooldownMinutes: 120 },
      { brand: '*', type: 'volume_spike' as const, enabled: true, thresholds: {}, cooldownMinutes: 120 },
    ];
    await saveApiRules(runtime.store, rules, T + 60_000);
    const storm = Array.from({ length: 30 }, (_, i) => ({ source: 'f', externalId: `s${i}`, text: `鲜蜂外卖今天送餐又迟到了两个小时，太慢了 ${i}`, createdAt: new Date(T + DAY - (i + 1) * 110_000).toISOString() }));
    await runtime.ingest(storm, 'f');

    const summary = await check(T + DAY);
    expect(summary.alerts.map((a) => [a.brandId, a.type])).toEqual([['freshbee', 'volume_spike']]);
    const states = await runtime.store.alerts.listStates();
    expect(states.find((s) => s.key === 'freshbee:crisis_terms')?.active).toBe(false);
  });

  it('resolves the incident when every rule of the brand is switched off, so switching one back on alerts again', async () => {
    const later = T + 10 * DAY;
    const crisis = Array.from({ length: 9 }, (_, i) => ({ source: 'f', externalId: `k${i}`, text: `${CRISIS[i % 3]} k${i}`, createdAt: new Date(later - (i + 1) * 5 * 60_000).toISOString() }));
    await runtime.ingest(crisis, 'f');
    await saveApiRules(runtime.store, [{ brand: '*', type: 'crisis_terms', enabled: true, thresholds: {}, cooldownMinutes: 120 }], later);
    expect((await check(later)).alerts.map((a) => a.type)).toEqual(['crisis_terms']);
    await saveApiRules(runtime.store, [{ brand: '*', type: 'crisis_terms', enabled: false, thresholds: {}, cooldownMinutes: 120 }], later);
    await check(later + 60_000);
    expect((await runtime.store.alerts.listStates()).filter((s) => s.brandId === 'freshbee' && s.active)).toEqual([]);
    const again = Array.from({ length: 9 }, (_, i) => ({ source: 'f', externalId: `r${i}`, text: `${CRISIS[i % 3]} r${i}`, createdAt: new Date(later + DAY - (i + 1) * 5 * 60_000).toISOString() }));
    await runtime.ingest(again, 'f');
    await saveApiRules(runtime.store, [{ brand: '*', type: 'crisis_terms', enabled: true, thresholds: {}, cooldownMinutes: 120 }], later + DAY);
    expect((await check(later + DAY)).alerts.map((a) => a.type)).toEqual(['crisis_terms']);
  });
});
