import { describe, expect, it } from 'vitest';
import { detectLang } from '../../../src/pipeline/components/detect-language.js';

// A stand-in for eld that makes the Latin branch visible: everything Latin is "de" unless it says "the".
const guess = (text: string) => (/\bthe\b/i.test(text) ? 'en' : 'de');

describe('detectLang', () => {
  it.each([
    ['这家外卖太难吃了', 'zh'],
    ['這家餐廳很好吃', 'zh'],
    ['iPhone 15 真的很好用', 'zh'],
    ['The battery is great but 价格太贵', 'en'],
    ['The camera is stunning', 'en'],
    ['ok', 'en'],
    ['😀😀', 'en'],
    ['Das ist wirklich sehr gut gemacht', 'other'],
    ['このラーメンは美味しい', 'other'],
    ['배송이 빨라요', 'other'],
    ['Это отличный телефон', 'other'],
  ] as const)('%s → %s', (text, lang) => {
    expect(detectLang(text, guess)).toBe(lang);
  });

  it('uses the language a source declares when the script does not decide', () => {
    expect(detectLang('Das ist wirklich sehr gut gemacht', guess, 'en-GB')).toBe('en');
    expect(detectLang('这家外卖太难吃了', guess, 'en')).toBe('zh');
  });
});
