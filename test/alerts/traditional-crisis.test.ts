import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCrisisLexicon } from '../../src/alerts/lexicon.js';
import type { Runtime } from '../../src/runtime.js';
import { makeRuntime } from '../helpers/runtime.js';
import { checkAt } from './check-at.js';

const NOW = Date.parse('2026-11-20T10:30:00.000Z');
const alerts = { rules: [{ brand: '*', type: 'crisis_terms' as const, enabled: true, thresholds: { minCount: 3 }, cooldownMinutes: 120 }], channels: [] };

// Hong Kong / Taiwan complaints: 腹瀉, 嘔吐, 急診 and 詐騙 are not in the crisis list as written; 腹泻, 呕吐,
// 急诊 and 诈骗 are.
const POSTS = [
  '鮮蜂外賣送來的雞飯吃完全家腹瀉，太差了',
  '昨晚叫鮮蜂外賣，半夜嘔吐到天亮，氣死了',
  '鮮蜂外賣害我進了急診，完全不負責任，垃圾',
  '鮮蜂外賣退款一直不處理，根本是詐騙，超爛',
];

describe('crisis terms in posts written in traditional characters', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await makeRuntime({ alerts });
    const posts = POSTS.map((text, i) => ({ source: 'hk-forum', externalId: `hk${i}`, text, createdAt: new Date(NOW - (i + 1) * 60_000).toISOString() }));
    expect((await runtime.ingest(posts, 'hk-forum')).inserted).toBe(POSTS.length);
  });
  afterAll(() => runtime.close());

  it('are found in the simplified text, and the alert quotes the posts as written', async () => {
    const summary = await checkAt(runtime, alerts, NOW);
    const crisis = summary.signals.find((s) => s.type === 'crisis_terms');
    expect(crisis?.key).toBe('freshbee:crisis_terms');
    expect(crisis?.terms).toEqual(expect.arrayContaining(['腹泻', '呕吐', '急诊', '诈骗']));
    expect(JSON.stringify(summary.alerts)).toContain('全家腹瀉');
  });

  it('keeps a term a user wrote in traditional characters in its simplified form, once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-crisis-'));
    writeFileSync(join(dir, 'zh.txt'), '投訴\n投诉\n# 醫療\n腹瀉\n');
    writeFileSync(join(dir, 'en.txt'), 'recall\n');
    expect(loadCrisisLexicon(dir)).toEqual({ zh: ['投诉', '腹泻'], en: ['recall'] });
  });
});
