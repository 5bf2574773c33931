import { describe, expect, it } from 'vitest';
import { createAspectNames } from '../../src/pipeline/aspects/names.js';
import { createDefaultPipeline } from '../../src/pipeline/default-pipeline.js';
import { loadNlpResources } from '../../src/resources/nlp.js';
import { loadChineseConverter } from '../../src/resources/language.js';

const tokenizeEn = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

describe('brand names looked through by aspect matching', () => {
  it('finds every occurrence of every name in a zh text, overlapping ones included', () => {
    const names = createAspectNames(tokenizeEn);
    names.set(['鲜蜂外卖', '鲜蜂', '外卖王']);
    expect(names.zh('鲜蜂外卖太慢，外卖王也慢')).toEqual([[0, 4], [0, 2], [7, 10]]);
    expect(names.zh('外卖太慢')).toEqual([]);
  });

  it('matches a brand configured in traditional characters against the simplified text', () => {
    const names = createAspectNames(tokenizeEn, loadChineseConverter());
    names.set(['鮮蜂外賣']);
    expect(names.zh('鲜蜂外卖太慢了')).toEqual([[0, 4]]);
  });

  it('gives a post naming a traditional-character brand no delivery opinion from the name', async () => {
    const resources = await loadNlpResources();
    resources.aspectNames.set(['鮮蜂外賣']);
    const { doc } = createDefaultPipeline(resources).run({ text: '鮮蜂外賣真的很差勁' });
    expect(doc.aspects).toEqual([]);
  }, 60_000);

  it('finds names among 600 brands', () => {
    const names = createAspectNames(tokenizeEn);
    names.set(Array.from({ length: 600 }, (_, i) => `品牌${i}号`));
    expect(names.zh('我买了品牌42号和品牌599号')).toEqual([[3, 8], [9, 15]]);
  });
});
