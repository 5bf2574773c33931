import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveApiRules } from '../../src/alerts/rule-settings.js';
import type { AlertsConfig } from '../../src/alerts/schema.js';
import type { AlertRule } from '../../src/analytics/alerts/rules.js';
import type { Runtime } from '../../src/runtime.js';
import { makeRuntime } from '../helpers/runtime.js';
import { checkAt } from './check-at.js';

const NOW = Date.parse('2026-11-20T10:30:00.000Z');
const rule = (timezone: string): AlertRule => ({
  brand: '*', type: 'crisis_terms', enabled: true, thresholds: { minCount: 3 }, cooldownMinutes: 120, quietHours: { start: '23:00', end: '07:00', timezone },
});
const alerts: AlertsConfig = { rules: [rule('UTC')], channels: [{ id: 'ops', type: 'webhook', url: 'http://127.0.0.1:9/hook', lang: 'zh' }] };
const POSTS = ['鲜蜂外卖吃完食物中毒，投诉无门', '鲜蜂外卖害我拉肚子，必须投诉', '鲜蜂外卖食物中毒，已经报警'];

describe('an alert check whose delivery planning fails', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await makeRuntime({ alerts });
    const posts = POSTS.map((text, i) => ({ source: 'forum', externalId: `p${i}`, text, createdAt: new Date(NOW - (i + 1) * 60_000).toISOString() }));
    expect((await runtime.ingest(posts, 'forum')).inserted).toBe(POSTS.length);
  });
  afterAll(() => runtime.close());

  it('marks nothing as fired, so the alert goes out once the rule is mended', async () => {
    const check = () => checkAt(runtime, alerts, NOW);
    // Rules stored before zones were checked: the misspelt zone makes planning throw.
    await saveApiRules(runtime.store, [rule('Asia/Shangai')], NOW);
    expect((await check()).alerts).toEqual([]);
    expect((await runtime.store.alerts.listStates()).filter((s) => s.key === 'freshbee:crisis_terms' && s.active)).toEqual([]);
    await saveApiRules(runtime.store, [rule('Asia/Shanghai')], NOW);
    const mended = await check();
    expect(mended.alerts.map((a) => `${a.brandId}:${a.type}`)).toEqual(['freshbee:crisis_terms']);
  });
});
