import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { replayDemo, type DemoPost } from '../../src/collectors/demo-stream.js';
import { DEMO_DIR } from '../../src/resources/paths.js';
import type { Runtime } from '../../src/runtime.js';
import { json, makeApp, makeRuntime } from '../helpers/runtime.js';

const START = Date.parse('2026-03-01T00:00:00.000Z'); // demo minute 0
const ANCHOR = 62 * 60; // where `npm start` backfills the demo to: just after the FreshBee incident
const NOW = START + ANCHOR * 60_000;
const posts = readFileSync(join(DEMO_DIR, 'posts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as DemoPost);
const brands = JSON.parse(readFileSync(join(DEMO_DIR, 'brands.json'), 'utf8'));
const period = `from=${new Date(NOW - 3 * 86_400_000).toISOString()}&to=${new Date(NOW).toISOString()}`;

interface ThemeItem { term: string; mentions: number }
interface AspectItem { aspect: string; mentions: number; pos: number; neg: number }

/** What the dashboard's overview of the demo shows: the 3-day top themes and aspects of a brand. */
describe('the demo overview (themes and aspects a brand manager sees)', () => {
  let runtime: Runtime;
  let app: Hono;
  beforeAll(async () => {
    runtime = await makeRuntime({ brands });
    await runtime.ingest(replayDemo(posts, null, NOW, ANCHOR, 'demo').posts, 'demo');
    app = makeApp(runtime, { now: () => new Date(NOW) });
  }, 120_000);
  afterAll(() => runtime.close());

  const themes = async (brand: string): Promise<string[]> =>
    ((await json(app.request(`/api/themes?brand=${brand}&${period}&limit=10`))).items as ThemeItem[]).map((t) => t.term);
  const aspects = async (brand: string): Promise<AspectItem[]> => (await json(app.request(`/api/aspects?brand=${brand}&${period}`))).items;

  it('names the restaurant of the FreshBee incident in full, not the cut 老街黄焖', async () => {
    const terms = await themes('freshbee');
    expect(terms).toContain('老街黄焖鸡');
    expect(terms).not.toContain('老街黄焖');
  });

  it('shows the chewy pearls as words (珍珠Q弹, 嚼劲), not the fragment 弹有', async () => {
    const terms = await themes('honeytea');
    // 珍珠 and Q弹 stand side by side in almost every post naming either, so they read as one phrase.
    expect(terms).toEqual(expect.arrayContaining(['珍珠Q弹', '嚼劲']));
    expect(terms).not.toContain('弹有');
  });

  it('shows "Pro" once, in its most frequent spelling, counting both spellings', async () => {
    const items: ThemeItem[] = (await json(app.request(`/api/themes?brand=aurora&${period}&limit=10`))).items;
    const pro = items.filter((t) => t.term.toLowerCase() === 'pro');
    expect(pro.map((t) => t.term)).toEqual(['Pro']);
    expect(pro[0].mentions).toBeGreaterThan(20); // 20 "Pro" + 16 "pro" before the fix
  });

  it('gives FreshBee no camera aspect for 曝光 (exposing the scandal) and no praise of its hygiene', async () => {
    const items = await aspects('freshbee');
    // 9 before, 8 of them 必须曝光 / 【曝光】; what is left is "Menus could use better photos".
    expect(items.find((a) => a.aspect === 'camera')?.mentions ?? 0).toBeLessThanOrEqual(1);
    const hygiene = items.find((a) => a.aspect === 'hygiene')!;
    expect(hygiene.neg).toBeGreaterThan(20);
    expect(hygiene.pos).toBe(0);
  });

  it('does not read the brand name 鲜蜂外卖 as an opinion on delivery', async () => {
    const delivery = (await aspects('freshbee')).find((a) => a.aspect === 'delivery')!;
    expect(delivery.mentions).toBeLessThan(60); // 112 before: nearly every post naming 鲜蜂外卖
  });
});

describe('brand names added after start', () => {
  it('keep their aspect words out of aspects, as the configured brands do', async () => {
    const runtime = await makeRuntime({ brands: [] });
    try {
      const aspects = () => runtime.pipeline.run({ text: '快送外卖的黄焖鸡很好吃' }).doc.aspects?.map((a) => a.aspect);
      expect(aspects()).toEqual(['delivery', 'taste']);
      await runtime.store.upsertBrands([{ id: 'kuaisong', name: '快送外卖', aliases: [], competitors: [] }]);
      expect(await runtime.refreshBrands()).toBe(true);
      expect(aspects()).toEqual(['taste']);
    } finally {
      await runtime.close();
    }
  }, 60_000);
});
