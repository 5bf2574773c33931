import { expect, it } from 'vitest';
import { sampleAlert } from '../../src/alerts/sample.js';
import { brandRecords, describeStores, makeInput, makePost } from '../helpers/store.js';

const T0 = Date.parse('2026-11-20T12:00:00.000Z');

describeStores('store: alerts repository', (open) => {
  it('records an evaluation atomically and walks a delivery through retry, sent and failed', async () => {
    const { store } = await open();
    const draft = sampleAlert(new Date(T0), 'http://koubei.test');
    const state = { key: 'freshbee:volume_spike', brandId: 'freshbee', type: draft.type, active: true, severity: draft.severity, lastFiredAt: T0, lastSeenAt: T0, resolvedAt: null };
    const [alert] = await store.alerts.recordEvaluation({
      at: T0,
      states: [state],
      alerts: [{ draft, deliveries: [{ channelId: 'hook', nextAttemptAt: T0 }, { channelId: 'slack', nextAttemptAt: T0 + 60_000 }] }],
    });
    expect(alert.deliveries.map((d) => [d.channelId, d.status])).toEqual([['hook', 'pending'], ['slack', 'pending']]);
    expect(await store.alerts.listStates()).toEqual([state]);
    const due = await store.alerts.dueDeliveries(T0, 10);
    expect(due.map((d) => d.delivery.channelId)).toEqual(['hook']);
    expect(due[0].alert.id).toBe(alert.id);
    await store.alerts.markRetry(due[0].delivery.id, { attempts: 1, error: 'HTTP 500', status: 500 }, T0 + 30_000);
    expect(await store.alerts.dueDeliveries(T0 + 1, 10)).toEqual([]);
    await store.alerts.markSent(due[0].delivery.id, T0 + 31_000, { attempts: 2, status: 200 });
    await store.alerts.defer(alert.deliveries[1].id, T0 + 120_000);
    await store.alerts.markFailed(alert.deliveries[1].id, { attempts: 1, error: 'HTTP 404', status: 404 });
    const stored = await store.alerts.getAlert(alert.id);
    expect(stored?.deliveries.map((d) => [d.status, d.attempts, d.lastStatus])).toEqual([['sent', 2, 200], ['failed', 1, 404]]);
    expect(await store.alerts.countSentSince('hook', T0)).toBe(1);
    expect((await store.alerts.listAlerts({ limit: 10, failedOnly: true })).map((a) => a.id)).toEqual([alert.id]);
    expect(await store.alerts.listAlerts({ limit: 10, beforeId: alert.id })).toEqual([]);
  });

  it('counts brand mentions per window and their themes, leaving out reposts and deleted posts', async () => {
    const { store } = await open();
    const at = (m: number) => new Date(T0 + m * 60_000).toISOString();
    await store.upsertBrands(brandRecords('freshbee', 'swifteats'));
    await store.saveMentions([
      makeInput(makePost({ externalId: '1', text: 'FreshBee late again, cold food', createdAt: at(1) }), 'neg', ['freshbee']),
      makeInput(makePost({ externalId: '2', text: 'FreshBee courier was lovely today', createdAt: at(2) }), 'pos', ['freshbee']),
      makeInput(makePost({ source: 'other', externalId: '3', text: 'RT @x: FreshBee late again, cold food', createdAt: at(3) }), 'neg', ['freshbee']),
      makeInput(makePost({ externalId: '4', text: 'SwiftEats is fine I guess', createdAt: at(4) }), 'neu', ['swifteats']),
    ]);
    await store.markDeleted('test', ['2'], T0);
    const [w] = await store.alerts.windowCounts('freshbee', [{ from: T0, to: T0 + 3_600_000 }]);
    expect(w).toEqual({ from: T0, to: T0 + 3_600_000, volume: 1, pos: 0, neu: 0, neg: 1 });
    const themes = await store.alerts.themeCounts('freshbee', T0, T0 + 3_600_000);
    expect([...themes.themes]).toEqual([['battery', 1]]);
    expect(themes.mentions).toBe(1);
  });

  it('counts windows that start and end inside an hour the same as whole hours (rollups plus the partial hours)', async () => {
    const { store } = await open();
    const min = (m: number) => T0 + m * 60_000;
    const post = (id: string, m: number, text: string) => makePost({ externalId: id, text, createdAt: new Date(min(m)).toISOString() });
    await store.upsertBrands(brandRecords('freshbee', 'swifteats'));
    await store.saveMentions([
      makeInput(post('1', 10, 'FreshBee late again, cold food'), 'neg', ['freshbee']),
      makeInput(post('2', 50, 'FreshBee courier was lovely today'), 'pos', ['freshbee']),
      makeInput(post('3', 55, 'SwiftEats lost my order'), 'neg', ['swifteats']),
      makeInput(post('4', 65, 'FreshBee post that gets deleted'), 'neg', ['freshbee']),
      makeInput(post('5', 70, 'FreshBee is fine I guess'), 'neu', ['freshbee']),
      makeInput(makePost({ source: 'other', externalId: '6', text: 'RT @x: FreshBee late again, cold food', createdAt: new Date(min(75)).toISOString() }), 'neg', ['freshbee']),
      makeInput(post('7', 130, 'FreshBee refund took a week'), 'neg', ['freshbee']),
      makeInput(post('8', 200, 'FreshBee new menu is great'), 'pos', ['freshbee']),
    ]);
    await store.markDeleted('test', ['4'], T0);
    const ranges = [
      { from: min(30), to: min(150) }, // edge, a whole hour, edge
      { from: min(5), to: min(45) }, // inside one hour
      { from: T0, to: min(240) }, // whole hours only
      { from: min(50), to: min(70) }, // half-open: 50 in, 70 out
      { from: min(70), to: min(200) },
      { from: min(50), to: min(50) },
    ];
    const counts = await store.alerts.windowCounts('freshbee', ranges);
    expect(counts.map(({ volume, pos, neu, neg }) => [volume, pos, neu, neg])).toEqual([
      [3, 1, 1, 1],
      [1, 0, 0, 1],
      [5, 2, 1, 2],
      [1, 1, 0, 0],
      [2, 0, 1, 1],
      [0, 0, 0, 0],
    ]);
    expect(counts.map(({ from, to }) => ({ from, to }))).toEqual(ranges);
    expect((await store.alerts.themeCounts('freshbee', min(30), min(150))).mentions).toBe(3);
    expect((await store.alerts.windowCounts('swifteats', [{ from: min(30), to: min(150) }]))[0].volume).toBe(1);
  });

  it('keeps JSON settings with their update time', async () => {
    const { store } = await open();
    await store.alerts.putSetting('rules', { a: [1, 2] }, 5);
    await store.alerts.putSetting('rules', { a: [3] }, 6);
    expect(await store.alerts.getSetting('rules')).toEqual({ value: { a: [3] }, updatedAt: 6 });
    await store.alerts.deleteSetting('rules');
    expect(await store.alerts.getSetting('rules')).toBeUndefined();
  });
});

describeStores('store: api keys', (open) => {
  it('verifies only the right secret of a key that is not revoked, and records its use', async () => {
    const { store } = await open();
    const created = await store.keys.create({ id: 'k1', name: 'crm', scopes: ['tags:read'], secret: 's3cret' }, 10);
    expect(created).toEqual({ id: 'k1', name: 'crm', scopes: ['tags:read'], createdAt: 10, lastUsedAt: null, revokedAt: null });
    expect(await store.keys.verify('k1', 'wrong', 11)).toBeUndefined();
    expect((await store.keys.verify('k1', 's3cret', 12))?.id).toBe('k1');
    expect((await store.keys.list())[0].lastUsedAt).toBe(12);
    expect(await store.keys.revoke('k1', 13)).toBe(true);
    expect(await store.keys.revoke('k1', 14)).toBe(false);
    expect(await store.keys.verify('k1', 's3cret', 15)).toBeUndefined();
  });
});
