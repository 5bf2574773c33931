import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleAlert } from '../../src/alerts/sample.js';
import type { ChannelConfig } from '../../src/alerts/schema.js';
import { deliverOutbox } from '../../src/jobs/deliver-outbox.js';
import { silentLogger } from '../../src/logger.js';
import type { Store } from '../../src/store/types.js';
import { makeStore } from '../helpers/store.js';
import { makeRuntime } from '../helpers/runtime.js';
import { startReceiver, type Receiver } from './receiver.js';

const T0 = Date.parse('2026-03-03T12:00:00.000Z');

/** Stores `count` alerts, each with one pending delivery per channel, as check-alerts would. */
async function enqueue(store: Store, channelIds: string[], count = 1, at = T0) {
  const draft = sampleAlert(new Date(at), 'http://koubei.test');
  const alerts = Array.from({ length: count }, () => ({ draft, deliveries: channelIds.map((channelId) => ({ channelId, nextAttemptAt: at })) }));
  return store.alerts.recordEvaluation({ at, states: [], alerts });
}

function outbox(store: Store, channels: ChannelConfig[], clock: { now: number }) {
  return () => deliverOutbox({ store, channels, fetch, now: () => new Date(clock.now), log: silentLogger });
}

describe('alert outbox', () => {
  let receiver: Receiver;
  let store: Store;
  const clock = { now: T0 };
  beforeEach(async () => {
    receiver = await startReceiver();
    store = makeStore();
    clock.now = T0;
  });
  afterEach(async () => {
    await receiver.close();
    await store.close();
  });

  it('retries with backoff and the receiver acts on the alert exactly once', async () => {
    // The first attempt is processed but answered with 500 (as if the response were lost).
    receiver.handle = (_req, i) => ({ status: i === 0 ? 500 : 200 });
    const hook: ChannelConfig = { id: 'hook', type: 'webhook', url: `${receiver.url}/hook`, lang: 'en', secret: 's' };
    const [alert] = await enqueue(store, ['hook']);
    const run = outbox(store, [hook], clock);
    expect(await run()).toEqual({ sent: 0, retried: 1, failed: 0, deferred: 0 });
    clock.now = T0 + 10_000;
    expect(await run()).toEqual({ sent: 0, retried: 0, failed: 0, deferred: 0 }); // backoff: not due yet
    clock.now = T0 + 31_000;
    expect(await run()).toMatchObject({ sent: 1 });
    clock.now = T0 + 120_000;
    expect(await run()).toMatchObject({ sent: 0 });
    expect(receiver.requests).toHaveLength(2);
    const keys = receiver.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toBe(keys[1]);
    expect(receiver.processed).toEqual([alert.deliveries[0].idempotencyKey]);
    const [stored] = await store.alerts.listAlerts({ limit: 10 });
    expect(stored.deliveries[0]).toMatchObject({ status: 'sent', attempts: 2, lastStatus: 200 });
  });

  it('keeps delivering to other channels when one fails, and shows the failure', async () => {
    receiver.handle = (req) => ({ status: req.rawUrl.startsWith('/gone') ? 404 : 200, body: req.rawUrl.startsWith('/gone') ? 'no such hook' : 'ok' });
    const channels: ChannelConfig[] = [
      { id: 'gone', type: 'slack', url: `${receiver.url}/gone`, lang: 'en' },
      { id: 'ok', type: 'slack', url: `${receiver.url}/ok`, lang: 'en' },
    ];
    await enqueue(store, ['gone', 'ok', 'missing']);
    expect(await outbox(store, channels, clock)()).toEqual({ sent: 1, retried: 0, failed: 2, deferred: 0 });
    const failed = await store.alerts.listAlerts({ limit: 10, failedOnly: true });
    expect(failed).toHaveLength(1);
    const byChannel = Object.fromEntries(failed[0].deliveries.map((d) => [d.channelId, d]));
    expect(byChannel.gone).toMatchObject({ status: 'failed', lastStatus: 404 });
    expect(byChannel.gone.lastError).toContain('HTTP 404');
    expect(byChannel.missing.lastError).toContain('not configured');
    expect(byChannel.ok.status).toBe('sent');
  });

  it('gives up after the maximum number of attempts', async () => {
    receiver.handle = () => ({ status: 502 });
    const hook: ChannelConfig = { id: 'hook', type: 'webhook', url: `${receiver.url}/hook`, lang: 'en' };
    await enqueue(store, ['hook']);
    for (let i = 0; i < 8; i++) {
      await outbox(store, [hook], clock)();
      clock.now += 3_600_000;
    }
    const [alert] = await store.alerts.listAlerts({ limit: 1 });
    expect(alert.deliveries[0]).toMatchObject({ status: 'failed', attempts: 8 });
    expect(receiver.requests).toHaveLength(8);
  });

  it('queues beyond 20 messages a minute for a DingTalk robot instead of dropping them', async () => {
    receiver.handle = () => ({ body: { errcode: 0, errmsg: 'ok' } });
    const ding: ChannelConfig = { id: 'ding', type: 'dingtalk', url: `${receiver.url}/robot/send?access_token=t`, lang: 'zh' };
    await enqueue(store, ['ding'], 25);
    expect(await outbox(store, [ding], clock)()).toEqual({ sent: 20, retried: 0, failed: 0, deferred: 5 });
    clock.now = T0 + 30_000;
    expect(await outbox(store, [ding], clock)()).toMatchObject({ sent: 0 });
    clock.now = T0 + 60_000;
    expect(await outbox(store, [ding], clock)()).toEqual({ sent: 5, retried: 0, failed: 0, deferred: 0 });
    expect(receiver.requests).toHaveLength(25);
  });

  it('holds a Feishu bot to 5 messages a second, sending the rest a second later', async () => {
    receiver.handle = () => ({ body: { code: 0, msg: 'success' } });
    const feishu: ChannelConfig = { id: 'fs', type: 'feishu', url: `${receiver.url}/open-apis/bot/v2/hook/x`, lang: 'zh' };
    await enqueue(store, ['fs'], 7);
    expect(await outbox(store, [feishu], clock)()).toEqual({ sent: 5, retried: 0, failed: 0, deferred: 2 });
    clock.now = T0 + 1_000;
    expect(await outbox(store, [feishu], clock)()).toEqual({ sent: 2, retried: 0, failed: 0, deferred: 0 });
    expect(receiver.requests).toHaveLength(7);
  });
});

describe('alert outbox across a restart', () => {
  it('delivers pending rows stored by a previous process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-alerts-'));
    const databasePath = join(dir, 'koubei.db');
    const receiver = await startReceiver();
    try {
      const first = await makeRuntime({ databasePath });
      const [alert] = await enqueue(first.store, ['hook']);
      await first.close(); // "crash" before any delivery
      const second = await makeRuntime({ databasePath });
      const hook: ChannelConfig = { id: 'hook', type: 'webhook', url: `${receiver.url}/hook`, lang: 'en' };
      const summary = await deliverOutbox({ store: second.store, channels: [hook], fetch, now: () => new Date(T0 + 5_000), log: silentLogger });
      expect(summary.sent).toBe(1);
      expect(receiver.processed).toEqual([alert.deliveries[0].idempotencyKey]);
      expect(JSON.parse(receiver.requests[0].body).alert.id).toBe(alert.id);
      await second.close();
    } finally {
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
