import { beforeAll, describe, expect, it } from 'vitest';
import { loadSegmenters } from '../../../src/resources/segmenters.js';
import { createSegment, type Segmenters } from '../../../src/pipeline/components/segment.js';
import type { Doc } from '../../../src/domain.js';

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

describe('segment component', () => {
  it('cuts the Han runs of a post read as English into the words a Chinese post would give', () => {
    const segmenters = loadSegmenters({ extraWords: ['鲜蜂外卖'] });
    const segment = createSegment(segmenters);
    const tokens = (text: string, lang: 'en' | 'zh') => segment.run({ text, simplified: text, lang } as Doc).tokens;
    expect(tokens('FreshBee鲜蜂外卖送得太慢了 lol', 'en')).toEqual(['freshbee', '鲜蜂外卖', '送得', '太慢', '了', 'lol']);
    expect(tokens('FreshBee was slow', 'en')).toEqual(['freshbee', 'was', 'slow']);
  });
});
