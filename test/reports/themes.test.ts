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
  return Array.from({ length: count }, () => {
    const id = ++next;
    const input = makeInput(makePost({ externalId: `m${id}`, text: `${term} post ${id}`, createdAt: new Date(at + id * 1000).toISOString(), author: { id: `a${id}` } }), 'pos', [brand]);
    input.analysis.keywords = [];
    input.analysis.themes = [term];
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
