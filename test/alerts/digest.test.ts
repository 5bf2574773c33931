import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestAlertDraft, renderDigestMessage, resolveDigestConfig, type DigestConfig } from '../../src/alerts/digest.js';
import { CHANNELS } from '../../src/alerts/channels/index.js';
import type { ChannelConfig } from '../../src/alerts/schema.js';
import { createAlertService } from '../../src/alerts/service.js';
import { main } from '../../src/cli/main.js';
import type { AppConfig } from '../../src/config.js';
import type { Digest } from '../../src/domain.js';
import { silentLogger } from '../../src/logger.js';
import type { Store } from '../../src/store/types.js';
import { makeStore } from '../helpers/store.js';
import { testConfig } from '../helpers/runtime.js';
import { startReceiver, type Receiver } from './receiver.js';

const T0 = Date.parse('2026-11-21T09:00:00.000Z');

/** Headline numbers chosen so each one is recognisable in the rendered text. */
const DIGEST: Digest = {
  period: 'daily',
  lang: 'en',
  from: '2026-11-20T09:00:00.000Z',
  to: '2026-11-21T09:00:00.000Z',
  brands: [
    {
      brandId: 'freshbee',
      brandName: 'FreshBee',
      volume: 1234,
      baselineVolume: 987,
      volumePct: 0.25,
      netSentiment: -0.31,
      netChange: -0.12,
      neg: 456,
      topThemes: ['退款', 'delivery'],
      newThemes: ['食物中毒'],
      worstAspect: { aspect: 'delivery', change: -0.4 },
      reportUrl: 'http://koubei.test/report?brand=freshbee',
    },
  ],
  link: 'http://koubei.test/',
};

const config = (channels: ChannelConfig[]): AppConfig => testConfig({ alerts: { rules: [], channels } });

