import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderAlertMessage } from '../../src/alerts/message.js';
import { resolveAlertsConfig } from '../../src/alerts/schema.js';
import type { Runtime } from '../../src/runtime.js';
import { makeRuntime, TEST_BRANDS } from '../helpers/runtime.js';
import { checkAt } from './check-at.js';

const NOW = Date.parse('2026-11-20T10:30:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// docs/alerts.md: default rules for every brand plus a faster 30-minute volume rule for freshbee.
const alerts = resolveAlertsConfig(
  {
    channels: [],
    rules: [
      { brand: '*', type: 'volume_spike', enabled: true, thresholds: {}, cooldownMinutes: 120 },
      { brand: '*', type: 'sentiment_drop', enabled: true, thresholds: {}, cooldownMinutes: 120 },
      { brand: 'freshbee', type: 'volume_spike', enabled: true, thresholds: { minVolume: 20, windowMinutes: 30 }, cooldownMinutes: 120 },
    ],
  },
  TEST_BRANDS.map((b) => b.id),
);
const post = (id: string, at: number) => ({ source: 'f', externalId: id, text: `鲜蜂外卖今天的午饭还可以 ${id}`, createdAt: new Date(at).toISOString() });
/** A week of one post an hour, ending two hours ago. */
const HISTORY = Array.from({ length: 7 * 24 }, (_, i) => post(`b${i}`, NOW - (i + 2) * HOUR + 10 * MINUTE));

describe('a brand rule with its own window', () => {
  let runtime: Runtime;
  const check = () => checkAt(runtime, alerts, NOW);

  beforeEach(async () => {
    runtime = await makeRuntime({ alerts });
  });
  afterEach(() => runtime.close());

  it('does not count posts from before its window', async () => {
    // 24 posts 31–59 minutes ago, none in the last 30 minutes.
    await runtime.ingest([...HISTORY, ...Array.from({ length: 24 }, (_, i) => post(`s${i}`, NOW - 31 * MINUTE - i * 70_000))], 'f');
    const summary = await check();
    expect(summary.signals.filter((s) => s.type === 'volume_spike')).toEqual([]);
    expect(summary.alerts).toEqual([]);
  });

  it('measures its own window and baseline, and says so', async () => {
    await runtime.ingest([...HISTORY, ...Array.from({ length: 24 }, (_, i) => post(`s${i}`, NOW - (i + 1) * 70_000))], 'f');
    const [alert] = (await check()).alerts;
    expect(alert?.type).toBe('volume_spike');
    expect(renderAlertMessage(alert, 'en').signals[0]).toMatch(/^24 mentions in the last 30 min vs .* per window over the last 24 h/);
  });
});
