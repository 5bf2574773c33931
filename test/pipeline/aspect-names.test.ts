import { describe, expect, it } from 'vitest';
import type { Doc } from '../../src/domain.js';
import { createAspectNames } from '../../src/pipeline/aspects/names.js';
import { createDefaultPipeline } from '../../src/pipeline/default-pipeline.js';
import { loadNlpResources } from '../../src/resources/nlp.js';
import { loadChineseConverter } from '../../src/resources/language.js';
import { createEnSegmenter } from '../../src/pipeline/segmenters/en-natural.js';
import { latinSegmenter } from '../../src/pipeline/components/segment.js';
import { loadSegmenters } from '../../src/resources/segmenters.js';

const tokenizeEn = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

describe('brand names looked through by aspect matching', () => {
  it('finds every occurrence of every name in a zh text, overlapping ones included', () => {
    const names = createAspectNames(tokenizeEn);
    names.set(['鲜蜂外卖', '鲜蜂', '外卖王']);
    expect(names.zh('鲜蜂外卖太慢，外卖王也慢')).toEqual([[0, 2], [0, 4], [7, 10]]);
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

  it('finds a latin name whatever joins its words: space, hyphen, underscore or nothing', () => {
    const names = createAspectNames(createEnSegmenter());
    names.set(['Pizza Hut']);
    for (const written of ['Pizza Hut', 'Pizza-Hut', 'pizza_hut', 'PizzaHut']) {
      expect(names.zh(`在${written.toLowerCase()}吃的`), written).toEqual([[1, 1 + written.length]]);
    }
    expect(names.en(createEnSegmenter()('ate at Pizza-Hut, pizza_hut, PizzaHut and pizza hut'))).toEqual([[2, 3], [4, 6], [7, 8], [9, 11]]);
    names.set(['Pizza Hut Delivery']);
    expect(names.zh('pizza-hut delivery和pizza_hutdelivery')).toEqual([[0, 18], [19, 36]]);
  });

  it('finds a name written as one word only so, whatever its capitals (GoodFood is not "good food")', () => {
    const names = createAspectNames(createEnSegmenter());
    names.set(['PizzaHut', 'GoodFood']);
    expect(names.zh('pizza hut和pizza-hut的good food')).toEqual([]);
    expect(names.zh('pizzahut和goodfood')).toEqual([[0, 8], [9, 17]]);
    expect(names.en(['pizza', 'hut', 'and', 'good', 'food'])).toEqual([]);
    expect(names.en(['pizzahut', 'and', 'goodfood'])).toEqual([[0, 1], [2, 3]]);
  });

  it('takes only whole words of a latin name, and leaves other names as written', () => {
    const names = createAspectNames(createEnSegmenter());
    names.set(['Pizza Hut', 'Nowhere', '星辰 X5']);
    expect(names.en(['pizza', 'hutch'])).toEqual([]);
    expect(names.en(['pizza', 'hut-delivery'])).toEqual([]);
    expect(names.en(['now', 'here'])).toEqual([]); // one word as configured: no break to join
    expect(names.zh('pizza--hut')).toEqual([]);
    expect(names.zh('星辰 x5和星辰-x5')).toEqual([[0, 5]]);
  });

  it('does not find a latin name inside a longer latin word or a number of a zh text', () => {
    const names = createAspectNames(createEnSegmenter());
    names.set(['Mi', 'X5']);
    expect(names.zh('她的smile和mi手机')).toEqual([[8, 10]]);
    expect(names.zh('小米mi10和x5pro')).toEqual([[2, 4], [7, 9]]);
    expect(names.zh('x50和admin')).toEqual([]);
  });

  it('finds a Chinese name in a post read as English, cut as that post is', () => {
    const latin = latinSegmenter(loadSegmenters());
    const names = createAspectNames(latin);
    names.set(['鲜蜂外卖']);
    const tokens = latin('Ordered from 鲜蜂外卖 tonight and the delivery was late again');
    const ranges = names.en(tokens);
    expect(ranges.map(([from, to]) => tokens.slice(from, to).join(''))).toEqual(['鲜蜂外卖']);
  });

  it('finds a latin name run into the next word where the capitals start one (vivoX60, OPPOReno5)', () => {
    const names = createAspectNames(createEnSegmenter());
    names.set(['vivo', 'OPPO', 'iPhone', 'Mi', 'VIVO']);
    const zh = (text: string) => names.zh(text.toLowerCase(), text);
    expect(zh('vivoX60真好用')).toEqual([[0, 4]]);
    expect(zh('OPPOReno5和iPhoneX都卡')).toEqual([[0, 4], [10, 16]]);
    expect(zh('XiaoMiPhone')).toEqual([[4, 6]]);
    expect(zh('MIUI和smile')).toEqual([]);
    expect(zh('OPPOR17拍照好, VIVOY50也行')).toEqual([[0, 4], [12, 16]]);
    names.set(['Pad', 'Air', 'Bay']);
    expect(zh('新iPad和eBay上的AirPods')).toEqual([[12, 15]]); // a one-letter prefix is no word; Air|Pods is
  });

  it('gives a post writing a brand another way than configured no aspect from the words of the name', async () => {
    const resources = await loadNlpResources();
    resources.aspectNames.set(['Honey Tea', 'Pizza-Hut']);
    const aspects = (text: string) => createDefaultPipeline(resources).run({ text }).doc.aspects?.map((a) => a.aspect);
    // Each of these read as taste (tea, pizza) while only the configured spelling was looked through.
    for (const text of ['Ordered from HoneyTea again', 'Ordered from honey_tea again', 'Ordered from Pizza Hut again', 'Ordered from pizza_hut again']) {
      expect(aspects(text), text).toEqual([]);
    }
    expect(aspects('The tea at Honey Tea was too sweet')).toEqual(['taste']);
  }, 60_000);

  it('keeps the aspects and the sentiment of common words a one-word name holds (GoodFood, BestPrice)', async () => {
    const resources = await loadNlpResources();
    resources.aspectNames.set(['GoodFood', 'BestPrice']);
    const read = (text: string) => createDefaultPipeline(resources).run({ text }).doc;
    const ruleTerms = (doc: Doc) => doc.sentiment!.explanation.terms.filter((t) => !t.rules?.includes('learned')).map((t) => t.text);
    const good = read('Really good food here, but the price is high');
    expect(good.aspects?.map((a) => a.aspect)).toEqual(['taste', 'price']);
    expect(ruleTerms(good)).toContain('good');
    const best = read('Got the best price in town and the delivery was quick');
    expect(best.aspects?.map((a) => a.aspect)).toEqual(['price', 'delivery']);
    expect(ruleTerms(best)).toContain('best');
  }, 60_000);

  it('sets 2,000 four-word latin names sharing a first letter, and scans past them, in linear time', () => {
    const names = createAspectNames(createEnSegmenter());
    // Every mix of separators spelled out made this take minutes (64 spellings a name, each appended with a copy).
    const many = Array.from({ length: 2000 }, (_, i) => `s${i} store select shop`);
    const started = performance.now();
    names.set(many);
    const text = 'super store, select shop, s1999 store select shop和s7-store_select shop都是'.repeat(4);
    for (let i = 0; i < 100; i++) names.zh(text);
    expect(names.zh('s1999 store select shop和s7-store_select shop')).toEqual([[0, 23], [24, 44]]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('finds names among 600 brands', () => {
    const names = createAspectNames(tokenizeEn);
    names.set(Array.from({ length: 600 }, (_, i) => `品牌${i}号`));
    expect(names.zh('我买了品牌42号和品牌599号')).toEqual([[3, 8], [9, 15]]);
  });
});
