import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleAlert } from '../../src/alerts/sample.js';
import type { ChannelConfig } from '../../src/alerts/schema.js';
import { createAlertService } from '../../src/alerts/service.js';
import type { AppConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import type { Store } from '../../src/store/types.js';
import { makeStore } from '../helpers/store.js';
import { testConfig } from '../helpers/runtime.js';
import { startReceiver, type Receiver } from './receiver.js';

const T0 = Date.parse('2026-03-03T12:00:00.000Z');

/** A webhook platform that answers nothing until `release()`: the hung (or very slow) case. */
async function startHeldReceiver() {
  const alertIds: number[] = [];
  const held: ServerResponse[] = [];
  let holding = true;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      alertIds.push(JSON.parse(Buffer.concat(chunks).toString('utf8')).alert.id);
      if (holding) held.push(res);
      else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Alert ids in the order the platform received them. */
    alertIds,
    release: () => {
      holding = false;
      for (const res of held.splice(0)) res.writeHead(200).end('ok');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const config = (channels: ChannelConfig[]): AppConfig => testConfig({ alerts: { rules: [], channels } });

async function enqueue(store: Store, channelIds: string[], count = 1) {
  const draft = sampleAlert(new Date(T0), 'http://koubei.test');
  const alerts = Array.from({ length: count }, () => ({ draft, deliveries: channelIds.map((channelId) => ({ channelId, nextAttemptAt: T0 })) }));
  return store.alerts.recordEvaluation({ at: T0, states: [], alerts });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean) {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error('timed out waiting');
    await sleep(10);
  }
}

describe('deliver: one held-up platform', () => {
  let fast: Receiver;
  let slow: Awaited<ReturnType<typeof startHeldReceiver>>;
  let store: Store;
  const runs: Promise<unknown>[] = [];
  beforeEach(async () => {
    fast = await startReceiver();
    slow = await startHeldReceiver();
    store = makeStore();
  });
  afterEach(async () => {
    slow.release();
    await Promise.allSettled(runs.splice(0));
    await Promise.all([fast.close(), slow.close()]);
    await store.close();
  });

  it("does not delay another channel's alert, and its own alerts still arrive in order, once each", async () => {
    const channels: ChannelConfig[] = [
      { id: 'cn-ops', type: 'webhook', url: `${slow.url}/hook`, lang: 'zh' },
      { id: 'oncall', type: 'slack', url: `${fast.url}/slack`, lang: 'en' },
    ];
    const service = createAlertService({ config: config(channels), store, log: silentLogger, fetch, now: () => new Date(T0) });
    const older = await enqueue(store, ['cn-ops'], 3);
    const first = service.deliver();
    runs.push(first);
    await until(() => slow.alertIds.length === 1);

    const [critical] = await enqueue(store, ['cn-ops', 'oncall']);
    const second = await Promise.race([service.deliver(), sleep(2_000).then(() => 'still waiting for cn-ops')]);
    expect(second).toEqual({ sent: 1, retried: 0, failed: 0, deferred: 0 });
    expect(fast.requests.map((r) => r.rawUrl)).toEqual(['/slack']);
    expect(slow.alertIds).toEqual([older[0].id]); // the new alert does not overtake the held ones

    slow.release();
    expect(await first).toEqual({ sent: 3, retried: 0, failed: 0, deferred: 0 });
    expect(await service.deliver()).toEqual({ sent: 1, retried: 0, failed: 0, deferred: 0 });
    expect(slow.alertIds).toEqual([...older.map((a) => a.id), critical.id]);
    expect(fast.requests).toHaveLength(1);
  });
});
