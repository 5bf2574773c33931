import { beforeAll, describe, expect, it } from 'vitest';
import { loadSegmenters } from '../../../src/resources/segmenters.js';
import type { Segmenters } from '../../../src/pipeline/components/segment.js';

describe('segmenters', () => {
  let segment: Segmenters;
  beforeAll(() => {
    segment = loadSegmenters({ extraWords: ['鲜蜂外卖'] });
  });

  it.each([
    ['服务态度很差', ['服务态度', '很差']],
    ['这个口红绝绝子，没有踩雷', ['这个', '口红', '绝绝子', '，', '没有', '踩雷']],
    ['鲜蜂外卖送得太慢了', ['鲜蜂外卖', '送得', '太慢', '了']],
  ])('zh %s', (text, tokens) => {
    expect(segment.zh(text)).toEqual(tokens);
  });

  it.each([
    ["I don't LOVE it :)", ['i', "don't", 'love', 'it', ':)']],
    ['Not bad, but slow.', ['not', 'bad', ',', 'but', 'slow', '.']],
    ['must-have!!! 😍😍 #blessed', ['must-have', '!!!', '😍', '😍', '#blessed']],
    ['It’s ok', ["it's", 'ok']],
    // A mixed post read as English: Han runs are tokens of their own, so "eats真快" does not hide the brand name.
    ['Swift Eats真快 #鲜蜂外卖', ['swift', 'eats', '真快', '#鲜蜂外卖']],
    ['iPhone15真香', ['iphone15', '真香']],
  ])('en %s', (text, tokens) => {
    expect(segment.en(text)).toEqual(tokens);
  });
});
