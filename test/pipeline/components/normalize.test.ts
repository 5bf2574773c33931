import { describe, expect, it } from 'vitest';
import { MAX_ANALYSED_CHARS, normalizeText } from '../../../src/pipeline/components/normalize.js';
import { decodeHtmlEntities } from '../../../src/text/html-entities.js';

describe('normalizeText', () => {
  it.each([
    ['<p>Great&nbsp;phone &amp; case</p>', 'Great phone & case'],
    ['ＧＲＥＡＴ　ｐｈｏｎｅ！！', 'GREAT phone!!'],
    ['看这个 https://t.cn/A6x 太差了', '看这个 太差了'],
    ['  多个\n\t空白  ', '多个 空白'],
    ['bad \uFFFD byte', 'bad byte'],
    ['&#x597D;&#21507;', '好吃'],
    ['😀😀😀', '😀😀😀'],
    ['Don\\u2019t go\\u002c please', 'Don\u2019t go, please'],
    ['\\ud83d\\ude02 lol', '😂 lol'],
    ['an escaped \\\\u0041 stays', 'an escaped \\\\u0041 stays'],
    ['C:\\uDEADbeef', 'C:beef'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('leaves unknown entities as written', () => {
    expect(decodeHtmlEntities('&bogus; &#xZZ;')).toBe('&bogus; &#xZZ;');
  });

  it('truncates a 1 MB post to the analysed maximum instead of failing', () => {
    expect(normalizeText('差'.repeat(1_000_000)).length).toBe(MAX_ANALYSED_CHARS);
  });
});