describe('digest delivery', () => {
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

  const service = (channels: ChannelConfig[]) =>
    createAlertService({ config: config(channels), store, log: silentLogger, fetch, now: () => new Date(clock.now) });

  it('zh and en messages carry the headline numbers', () => {
    const draft = digestAlertDraft(DIGEST, new Date(T0));
    for (const lang of ['zh', 'en'] as const) {
      const m = renderDigestMessage({ ...draft, digest: DIGEST }, lang);
      const text = [m.title, ...m.signals, m.themes].join('\n');
      for (const n of ['1234', '987', '+25.0%', '-0.31', '-0.12', '456', '退款']) expect(text).toContain(n);
      expect(text).toContain(lang === 'zh' ? '物流配送 -0.40' : 'delivery -0.40');
      expect(m.title).toContain(lang === 'zh' ? '每日口碑简报' : 'Daily word-of-mouth digest');
      expect(text).toContain(lang === 'zh' ? '负面 456' : 'negative 456');
    }
    // A language fixed in the config wins over the channel's.
    expect(renderDigestMessage({ ...digestAlertDraft(DIGEST, new Date(T0), 'zh'), digest: DIGEST }, 'en').title).toContain('每日');
  });

  it('every channel adapter builds a valid payload without an empty samples section', () => {
    const draft = { ...digestAlertDraft(DIGEST, new Date(T0)), id: 1 };
    for (const adapter of Object.values(CHANNELS)) {
      const channel: ChannelConfig = { id: adapter.type, type: adapter.type, url: 'http://127.0.0.1:9/x', lang: 'zh', secret: 's' };
      const message = renderDigestMessage({ ...draft, digest: DIGEST }, 'zh');
      const body = adapter.build({ alert: draft, message, channel, now: new Date(T0), idempotencyKey: 'k' }).body;
      const json = JSON.parse(body);
      expect(body, adapter.type).toContain('1234');
      expect(body, adapter.type).not.toContain(message.labels.samples);
      if (adapter.type === 'slack') expect(json.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'section', 'actions']);
      if (adapter.type === 'teams') expect(json.attachments[0].content.type).toBe('AdaptiveCard');
      if (adapter.type === 'discord') expect(json.embeds[0].fields.length).toBe(3);
      if (adapter.type === 'webhook') expect(json).toMatchObject({ id: 'k', type: 'koubei.digest', alert: { type: 'digest', digest: { brands: [{ volume: 1234 }] } } });
    }
  });

  it('is stored first, then delivered once to the channel through the outbox', async () => {
    receiver.handle = () => ({ body: { code: 0 } });
    const feishu: ChannelConfig = { id: 'team', type: 'feishu', url: `${receiver.url}/hook`, lang: 'zh', secret: 's' };
    const digestConfig = resolveDigestConfig({ schedule: 'daily', time: '09:00' }, ['team'], [])!;
    const { alert, delivery } = await service([feishu]).queueDigest(DIGEST, digestConfig);
    expect(delivery).toEqual({ sent: 1, retried: 0, failed: 0, deferred: 0 });
    expect(await service([feishu]).deliver()).toEqual({ sent: 0, retried: 0, failed: 0, deferred: 0 });
    expect(receiver.requests).toHaveLength(1);
    const card = JSON.parse(receiver.requests[0].body).card;
    expect(card.header.title.content).toContain('每日口碑简报');
    expect(card.elements[0].text.content).toContain('FreshBee: 1234 条提及');
    const [stored] = await store.alerts.listAlerts({ limit: 5 });
    expect(stored).toMatchObject({ id: alert.id, type: 'digest', severity: 'info', brandId: '*', signals: [] });
    expect(stored.deliveries[0]).toMatchObject({ channelId: 'team', status: 'sent', attempts: 1 });
  });

  it('retries after a 500 and the receiver acts on it exactly once', async () => {
    receiver.handle = (_req, i) => ({ status: i === 0 ? 500 : 200 });
    const hook: ChannelConfig = { id: 'hook', type: 'webhook', url: `${receiver.url}/hook`, lang: 'en', secret: 's' };
    const digestConfig: DigestConfig = { period: 'daily', cron: '0 9 * * *', channels: ['hook'] };
    const { delivery } = await service([hook]).queueDigest(DIGEST, digestConfig);
    expect(delivery).toMatchObject({ sent: 0, retried: 1 });
    clock.now = T0 + 10_000;
    expect(await service([hook]).deliver()).toMatchObject({ sent: 0, retried: 0 }); // backoff: not due yet
    clock.now = T0 + 31_000;
    expect(await service([hook]).deliver()).toMatchObject({ sent: 1 });
    clock.now = T0 + 3_600_000;
    expect(await service([hook]).deliver()).toMatchObject({ sent: 0 });
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[0].headers['idempotency-key']).toBe(receiver.requests[1].headers['idempotency-key']);
    expect(receiver.processed).toHaveLength(1);
    expect(JSON.parse(receiver.requests[1].body).text).toContain('FreshBee: 1234 mentions (vs 987, +25.0%)');
  });

  it('waits out quiet hours and only goes to the digest channels', async () => {
    const a: ChannelConfig = { id: 'a', type: 'slack', url: `${receiver.url}/a`, lang: 'en' };
    const b: ChannelConfig = { id: 'b', type: 'slack', url: `${receiver.url}/b`, lang: 'en' };
    const digestConfig = resolveDigestConfig({ schedule: 'weekly', time: '08:30', channels: ['b'], quietHours: { start: '22:00', end: '10:00' } }, ['a', 'b'], [])!;
    expect(digestConfig.cron).toBe('30 8 * * 1');
    const { alert, delivery } = await service([a, b]).queueDigest(DIGEST, digestConfig);
    expect(delivery.sent).toBe(0);
    expect(alert.deliveries.map((d) => [d.channelId, d.nextAttemptAt])).toEqual([['b', Date.parse('2026-11-21T10:00:00.000Z')]]);
    clock.now = Date.parse('2026-11-21T10:00:00.000Z');
    expect(await service([a, b]).deliver()).toMatchObject({ sent: 1 });
    expect(receiver.requests.map((r) => r.rawUrl)).toEqual(['/b']);
  });

  it('rejects a digest block naming an unknown channel or brand', () => {
    expect(() => resolveDigestConfig({ schedule: 'daily', time: '09:00', channels: ['nope'] }, ['a'], [])).toThrow(/digest.channels: unknown channel "nope"/);
    expect(() => resolveDigestConfig({ schedule: 'daily', time: '09:00', brands: ['nope'] }, ['a'], ['freshbee'])).toThrow(/digest.brands: unknown brand "nope"/);
    expect(resolveDigestConfig(undefined, ['a'], [])).toBeUndefined();
  });
});

describe('koubei digest --send', () => {
  it('stores the digest and delivers it to the digest channel once', async () => {
    const receiver = await startReceiver();
    const dir = mkdtempSync(join(tmpdir(), 'koubei-cli-digest-'));
    try {
      const config = {
        demo: false,
        brands: [{ id: 'freshbee', name: 'FreshBee' }],
        alerts: { channels: [{ id: 'team', type: 'webhook', url: `${receiver.url}/hook`, lang: 'zh' }, { id: 'other', type: 'webhook', url: `${receiver.url}/other` }] },
        digest: { schedule: 'weekly', channels: ['team'] },
      };
      writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify(config));
      let stdout = '';
      const out = new PassThrough().on('data', (d) => (stdout += d));
      const env = { CI: 'true', KOUBEI_CONFIG: join(dir, 'koubei.config.json'), KOUBEI_DB: join(dir, 'k.db') };
      const code = await main(['digest', '--send'], { stdout: out, stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env });
      expect(code).toBe(0);
      expect(stdout).toMatch(/digest \d+ queued for team: delivered 1/);
      expect(receiver.requests.map((r) => r.rawUrl)).toEqual(['/hook']);
      const body = JSON.parse(receiver.requests[0].body);
      expect(body).toMatchObject({ type: 'koubei.digest', lang: 'zh', alert: { type: 'digest', digest: { period: 'weekly' } } });
      expect(body.text).toContain('FreshBee: 0 条提及');
    } finally {
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
