import { describe, expect, it } from 'vitest';
import { countScripts, detectLang } from '../../../src/pipeline/components/detect-language.js';

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

describe('countScripts', () => {
  const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;
  const byRegex = (text: string) => ({
    han: count(text, /\p{Script=Han}/gu),
    latin: count(text, /[A-Za-z]/g),
    kana: count(text, /[\p{Script=Hiragana}\p{Script=Katakana}]/gu),
    hangul: count(text, /\p{Script=Hangul}/gu),
    other: count(text, /[^\p{Script=Latin}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Common}\p{Script=Inherited}]/gu),
  });

  it('counts like the script regexes: every BMP code unit, astral code points, lone surrogates', () => {
    const bmp = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).join('');
    const astral = Array.from({ length: Math.floor(0x100000 / 7) }, (_, i) => String.fromCodePoint(0x10000 + i * 7)).join('');
    for (const text of [bmp, astral, 'a\uD800b\uDC00c😀\uDBFF', '外卖很好吃 ok', 'このラーメン', '배송이 빨라요']) {
      expect(countScripts(text)).toEqual(byRegex(text));
    }
  });
});

