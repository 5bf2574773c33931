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
  resources.aspectNames.set(['FreshBee', '鲜蜂外卖', '鲜蜂', 'HoneyTea', 'Honey Tea']);
  pipeline = createDefaultPipeline(resources);
}, 60_000);

const found = (text: string) => (pipeline.run({ text }).doc.aspects as AspectOpinion[]).map((a) => [a.aspect, a.term, a.label]);

describe('masked terms', () => {
  it('are read without the masked word, also where a lone clause falls back on the post', () => {
    // "support" adds +0.44 of lexicon evidence to the post; its aspect is read from the post without it.
    const post = pipeline.run({ text: 'support is a bot' }).doc.sentiment!;
    const without = pipeline.run({ text: 'is a bot' }).doc.sentiment!;
    expect(post.score).toBeGreaterThan(without.score + 0.05);
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
