import { describe, expect, it } from 'vitest';
import { caseSpellings, distinctiveTerms, mergeCaseVariants, mergePhrases, risingTerms, withoutBrandNames, type TermTable } from '../../src/analytics/themes.js';

const table = (total: number, counts: Record<string, number>): TermTable => ({
  total,
  terms: Object.entries(counts).map(([term, mentions]) => ({ term, mentions, pos: 0, neu: 0, neg: mentions })),
});

describe('distinctiveTerms', () => {
  it('ranks the words peculiar to the brand above words everyone uses', () => {
    // "外卖" is common across the market; "拉肚子" is specific to this brand's mentions.
    const brand = table(100, { 外卖: 60, 拉肚子: 30, 好吃: 10 });
    const market = table(1000, { 外卖: 600, 拉肚子: 32, 好吃: 150 });
    const themes = distinctiveTerms(brand, market);
    expect(themes[0].term).toBe('拉肚子');
    expect(themes[0].z).toBeGreaterThan(5);
    expect(themes.find((t) => t.term === '外卖')!.z).toBeLessThan(1);
    expect(themes.find((t) => t.term === '好吃')!.z).toBeLessThan(0);
  });

  it('drops terms below the minimum number of mentions', () => {
    expect(distinctiveTerms(table(10, { once: 1 }), table(10, {}), 2)).toEqual([]);
  });
});

describe('risingTerms', () => {
  it('keeps terms whose share grew significantly, not ones that shrank or stayed flat', () => {
    const current = table(200, { recall: 40, battery: 20, camera: 10 });
    const previous = table(200, { recall: 1, battery: 20, camera: 40 });
    expect(risingTerms(current, previous).map((t) => t.term)).toEqual(['recall']);
  });
});

describe('mergePhrases', () => {
  /** Phrase counts as the caller reads them from the mentions: all negative here. */
  const counted = (phrases: Record<string, number>) => (a: string, b: string) => {
    const mentions = phrases[`${a}|${b}`];
    return mentions ? { mentions, pos: 0, neu: 0, neg: mentions } : undefined;
  };
  const theme = (term: string, mentions: number, pos: number, z: number) => ({
    term, mentions, share: mentions / 100, backgroundShare: 0, z, pos, neu: 0, neg: mentions - pos, netSentiment: (2 * pos - mentions) / mentions,
  });

  it('joins terms that co-occur and stand next to each other into one phrase', () => {
    const themes = distinctiveTerms(table(50, { poisoning: 20, food: 21, refund: 10 }), table(500, { food: 30, refund: 30 }));
    const merged = mergePhrases(themes, counted({ 'food|poisoning': 19 }));
    expect(merged.map((t) => t.term).sort()).toEqual(['food poisoning', 'refund']);
  });

  it('shows a phrase with the counts of the mentions holding it, not those of its larger part', () => {
    // 食物 is praised once outside 食物中毒; the phrase itself is all complaints.
    const merged = mergePhrases([theme('食物', 10, 1, 5), theme('中毒', 9, 0, 4)], counted({ '食物|中毒': 9 }));
    expect(merged).toEqual([expect.objectContaining({ term: '食物中毒', mentions: 9, share: 0.09, pos: 0, neg: 9, netSentiment: -1 })]);
  });

  it('names the phrase with its own counts, and keeps beside it a part with many mentions of its own', () => {
    const merged = mergePhrases([theme('黄焖鸡', 21, 6, 5), theme('老街', 11, 0, 4)], counted({ '老街|黄焖鸡': 11 }));
    expect(merged.map((t) => [t.term, t.mentions, t.pos])).toEqual([['老街黄焖鸡', 11, 0], ['黄焖鸡', 21, 6]]);
  });

  it('keeps both parts alone when even the smaller one mostly stands apart', () => {
    const merged = mergePhrases([theme('黄焖鸡', 21, 6, 5), theme('老街', 11, 0, 4)], counted({ '老街|黄焖鸡': 5 }));
    expect(merged.map((t) => t.term)).toEqual(['黄焖鸡', '老街']);
  });

  it('writes a phrase with a Chinese side without a space (珍珠Q弹), and one of other words with a space', () => {
    const merged = mergePhrases([theme('珍珠', 10, 10, 5), theme('Q弹', 9, 9, 4), theme('battery', 8, 0, 3), theme('life', 8, 0, 2)], (a, b) =>
      (a === '珍珠' && b === 'Q弹') || (a === 'battery' && b === 'life') ? { mentions: 8, pos: 0, neu: 0, neg: 8 } : undefined);
    expect(merged.map((t) => t.term)).toEqual(['珍珠Q弹', 'battery life']);
  });

  it('lists each term once: a phrase also written as one term adds up, and its parts are not listed beside it', () => {
    const themes = [theme('外卖', 12, 2, 6), theme('鲜蜂外卖', 8, 0, 5), theme('鲜蜂', 10, 0, 4), theme('骑手', 5, 5, 3)];
    const merged = mergePhrases(themes, counted({ '鲜蜂|外卖': 10 }));
    expect(merged.map((t) => [t.term, t.mentions, t.neg])).toEqual([['鲜蜂外卖', 18, 18], ['骑手', 5, 0]]);
  });
});

