import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/pipeline/analyze.js';
import { createDefaultPipeline } from '../../../src/pipeline/default-pipeline.js';
import type { Pipeline } from '../../../src/pipeline/pipeline.js';
import { loadNlpResources, type NlpResources } from '../../../src/resources/nlp.js';

let resources: NlpResources;
let pipeline: Pipeline;
beforeAll(async () => {
  resources = await loadNlpResources();
  pipeline = createDefaultPipeline(resources);
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

  it('of two spellings of a word, the one written in the brackets gives back the count', () => {
    const a = analyzeText(pipeline, 'doge币暴涨，doge玩家狂欢，Doge社区[Doge]');
    expect(a.tokens.filter((t) => t === 'Doge')).toHaveLength(2);
    expect(a.keywords.indexOf('doge')).toBeLessThan(a.keywords.indexOf('Doge'));
  });

  it('in English posts too ([Doge] leaves doge, [big hug] leaves big and hug)', () => {
    const a = analyzeText(pipeline, 'Delivery finally reaches our dorm [Doge] [big hug] great news for dinners', 'en');
    expect(a.tokens).toEqual(expect.arrayContaining(['doge', 'big', 'hug']));
    for (const word of ['doge', 'big', 'hug']) expect(a.keywords).not.toContain(word);
    expect(a.keywords).toContain('delivery');
  });
});

describe('zh keywords and themes leave out pronouns and particles glued into new words', () => {
  it('drops a word jieba made up around a pronoun or particle (我要, 这是, 修个 from 修个屏, 买过)', () => {
    const a = analyzeText(pipeline, '我要投诉这家店，这是第三次了');
    expect(a.tokens).toEqual(expect.arrayContaining(['我要', '这是']));
    for (const word of ['我要', '这是']) expect(a.keywords).not.toContain(word);
    expect(a.keywords).toContain('投诉');
    const b = analyzeText(pipeline, '修个屏等了两周，买过好几次了');
    expect(b.tokens).toEqual(expect.arrayContaining(['修个', '买过']));
    for (const word of ['修个', '买过']) expect(b.keywords).not.toContain(word);
  });

  it('keeps new words a brand manager watches: unconfigured brands, slang, words the dictionary lacks', () => {
    const a = analyzeText(pipeline, '得物上买的鞋子是假的，得物客服还不承认');
    expect(a.tokens).toContain('得物');
    expect(a.keywords).toContain('得物');
    for (const word of ['开黑', '上分', '比心']) expect(analyzeText(pipeline, '今晚开黑上分，比心').keywords).toContain(word);
    const c = analyzeText(pipeline, '满减活动太值了，奶绿yyds，封城以后天天点');
    for (const word of ['满减', '奶绿', '封城']) expect(c.keywords).toContain(word);
  });

  it('asks the dictionary itself: rare dictionary words that a plain cut splits are known, made-up words are not', () => {
    const { knowsZh } = resources.segmenters;
    for (const word of ['买得', '上个', '不锈钢']) expect(knowsZh(word)).toBe(true);
    for (const word of ['修个', '我要', '得物']) expect(knowsZh(word)).toBe(false);
  });

  it('a brand name taught to jieba later is a dictionary word, even one starting with a pronoun', async () => {
    const own = await loadNlpResources();
    const withBrand = createDefaultPipeline(own);
    expect(own.segmenters.knowsZh('我厨外卖')).toBe(false);
    own.segmenters.addWords(['我厨外卖']);
    expect(own.segmenters.knowsZh('我厨外卖')).toBe(true);
    expect(analyzeText(withBrand, '在我厨外卖点的饭到了').keywords).toContain('我厨外卖');
  });
});
