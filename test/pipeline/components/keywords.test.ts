import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/pipeline/analyze.js';
import { createDefaultPipeline } from '../../../src/pipeline/default-pipeline.js';
import type { Pipeline } from '../../../src/pipeline/pipeline.js';
import { loadNlpResources } from '../../../src/resources/nlp.js';

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = createDefaultPipeline(await loadNlpResources());
});

describe('keywords and themes leave out the names of Weibo bracket emoticons (reactions, not topics)', () => {
  it('[允悲] leaves the token 允悲, which is neither a keyword nor a theme', () => {
    const a = analyzeText(pipeline, '鲜蜂的配送范围终于扩大到我们这边了[允悲]');
    expect(a.tokens).toContain('允悲');
    expect(a.keywords).not.toContain('允悲');
    expect(a.themes).not.toContain('允悲');
    expect(a.keywords).toContain('配送');
  });

  it('names jieba cuts apart or keeps in capitals leave nothing behind ([笑cry], [Doge], [微笑趣泡])', () => {
    const a = analyzeText(pipeline, '鲜蜂外卖又迟到了一个小时[笑cry][Doge][微笑趣泡]');
    expect(a.tokens).toEqual(expect.arrayContaining(['cry', 'Doge', '趣泡']));
    for (const word of ['cry', 'Doge', '趣泡', '微笑']) expect(a.keywords).not.toContain(word);
    expect(a.keywords).toContain('迟到');
  });

  it('a word also written outside the brackets keeps those counts', () => {
    expect(analyzeText(pipeline, '这家店的哈哈大笑套餐[哈哈大笑]').keywords).toContain('哈哈大笑');
    expect(analyzeText(pipeline, '哈哈大笑[哈哈大笑]').keywords).toContain('哈哈大笑');
    expect(analyzeText(pipeline, '[哈哈大笑]').keywords).not.toContain('哈哈大笑');
    const en = analyzeText(pipeline, '[Tesla] Tesla recalls the new model over a faulty seat belt', 'en');
    expect(en.keywords).toContain('tesla');
  });

  it('in English posts too ([Doge] leaves doge, [big hug] leaves big and hug)', () => {
    const a = analyzeText(pipeline, 'Delivery finally reaches our dorm [Doge] [big hug] great news for dinners', 'en');
    expect(a.tokens).toEqual(expect.arrayContaining(['doge', 'big', 'hug']));
    for (const word of ['doge', 'big', 'hug']) expect(a.keywords).not.toContain(word);
    expect(a.keywords).toContain('delivery');
  });
});

describe('zh keywords and themes leave out function characters glued into new words', () => {
  it('drops a word jieba made up around a function character (有后 from 商家有后厨, 修个 from 修个屏)', () => {
    const a = analyzeText(pipeline, '商家有后厨直播，看着挺卫生');
    expect(a.tokens).toContain('有后');
    expect(a.keywords).not.toContain('有后');
    expect(a.keywords).toContain('直播');
    const b = analyzeText(pipeline, '修个屏等了两周，暗光下噪点很少');
    expect(b.tokens).toEqual(expect.arrayContaining(['修个', '下噪点']));
    for (const word of ['修个', '下噪点']) expect(b.keywords).not.toContain(word);
  });

  it('keeps new words without a function character at their edge, and dictionary words that have one', () => {
    const a = analyzeText(pipeline, '满减活动太值了，奶绿yyds，封城以后天天点');
    for (const word of ['满减', '奶绿', '封城']) expect(a.keywords).toContain(word);
    expect(analyzeText(pipeline, '这家店的不锈钢餐盒很结实').keywords).toContain('不锈钢');
  });

  it('a brand name taught to jieba later is a dictionary word, even one starting with a function character', async () => {
    const resources = await loadNlpResources();
    const withBrand = createDefaultPipeline(resources);
    expect(resources.segmenters.knowsZh('上试外卖')).toBe(false);
    resources.segmenters.addWords(['上试外卖']);
    expect(resources.segmenters.knowsZh('上试外卖')).toBe(true);
    expect(analyzeText(withBrand, '我在上试外卖点的饭').keywords).toContain('上试外卖');
  });
});