describe('mergeCaseVariants', () => {
  it('shows "Pro" and "pro" as one term in the most frequent spelling, adding up counts and sentiment', () => {
    const merged = mergeCaseVariants({
      total: 50,
      terms: [
        { term: 'pro', mentions: 16, pos: 10, neu: 4, neg: 2 },
        { term: 'Lite', mentions: 9, pos: 5, neu: 4, neg: 0 },
        { term: 'Pro', mentions: 20, pos: 12, neu: 5, neg: 3 },
        { term: '屏幕', mentions: 4, pos: 1, neu: 1, neg: 2 },
      ],
    });
    expect(merged).toEqual({
      total: 50,
      terms: [
        { term: 'Pro', mentions: 36, pos: 22, neu: 9, neg: 5 },
        { term: 'Lite', mentions: 9, pos: 5, neu: 4, neg: 0 },
        { term: '屏幕', mentions: 4, pos: 1, neu: 1, neg: 2 },
      ],
    });
  });
});

describe('case variants against a background', () => {
  it('reads the background share under either spelling: Pro:6 pro:4 now, pro:6 Pro:4 before, is not rising', () => {
    const current = mergeCaseVariants(table(20, { Pro: 6, pro: 4, other: 10 }));
    const previous = mergeCaseVariants(table(20, { pro: 6, Pro: 4, other: 10 }));
    const [pro] = distinctiveTerms(current, previous).filter((t) => t.term === 'Pro');
    expect(pro.backgroundShare).toBe(pro.share);
    expect(risingTerms(current, previous)).toEqual([]);
  });

  it("compares a brand's 'Pro' with the market's 'pro'", () => {
    const brand = mergeCaseVariants(table(10, { Pro: 5, 屏幕: 5 }));
    const market = mergeCaseVariants(table(100, { Pro: 5, pro: 45, 屏幕: 5 }));
    const pro = distinctiveTerms(brand, market).find((t) => t.term === 'Pro')!;
    expect(pro.backgroundShare).toBe(0.5);
    expect(pro.z).toBeLessThan(1);
  });

  it('lists every spelling of a folded term, most mentioned first', () => {
    expect(caseSpellings(table(20, { pro: 4, Pro: 6, PRO: 1, 屏幕: 2 }))).toEqual(new Map([['pro', ['Pro', 'pro', 'PRO']], ['屏幕', ['屏幕']]]));
  });
});

describe('withoutBrandNames', () => {
  it("drops the brand's names, their jieba fragments and case variants, and keeps other words", () => {
    const themes = distinctiveTerms(table(100, { 鲜蜂外卖: 80, 鲜蜂: 60, freshbee: 40, 拉肚子: 30, 'fresh bee': 5, bee: 5 }), table(1000, {}));
    const kept = withoutBrandNames(themes, ['FreshBee', '鲜蜂外卖', 'Fresh Bee']).map((t) => t.term).sort();
    expect(kept).toEqual(['bee', '拉肚子']);
  });
});
