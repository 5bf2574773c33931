import { beforeAll, describe, expect, it } from 'vitest';
import { getRisingThemes, getThemes } from '../../src/reports/themes.js';
import type { Store } from '../../src/store/types.js';
import { makeInput, makePost, makeStore } from '../helpers/store.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-10T00:00:00Z');
/** One day each: short enough that the store counts terms from the mentions, not the daily rollups. */
const PREVIOUS = { from: T0, to: T0 + 24 * HOUR };
const CURRENT = { from: T0 + 24 * HOUR, to: T0 + 48 * HOUR };

let next = 0;
/** `count` mentions of `brand` in the hour after `at`, each with the one theme `term`. */
function mentions(brand: string, at: number, term: string, count: number) {
  return saying(brand, at, `${term} post`, [term], 'pos', count);
}

/** `count` mentions of `brand` after `at` (later calls are newer), each `text` numbered, with the themes `terms`. */
function saying(brand: string, at: number, text: string, terms: string[], label: 'pos' | 'neu' | 'neg', count: number) {
  return Array.from({ length: count }, () => {
    const id = ++next;
    const input = makeInput(makePost({ externalId: `m${id}`, text: `${text} ${id}`, createdAt: new Date(at + id * 1000).toISOString(), author: { id: `a${id}` } }), label, [brand]);
    input.analysis.keywords = [];
    input.analysis.themes = terms;
    return input;
  });
}

describe('themes of case variants (Pro / pro)', () => {
  let store: Store;
  beforeAll(async () => {
    store = makeStore();
    await store.upsertBrands(['aurora', 'stellar'].map((id) => ({ id, name: id, aliases: [], competitors: [] })));
    await store.saveMentions([
      // Same share of "pro" in both periods, spelled mostly "Pro" now and mostly "pro" before.
      ...mentions('aurora', PREVIOUS.from, 'pro', 6), ...mentions('aurora', PREVIOUS.from, 'Pro', 4), ...mentions('aurora', PREVIOUS.from, '屏幕', 10),
      ...mentions('aurora', CURRENT.from, 'Pro', 6), ...mentions('aurora', CURRENT.from, 'pro', 4), ...mentions('aurora', CURRENT.from, '屏幕', 10),
      // The market spells it "pro": as common there as in Aurora's posts.
      ...mentions('stellar', CURRENT.from, 'pro', 30), ...mentions('stellar', CURRENT.from, '屏幕', 30),
    ]);
  });

  it('does not call "Pro" rising when only its most frequent spelling changed', async () => {
    const rising = await getRisingThemes(store, { brandId: 'aurora', ...CURRENT, limit: 10 });
    expect(rising.map((t) => t.term)).toEqual([]);
  });

  it("measures the brand's 'Pro' against the market's 'pro', and shows samples of either spelling", async () => {
    const themes = await getThemes(store, { brandId: 'aurora', ...CURRENT, limit: 10 });
    const pro = themes.find((t) => t.term === 'Pro')!;
    expect(pro).toMatchObject({ mentions: 10, backgroundShare: 0.5 });
    expect(pro.z).toBeLessThan(1);
    const samples = await getThemes(store, { ...CURRENT, limit: 10 });
    expect(samples.find((t) => t.term === 'pro')!.mentions).toBe(40);
    // The newest mentions spell it "pro"; the store keeps the spellings apart.
    expect(pro.samples.map((s) => s.text.split(' ')[0])).toContain('pro');
  });
});

describe('themes merged into phrases', () => {
  let store: Store;
  beforeAll(async () => {
    store = makeStore();
    await store.upsertBrands([
      { id: 'freshbee', name: 'FreshBee', aliases: ['鲜蜂外卖'], competitors: [] },
      { id: 'sudaa', name: 'Sudaa', aliases: ['速达'], competitors: [] },
    ]);
    const at = CURRENT.from;
    await store.saveMentions([
      // 黄焖鸡: 21 mentions. 6 praise an unrelated 黄焖鸡米饭; the newest 11 are the 老街黄焖鸡 food-safety crisis.
      ...saying('freshbee', at, '黄焖鸡 太咸了', ['黄焖鸡'], 'neg', 4),
      ...saying('freshbee', at, '黄焖鸡米饭 真香', ['黄焖鸡'], 'pos', 6),
      ...saying('freshbee', at, '老街黄焖鸡 吃完上吐下泻', ['老街', '黄焖鸡'], 'neg', 11),
      // 食物中毒: 中毒 only in the phrase, 食物 once outside it (the newest, praising the food).
      ...saying('freshbee', at, '食物中毒 住院了', ['食物', '中毒'], 'neg', 9),
      ...saying('freshbee', at, '食物 很新鲜', ['食物'], 'pos', 1),
      // A rival's customers name FreshBee: jieba cut 鲜蜂外卖 in some posts and kept it whole in others.
      ...saying('sudaa', at, '鲜蜂外卖 又送错了', ['鲜蜂', '外卖'], 'neg', 10),
      ...saying('sudaa', at, '外卖 还是速达快', ['外卖'], 'pos', 2),
      ...saying('sudaa', at, '鲜蜂外卖 不如速达', ['鲜蜂外卖'], 'neg', 8),
      ...saying('sudaa', at, '骑手 很客气', ['骑手'], 'pos', 20),
    ]);
  });

  it('does not show the 老街黄焖鸡 crisis as partly positive: the praise of 黄焖鸡米饭 stays with 黄焖鸡', async () => {
    const themes = await getThemes(store, { brandId: 'freshbee', ...CURRENT, limit: 10 });
    const crisis = themes.filter((t) => t.term.includes('老街'));
    expect(crisis).toHaveLength(1);
    expect(crisis[0]).toMatchObject({ mentions: 11, pos: 0, neg: 11 });
    expect(themes.find((t) => t.term === '黄焖鸡')).toMatchObject({ mentions: 21, pos: 6, neg: 15 });
  });

  it('counts a phrase by the mentions holding it, and shows them as its samples', async () => {
    const themes = await getThemes(store, { brandId: 'freshbee', ...CURRENT, limit: 10 });
    const poisoning = themes.find((t) => t.term === '食物中毒')!;
    expect(poisoning).toMatchObject({ mentions: 9, pos: 0, neg: 9, netSentiment: -1 });
    expect(poisoning.samples.map((s) => s.text.split(' ')[0])).toEqual(['食物中毒', '食物中毒', '食物中毒']);
    expect(themes.map((t) => t.term)).not.toContain('食物');
    expect(themes.map((t) => t.term)).not.toContain('中毒');
  });

  it('lists 鲜蜂外卖 once, with the mentions of both spellings, and not its part 外卖 beside it', async () => {
    const themes = await getThemes(store, { brandId: 'sudaa', ...CURRENT, limit: 10 });
    const named = themes.filter((t) => t.term.includes('鲜蜂') || t.term.includes('外卖'));
    expect(named.map((t) => [t.term, t.mentions, t.neg])).toEqual([['鲜蜂外卖', 18, 18]]);
  });
});
