import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderAlertMessage } from '../../src/alerts/message.js';
import { resolveAlertsConfig } from '../../src/alerts/schema.js';
import { DEFAULT_THRESHOLDS } from '../../src/analytics/alerts/rules.js';
import type { WindowCounts } from '../../src/analytics/alerts/types.js';
import { detectVolumeSpike } from '../../src/analytics/alerts/volume-spike.js';
import type { Runtime } from '../../src/runtime.js';
import { makeRuntime, TEST_BRANDS } from '../helpers/runtime.js';
import { checkAt } from './check-at.js';

const NOW = Date.parse('2026-11-20T10:30:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const alerts = resolveAlertsConfig(undefined, TEST_BRANDS.map((b) => b.id));
const TEXTS = ['SwiftEats delivery was on time today', 'Ordered lunch from SwiftEats, fine', 'SwiftEats coupon worked', 'SwiftEats noodles ok', 'SwiftEats app is decent'];
const post = (id: string, at: number, i: number) => ({ source: 'forum', externalId: id, text: `${TEXTS[i % 5]} #${id}`, createdAt: new Date(at).toISOString() });

describe('a brand with little history', () => {
  let runtime: Runtime;
  const check = () => checkAt(runtime, alerts, NOW);

  beforeEach(async () => {
    runtime = await makeRuntime({ alerts });
  });
  afterEach(() => runtime.close());

  it('does not raise a volume spike on its first collection', async () => {
    // The source returns the brand's latest 20 posts, all from the last hour: no history, not a storm.
    await runtime.ingest(Array.from({ length: 20 }, (_, i) => post(`s${i}`, NOW - (i + 1) * 2.5 * MINUTE, i)), 'forum');
    const summary = await check();
    expect(summary.signals.map((s) => s.type)).not.toContain('volume_spike');
    expect(summary.alerts).toEqual([]);
  });

  it('still alerts once there is enough history, and says how much history the baseline covers', async () => {
    const history = Array.from({ length: 8 }, (_, h) => post(`h${h}`, NOW - (h + 1) * HOUR - 10 * MINUTE, h));
    const storm = Array.from({ length: 20 }, (_, i) => post(`s${i}`, NOW - (i + 1) * 2.5 * MINUTE, i));
    await runtime.ingest([...history, ...storm], 'forum');
    const [alert] = (await check()).alerts;
    expect(alert?.type).toBe('volume_spike');
    expect(renderAlertMessage(alert, 'en').signals[0]).toContain('20 mentions in the last 60 min vs median 1 per window over the last 8 h');
  });
});

describe('volume spike baseline', () => {
  const window = (volume: number, i: number): WindowCounts => ({ from: NOW - (i + 2) * HOUR, to: NOW - (i + 1) * HOUR, volume, pos: volume, neu: 0, neg: 0 });
  const recent = { from: NOW - HOUR, to: NOW, volume: 20, pos: 20, neu: 0, neg: 0 };

  it('needs a minimum number of trailing windows before it can fire', () => {
    const short = { recent, seasonal: [], trailing: [0, 1, 0].map(window) };
    expect(detectVolumeSpike(short, 'volume', DEFAULT_THRESHOLDS).fired).toBe(false);
    const enough = { recent, seasonal: [], trailing: [0, 1, 0, 1, 0, 1].map(window) };
    expect(detectVolumeSpike(enough, 'volume', DEFAULT_THRESHOLDS).fired).toBe(true);
  });
});
