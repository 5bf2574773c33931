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
