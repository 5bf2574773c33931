import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayDemo, type DemoPost } from '../../src/collectors/demo-stream.js';
import { loadCrisisLexicon } from '../../src/alerts/lexicon.js';
import { DEFAULT_ALERT_RULES } from '../../src/analytics/alerts/rules.js';
import { checkAlerts } from '../../src/jobs/check-alerts.js';
import { deliverOutbox } from '../../src/jobs/deliver-outbox.js';
import { silentLogger } from '../../src/logger.js';
import { DEMO_DIR } from '../../src/resources/paths.js';
import type { Runtime } from '../../src/runtime.js';
import type { StoredAlert } from '../../src/store/alert-types.js';
import { makeApp, makeRuntime } from '../helpers/runtime.js';
import { startReceiver, type Receiver } from './receiver.js';

const START = Date.parse('2026-03-01T00:00:00.000Z'); // demo minute 0 (local midnight, UTC here)
const MINUTE = 60_000;
const posts = readFileSync(join(DEMO_DIR, 'posts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as DemoPost);
const brands = JSON.parse(readFileSync(join(DEMO_DIR, 'brands.json'), 'utf8'));

describe('alerts on the demo stream', () => {
  let runtime: Runtime;
  let receiver: Receiver;
  const fired: StoredAlert[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
    const alerts = {
      rules: DEFAULT_ALERT_RULES,
      channels: [{ id: 'team-hook', type: 'webhook' as const, url: `${receiver.url}/hook`, lang: 'zh' as const, secret: 's3cret' }],
      baseUrl: 'https://koubei.example',
    };
    runtime = await makeRuntime({ brands, alerts });
    const lexicon = loadCrisisLexicon();
    let cursor = null;
    // Collect every 15 minutes from hour 48 to hour 66, checking alerts after each collection.
    for (let minute = 48 * 60; minute <= 66 * 60; minute += 15) {
      const now = START + minute * MINUTE;
      const batch = replayDemo(posts, cursor, now, minute, 'demo');
      cursor = batch.cursor;
      await runtime.ingest(batch.posts, 'demo');
      const summary = await checkAlerts({ store: runtime.store, brands, alerts, lexicon, timezone: 'UTC', baseUrl: 'http://unused', now: () => new Date(now), log: silentLogger });
      fired.push(...summary.alerts);
    }
  });
  afterAll(async () => {
    await runtime.close();
    await receiver.close();
  });

  const minuteOf = (alert: StoredAlert) => (Date.parse(alert.createdAt) - START) / MINUTE;

  it('alerts on the planted FreshBee complaint burst within minutes, then once more when it turns critical', () => {
    const incident = fired.filter((a) => a.brandId === 'freshbee' && minuteOf(a) >= 3600 && minuteOf(a) <= 3720);
    expect(incident.map((a) => [minuteOf(a), a.severity])).toEqual([
      [3615, 'warning'], // first crisis-term complaints, 5 minutes after the first incident post (minute 3610)
      [3630, 'critical'], // the storm: volume and negative spikes, sentiment drop, the 326k-follower exposé
    ]);
    const [first, storm] = incident;
    expect(first.signals.map((s) => s.type)).toEqual(['crisis_terms']);
    expect(storm.signals.map((s) => s.type)).toEqual(
      expect.arrayContaining(['volume_spike', 'negative_spike', 'crisis_terms', 'sentiment_drop', 'influential_negative']),
    );
    const spike = storm.signals.find((s) => s.type === 'volume_spike')!;
    expect(spike.observed).toBeGreaterThanOrEqual(10);
    expect(spike.stats.zSeasonal).toBeGreaterThanOrEqual(4);
    expect(spike.stats.zTrailing).toBeGreaterThanOrEqual(4);
    const crisis = storm.signals.find((s) => s.type === 'crisis_terms')!;
    expect(crisis.terms).toEqual(expect.arrayContaining(['食物中毒', '拉肚子']));
    expect(storm.samples).toHaveLength(3);
    expect(storm.samples.every((s) => s.url?.startsWith('https://example.com/demo/'))).toBe(true);
    expect(storm.topThemes.length).toBeGreaterThan(0);
    expect(storm.apiUrl).toMatch(/^https:\/\/koubei\.example\/api\/mentions\?brand=freshbee&from=/);
    expect(storm.deliveries).toMatchObject([{ channelId: 'team-hook', status: 'pending' }]);
  });

  it('does not flood: no FreshBee alert before the burst, and the ongoing storm is not re-sent', () => {
    const freshbee = fired.filter((a) => a.brandId === 'freshbee');
    expect(freshbee.filter((a) => minuteOf(a) < 3610)).toEqual([]);
    expect(freshbee.filter((a) => a.severity === 'critical')).toHaveLength(1);
    // At most one more (aftermath complaints after the storm resolved and the cooldown passed).
    expect(freshbee.length).toBeLessThanOrEqual(3);
  });

  it('stays quiet for the other brands except a negative review by a 1.2M-follower account', () => {
    const others = fired.filter((a) => a.brandId !== 'freshbee');
    expect(others.map((a) => `${a.brandId}:${a.signals.map((s) => s.type).join('+')}`)).toEqual(['stellar:influential_negative']);
    expect(others[0].signals[0].observed).toBe(1_200_000);
  });

  it('delivers the alert in Chinese to the configured channel and lists it in the API', async () => {
    const summary = await deliverOutbox({
      store: runtime.store,
      channels: runtime.config.alerts!.channels,
      fetch,
      now: () => new Date(START + 66 * 60 * MINUTE),
      log: silentLogger,
    });
    expect(summary.sent).toBe(fired.length);
    const body = JSON.parse(receiver.requests[0].body);
    const storm = receiver.requests.map((r) => JSON.parse(r.body)).find((b) => b.alert.severity === 'critical' && b.alert.brandId === 'freshbee');
    expect(storm.title).toContain('【严重】FreshBee');
    expect(storm.text).toContain('近 60 分钟提及');
    const res = await makeApp(runtime).request('/api/alerts?brand=freshbee');
    const page = (await res.json()) as { items: StoredAlert[] };
    expect(page.items[0].deliveries[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
