import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncConfigSettings } from '../../src/alerts/rule-settings.js';
import { sampleAlert } from '../../src/alerts/sample.js';
import { DEFAULT_ALERT_RULES } from '../../src/analytics/alerts/rules.js';
import type { Runtime } from '../../src/runtime.js';
import type { StoredAlert } from '../../src/store/alert-types.js';
import { makeApp, makeRuntime } from '../helpers/runtime.js';

const T0 = Date.parse('2026-03-03T12:00:00.000Z');

describe('alerts API', () => {
  let runtime: Runtime;
  beforeEach(async () => {
    runtime = await makeRuntime();
  });
  afterEach(() => runtime.close());

  it('GET /api/alerts lists history with delivery status and filters failed ones', async () => {
    const draft = sampleAlert(new Date(T0), 'http://koubei.test');
    const [a, b] = await runtime.store.alerts.recordEvaluation({
      at: T0,
      states: [],
      alerts: [
        { draft, deliveries: [{ channelId: 'hook', nextAttemptAt: T0 }] },
        { draft, deliveries: [{ channelId: 'hook', nextAttemptAt: T0 }] },
      ],
    });
    await runtime.store.alerts.markFailed(a.deliveries[0].id, { attempts: 1, error: 'channel hook: HTTP 404', status: 404 });
    const app = makeApp(runtime);
    const all = (await (await app.request('/api/alerts')).json()) as { items: StoredAlert[] };
    expect(all.items.map((x) => x.id)).toEqual([b.id, a.id]);
    expect(all.items[0].deliveries[0]).toMatchObject({ channelId: 'hook', status: 'pending' });
    expect(all.items[0].signals[0]).toMatchObject({ type: 'crisis_terms' });
    const failed = (await (await app.request('/api/alerts?failed=true')).json()) as { items: StoredAlert[] };
    expect(failed.items.map((x) => x.id)).toEqual([a.id]);
    expect(failed.items[0].deliveries[0]).toMatchObject({ status: 'failed', lastError: 'channel hook: HTTP 404' });
    expect((await app.request('/api/alerts?limit=0')).status).toBe(400);
    expect((await app.request('/api/alerts?brand=freshbee')).status).toBe(200);
    expect((await app.request('/api/alerts?brand=*')).status).toBe(200);
    const unknown = await app.request('/api/alerts?brand=nobody');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toContain('brand "nobody" not found');
  });

  it('GET/PUT/DELETE /api/alert-rules: config rules, validated API overrides, reset', async () => {
    await syncConfigSettings(runtime.store, { rules: DEFAULT_ALERT_RULES, channels: [{ id: 'ops', type: 'feishu', url: 'https://x.test/hook', lang: 'zh', secret: 'not-shown' }] }, T0);
    const app = makeApp(runtime);
    const initial = (await (await app.request('/api/alert-rules')).json()) as { origin: string; rules: unknown[]; channels: unknown[] };
    expect(initial.origin).toBe('config');
    expect(initial.rules).toHaveLength(6);
    expect(initial.channels).toEqual([{ id: 'ops', type: 'feishu', lang: 'zh' }]);
    expect(JSON.stringify(initial)).not.toContain('not-shown');

    const put = (body: unknown) => app.request('/api/alert-rules', { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const rule = { brand: 'freshbee', type: 'crisis_terms', thresholds: { minCount: 5 }, channels: ['ops'], quietHours: { start: '23:00', end: '07:00', timezone: 'Asia/Shanghai' } };
    const saved = await put({ rules: [rule] });
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as { origin: string; rules: { enabled: boolean; cooldownMinutes: number }[] };
    expect(body.origin).toBe('api');
    expect(body.rules[0]).toMatchObject({ enabled: true, cooldownMinutes: 120 });

    const unknownChannel = await put({ rules: [{ ...rule, channels: ['nope'] }] });
    expect(unknownChannel.status).toBe(400);
    expect(((await unknownChannel.json()) as { message: string }).message).toContain('unknown channel "nope"');
    expect((await put({ rules: [{ ...rule, brand: 'ghost' }] })).status).toBe(400);
    expect((await put({ rules: [{ ...rule, thresholds: { zScore: -1 } }] })).status).toBe(400);
    expect((await put({ rules: [{ ...rule, quietHours: { start: '25:00', end: '07:00' } }] })).status).toBe(400);

    const reset = (await (await app.request('/api/alert-rules', { method: 'DELETE' })).json()) as { origin: string };
    expect(reset.origin).toBe('config');
  });

  it('refuses to delete a brand the alert rules in force name, until the rules change', async () => {
    const app = makeApp(runtime);
    const send = (path: string, method: string, body?: unknown) =>
      app.request(path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await send('/api/brands/rival', 'PUT', { name: 'Rival' })).status).toBe(200);
    const watchRival = { brand: 'rival', type: 'volume_spike' };
    expect((await send('/api/alert-rules', 'PUT', { rules: [{ brand: '*', type: 'crisis_terms' }, watchRival] })).status).toBe(200);

    const refused = await send('/api/brands/rival', 'DELETE');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toBe(
      'brand "rival" is named by the alert rules[1] (origin api): change them with PUT /api/alert-rules first',
    );
    expect((await send('/api/brands/rival', 'GET')).status).toBe(200);

    expect((await send('/api/alert-rules', 'PUT', { rules: [{ brand: '*', type: 'crisis_terms' }] })).status).toBe(200);
    expect((await send('/api/brands/rival', 'DELETE')).status).toBe(204);
    expect((await send('/api/brands/rival', 'GET')).status).toBe(404);
  });

  it('documents the alert routes in OpenAPI', async () => {
    const doc = (await (await makeApp(runtime).request('/api/openapi.json')).json()) as { paths: Record<string, object> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/alerts', '/api/alert-rules']));
  });
});
