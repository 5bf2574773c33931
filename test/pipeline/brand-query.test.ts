import { describe, expect, it } from 'vitest';
import { compileBrandQuery, parseBrandQuery } from '../../src/pipeline/brand-query.js';

const matches = (query: string, text: string, tokens: string[] = []) =>
  compileBrandQuery(parseBrandQuery(query))(text.toLowerCase(), new Set(tokens));

describe('parseBrandQuery', () => {
  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(parseBrandQuery('a OR b c NOT d')).toEqual({
      kind: 'or',
      children: [
        { kind: 'term', value: 'a', phrase: false },
        {
          kind: 'and',
          children: [
            { kind: 'term', value: 'b', phrase: false },
            { kind: 'term', value: 'c', phrase: false },
            { kind: 'not', child: { kind: 'term', value: 'd', phrase: false } },
          ],
        },
      ],
    });
  });

  it('groups with parentheses and keeps quoted phrases whole', () => {
    expect(parseBrandQuery('("Fresh Bee" OR 鲜蜂) AND NOT 蜂蜜')).toEqual({
      kind: 'and',
      children: [
        { kind: 'or', children: [{ kind: 'term', value: 'fresh bee', phrase: true }, { kind: 'term', value: '鲜蜂', phrase: false }] },
        { kind: 'not', child: { kind: 'term', value: '蜂蜜', phrase: false } },
      ],
    });
  });

  it.each([
    ['', /empty query/],
    ['(a OR b', /expected "\)" at the end/],
    ['a OR', /expected a word, phrase or "\(" at the end/],
    ['"open phrase', /unterminated quote at position 1/],
    ['a )', /expected an operator or the end at position 3/],
  ])('rejects %j with a message naming the position', (query, message) => {
    expect(() => parseBrandQuery(query)).toThrow(message);
  });
});

describe('brand query matching', () => {
  it.each([
    ['鲜蜂 OR FreshBee', '昨天点的鲜蜂外卖超快', true],
    ['鲜蜂 OR FreshBee', 'freshbee rocks', true],
    ['鲜蜂 OR FreshBee', 'freshbees are insects', false],
    ['"Fresh Bee"', 'I ordered from Fresh  Bee today', true],
    ['Apple NOT (pie OR fruit)', 'apple pie recipe', false],
    ['Apple NOT (pie OR fruit)', 'the new Apple watch', true],
    ['星辰 手机', '星辰这款手机很好', true],
    ['星辰 手机', '星辰大海', false],
    ['stell*', 'stellar x5 is out', true],
    ['鲜蜂 OR FreshBee', 'FreshBee送得也慢', true],
    ['iPhone', '刚买了iPhone，电池不行', true],
    ['iPhone', '刚买了iPhone15', false],
    ['"Fresh Bee"', '今天Fresh Bee又迟到了', true],
    ['Mi', '小米Mi手机', true],
    ['Mi', 'Miami heat', false],
  ])('%s on %j → %s', (query, text, expected) => {
    expect(matches(query, text, text.toLowerCase().split(/\s+/))).toBe(expected);
  });

  it('matches a Chinese brand name that jieba split into pieces, by substring', () => {
    expect(matches('鲜蜂外卖', '鲜蜂外卖送得太慢', ['鲜', '蜂', '外卖'])).toBe(true);
  });
});
