import { beforeAll, describe, expect, it } from 'vitest';
import type { AspectOpinion } from '../../src/domain.js';
import { createDefaultPipeline } from '../../src/pipeline/default-pipeline.js';
import type { Pipeline } from '../../src/pipeline/pipeline.js';
import { loadNlpResources, type NlpResources } from '../../src/resources/nlp.js';
import { maskTerms, maskTexts } from '../../src/pipeline/aspects/mask.js';
import type { AspectMatch } from '../../src/pipeline/aspects/match.js';

let resources: NlpResources;
let pipeline: Pipeline;
beforeAll(async () => {
  resources = await loadNlpResources();
  resources.aspectNames.set(['FreshBee', '鲜蜂外卖', '鲜蜂', 'HoneyTea', 'Honey Tea', 'Speedy Delivery', 'Phone House']);
  pipeline = createDefaultPipeline(resources);
}, 60_000);

const found = (text: string) => (pipeline.run({ text }).doc.aspects as AspectOpinion[]).map((a) => [a.aspect, a.term, a.label]);

describe('masked terms', () => {
  it('are read without the masked word, also where a lone clause falls back on the post', () => {
    // "support" (AFINN +2) is no sentiment word in the en lexicon (v1.4), so the post and its aspect
    // both read as the rest of the clause does.
    const post = pipeline.run({ text: 'support is a bot' }).doc.sentiment!;
    const without = pipeline.run({ text: 'is a bot' }).doc.sentiment!;
    expect(post.explanation.terms.filter((t) => !t.rules?.includes('learned'))).toEqual([]);
    const [aspect] = pipeline.run({ text: 'support is a bot' }).doc.aspects as AspectOpinion[];
    expect(aspect).toMatchObject({ aspect: 'customer_service', term: 'support', label: without.label });
    expect(aspect.score).toBeCloseTo(without.score, 2);
    // The post reads pos through 安全 ("safety"); the topic 食品安全 asked about reads otherwise.
    expect(pipeline.run({ text: '食品安全呢？' }).doc.sentiment?.label).toBe('pos');
    expect(found('食品安全呢？')[0][2]).not.toBe('pos');
  });

  it('cut a zh term and keep the tokens after it, whatever their case', () => {
    const text = '食品安全Pro不行';
    const term: AspectMatch = { category: 'hygiene', kind: 'masked', term: '食品安全', start: 0, length: 4 };
    const tokens = ['食品安全', 'Pro', '不行'];
    const span = { from: 0, to: 3, start: 0, end: text.length };
    expect(maskTerms(maskTexts(text, text.toLowerCase(), 'zh'), tokens, span, [term], 'zh')).toEqual({ simplified: 'Pro不行', tokens: ['Pro', '不行'] });
  });

  it('cut an en term where lower-casing changed the text length (İ → i̇)', () => {
    const text = 'İİ support sucks';
    const lowered = text.toLowerCase();
    const term: AspectMatch = { category: 'customer_service', kind: 'masked', term: 'support', start: 1, length: 1 };
    const tokens = [lowered.split(' ')[0], 'support', 'sucks'];
    const span = { from: 0, to: 3, start: 0, end: lowered.length };
    const masked = maskTerms(maskTexts(text, lowered, 'en'), tokens, span, [term], 'en');
    expect(masked.tokens).toEqual([tokens[0], 'sucks']);
    expect(masked.simplified.replace(/\s+/g, ' ')).toBe(`${tokens[0]} sucks`);
  });
});

describe('外卖 and brand names', () => {
  it('reads 外卖 as delivery in the commonest delivery complaints', () => {
    expect(found('这家外卖太慢了')).toEqual([['delivery', '外卖', 'neg']]);
    expect(found('外卖很快就到了')).toEqual([['delivery', '外卖', 'pos']]);
    expect(found('点的外卖一个半小时才到')).toEqual([['delivery', '外卖', 'neg']]);
  });

  it('does not read a brand name holding an aspect word as that aspect', () => {
    expect(found('鲜蜂外卖的黄焖鸡很好吃').map(([aspect]) => aspect)).toEqual(['taste']);
    expect(found('鲜蜂外卖的黄焖鸡很好吃，外卖小哥也很准时').map(([aspect]) => aspect)).toEqual(['taste', 'delivery']);
    expect(found('Ordered from Honey Tea again').map(([aspect]) => aspect)).toEqual([]);
    expect(found('The tea at Honey Tea is too sweet').map(([aspect, term]) => [aspect, term])).toEqual([['taste', 'tea']]);
  });

  it('counts 准时 as delivery only when the post names delivery', () => {
    expect(found('手机准时收到推送')).toEqual([]);
    expect(found('外卖很准时').map(([aspect]) => aspect)).toEqual(['delivery']);
  });
});

