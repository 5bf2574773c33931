import { describe, expect, it } from 'vitest';
import { fingerprintText } from '../../src/pipeline/fingerprint.js';
import { createBrandMatcher } from '../../src/pipeline/brand-matcher.js';

describe('fingerprintText', () => {
  it('gives a repost with prefix, @mention and different punctuation the same hash', () => {
    const a = fingerprintText('鲜蜂外卖吃完拉肚子，客服电话一直打不通！');
    const b = fingerprintText('转发：@小美 鲜蜂外卖吃完拉肚子 客服电话一直打不通');
    const c = fingerprintText('RT @amy: FreshBee gave me food poisoning https://t.co/x');
    const d = fingerprintText('FreshBee gave me food poisoning!!');
    expect(a.hash).toBe(b.hash);
    expect(c.hash).toBe(d.hash);
    expect(a.hash).not.toBe(c.hash);
  });

  it('marks short generic texts as not distinctive enough to link', () => {
    expect(fingerprintText('好评！').dedupe).toBe(false);
    expect(fingerprintText('great product').dedupe).toBe(true);
  });
});

describe('createBrandMatcher', () => {
  const match = createBrandMatcher([
    { id: 'freshbee', name: 'FreshBee', aliases: ['鲜蜂外卖', '鲜蜂', 'Fresh Bee'] },
    { id: 'aurora', name: 'Aurora', aliases: ['极光'] },
  ]);

  it.each([
    ['鲜蜂送餐太慢了', ['freshbee']],
    ['freshbee vs 极光, which is better', ['freshbee', 'aurora']],
    ['the auroral display was nice', []],
    ['I love Fresh Bee!', ['freshbee']],
  ])('%s', (text, ids) => {
    expect(match(text)).toEqual(ids);
  });
});
