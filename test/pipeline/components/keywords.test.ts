import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/pipeline/analyze.js';
import { createDefaultPipeline } from '../../../src/pipeline/default-pipeline.js';
import type { Pipeline } from '../../../src/pipeline/pipeline.js';
import { loadNlpResources } from '../../../src/resources/nlp.js';

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = createDefaultPipeline(await loadNlpResources());
});

describe('keywords and themes', () => {
  it('leave out the names of Weibo bracket emoticons, which are reactions, not topics', () => {
    const a = analyzeText(pipeline, '鲜蜂的配送范围终于扩大到我们这边了[允悲]');
    expect(a.tokens).toContain('允悲');
    expect(a.keywords).not.toContain('允悲');
    expect(a.themes).not.toContain('允悲');
    expect(a.keywords).toContain('配送');
  });

  it('keep the same word when it is written as a word, not inside brackets', () => {
    expect(analyzeText(pipeline, '这家店的哈哈大笑套餐我们都哈哈大笑').keywords).toContain('哈哈大笑');
    expect(analyzeText(pipeline, '哈哈大笑[哈哈大笑]').keywords).not.toContain('哈哈大笑');
  });

  it('read bracket names case-insensitively in English posts ([Doge] leaves doge)', () => {
    const a = analyzeText(pipeline, 'Delivery finally reaches our dorm [Doge] great news for late dinners', 'en');
    expect(a.keywords).not.toContain('doge');
    expect(a.keywords).toContain('delivery');
  });
});