/**
 * text → (category, term, label) of a delivery brand (鲜蜂外卖, "Speedy Delivery": a delivery term in
 * the name) named with a slowness or lateness word, and of the same brand named about something else.
 */
const BRAND_WORDS: Array<[string, string[][]]> = [
  ['鲜蜂外卖太慢了', [['delivery', '慢', 'neg']]],
  ['鲜蜂外卖又迟到了', [['delivery', '迟到', 'neg']]],
  ['鲜蜂外卖一个半小时才到', [['delivery', '才到', 'neg']]],
  ['鲜蜂外卖晚到了半小时', [['delivery', '晚到', 'neg']]],
  ['鲜蜂外卖5天才到', [['delivery', '才到', 'neg']]],
  ['鲜蜂外卖又贵又慢', [['price', '贵', 'neg'], ['delivery', '慢', 'neg']]],
  ['Speedy Delivery is slow again', [['delivery', 'slow', 'neg']]],
  // the brand named about something else: no delivery aspect from its name
  ['鲜蜂外卖的发票怎么开', []],
  ['鲜蜂外卖的客服太慢了', [['customer_service', '客服', 'neg']]],
  ['鲜蜂外卖太傲慢了', []],
  ['鲜蜂外卖的黄焖鸡很好吃', [['taste', '好吃', 'pos']]],
  ['鲜蜂外卖太慢了，发票也开不出来', [['delivery', '慢', 'neg']]],
  ['Speedy Delivery sent me the invoice', []],
  // a brand word read across a time word and 到: 刚才 + 到, 今晚 + 到, 昨晚 + 到
  ['鲜蜂外卖刚才到店里', []],
  ['鲜蜂外卖今晚到店自取', []],
  ['鲜蜂外卖昨晚到的', []],
  // opening hours and late nights are no lateness
  ['Speedy Delivery opens late on Sundays', []],
  ['The cafe opened late today', []],
  // a slowness word with no delivery brand in its clause is no delivery aspect
  ['这个手机太慢了', []],
  ['鲜蜂外卖挺好的，就是手机太慢了', []],
];

describe('a delivery brand named with a slowness or lateness word', () => {
  it.each(BRAND_WORDS)('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('camera words with another sense outside phone posts', () => {
  const categories = (text: string) => found(text).map(([aspect]) => aspect);

  it('are no camera aspect in a food, hotel or shopping post', () => {
    expect(categories('the photos on the menu looked nothing like the food')).not.toContain('camera');
    expect(categories('照片和实物不符')).not.toContain('camera');
    expect(categories('酒店的夜景很美')).not.toContain('camera');
    expect(categories('The Zoom call kept dropping')).not.toContain('camera');
  });

  it('are no camera aspect next to a phone word naming an accessory, a phone number, a call or a brand', () => {
    expect(categories('手机壳的照片和实物不符')).not.toContain('camera');
    expect(categories('手机支架和照片上的不一样')).not.toContain('camera');
    expect(categories('前台让我留了手机号，房间和照片完全不一样')).not.toContain('camera');
    expect(categories('收到手机短信，和照片上的房间不一样')).not.toContain('camera');
    expect(categories('I called the hotel by phone and the room looked nothing like the photos')).not.toContain('camera');
    expect(categories('The photos on Phone House listing looked nothing like the case')).not.toContain('camera');
  });

  it('count next to another camera term, a phone word, or the screen or battery of a device', () => {
    expect(categories('新手机的电池不错，照片也清楚')).toEqual(['battery', 'camera']);
    expect(found('The photos from this phone are stunning')).toEqual([['camera', 'photos', 'pos']]);
    expect(found('手机拍的照片很清晰')).toEqual([['camera', '照片', 'pos']]);
    expect(categories('The camera is fine, and photos are sharp')).toEqual(['camera', 'camera']);
    expect(categories('Photos come out great and the screen is bright')).toEqual(['camera', 'screen']);
    expect(categories('夜拍很强，夜景很清楚')).toEqual(['camera', 'camera']);
  });
});
