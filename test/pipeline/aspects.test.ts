import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AspectOpinion } from '../../src/domain.js';
import { createDefaultPipeline } from '../../src/pipeline/default-pipeline.js';
import type { Pipeline } from '../../src/pipeline/pipeline.js';
import { loadNlpResources } from '../../src/resources/nlp.js';
import { compileAspectLexicon } from '../../src/pipeline/aspects/lexicon.js';
import { splitClauses } from '../../src/pipeline/aspects/clauses.js';
import { PROJECT_ROOT } from '../../src/resources/paths.js';

let pipeline: Pipeline;
beforeAll(async () => {
  const resources = await loadNlpResources();
  // As the runtime sets the brands: the demo's FreshBee, whose name 鲜蜂外卖 holds the delivery term 外卖.
  resources.aspectNames.set(['FreshBee', '鲜蜂外卖', '鲜蜂']);
  pipeline = createDefaultPipeline(resources);
}, 60_000);

function aspects(text: string): Array<[string, string]> {
  const { doc, failures } = pipeline.run({ text });
  expect(failures).toEqual([]);
  return (doc.aspects as AspectOpinion[]).map((a) => [a.aspect, a.label]);
}

/** text → expected (category, label) pairs, in order of mention. */
const GOLDEN: Array<[string, Array<[string, string]>]> = [
  // contrast clauses with opposite polarity
  ['菜很好吃，但是配送太慢了', [['taste', 'pos'], ['delivery', 'neg']]],
  ['外观很漂亮，不过价格太贵了', [['appearance', 'pos'], ['price', 'neg']]],
  ['屏幕很清晰可是电池太差', [['screen', 'pos'], ['battery', 'neg']]],
  ['The food was great but the delivery was slow.', [['taste', 'pos'], ['delivery', 'neg']]],
  ['Battery life is awful, however the screen is gorgeous!', [['battery', 'neg'], ['screen', 'pos']]],
  // negation inside the clause
  ['配送不慢', [['delivery', 'pos']]],
  ['价格很便宜，质量也不差', [['price', 'pos'], ['quality', 'pos']]],
  ['The service was not good.', [['customer_service', 'neg']]],
  // multiple aspects
  ['性价比很高，屏幕也不错，就是电池不耐用', [['price', 'pos'], ['screen', 'pos'], ['battery', 'neg']]],
  ['这车动力很强，油耗太高，空间很大', [['power', 'pos'], ['fuel_economy', 'neg'], ['space', 'pos']]],
  ['Great prices, terrible customer service.', [['price', 'pos'], ['customer_service', 'neg']]],
  // implied aspect from an opinion word, dropped next to an explicit term
  ['太贵了', [['price', 'neg']]],
  ['Delivery was terribly slow.', [['delivery', 'neg']]],
  // no aspect
  ['今天心情不错', []],
  ['I love it', []],
  ['', []],
];

describe('aspects component', () => {
  it.each(GOLDEN)('%s', (text, expected) => {
    expect(aspects(text)).toEqual(expected);
  });

  it('reads traditional Chinese through the full pipeline', () => {
    expect(aspects('外觀很漂亮，但是價格太貴')).toEqual([['appearance', 'pos'], ['price', 'neg']]);
    expect(aspects('服務態度很差，物流倒是很快')).toEqual([['customer_service', 'neg'], ['delivery', 'pos']]);
  });

  it('finds zh terms that segmentation splits, and keeps blocked words out', () => {
    const { doc } = pipeline.run({ text: '这款手机性价比超高' });
    expect(doc.aspects?.map((a) => a.term)).toEqual(['性价比']);
    expect(pipeline.run({ text: '服务器又宕机了' }).doc.aspects?.some((a) => a.aspect === 'customer_service')).toBe(false);
  });

  it('gives one opinion per category per clause, with the most specific term', () => {
    const { doc } = pipeline.run({ text: 'The battery life of this battery is great' });
    expect(doc.aspects).toHaveLength(1);
    expect(doc.aspects?.[0]).toMatchObject({ aspect: 'battery', term: 'battery life', label: 'pos' });
  });

  it('gives a score in [-1, 1] whose sign agrees with the label', () => {
    for (const a of pipeline.run({ text: '菜很好吃，但是配送太慢了' }).doc.aspects ?? []) {
      expect(Math.abs(a.score)).toBeLessThanOrEqual(1);
      expect(Math.sign(a.score)).toBe(a.label === 'pos' ? 1 : -1);
    }
  });

  it('leaves other languages without aspects', () => {
    expect(pipeline.run({ text: 'これはとても美味しいです' }).doc.aspects).toEqual([]);
  });
});

/** Posts of the demo's FreshBee food-poisoning incident (data/demo, d0432, d0466, d0425, d0419). */
const EXPOSE = '【曝光】今天后台收到几十条私信，都是昨天在鲜蜂外卖点了“老街黄焖鸡”之后拉肚子、发烧，有人已经住院。联系鲜蜂客服，电话打不通，退款全部被拒。食品安全不是小事，@鲜蜂外卖官方 请立刻回应！#鲜蜂外卖食物中毒#';
const TOILET = '全家三口昨晚都吃的鲜蜂外卖，一家人轮流跑厕所，在线客服一直是机器人，转人工排了两个小时。有同样遭遇的朋友私信我，一起维权[生病]';
const POISONED = '鲜蜂外卖点的黄焖鸡，全家食物中毒，孩子还在医院挂水。申请退款被拒，客服电话打了二十多次没人接。我不要优惠券，我要一个说法！求扩散 #鲜蜂外卖食物中毒#';
const SUPPORT = 'Ordered from Old Street Chicken on FreshBee at lunch and I ended up in the ER with food poisoning. Chat support is a bot that closes the ticket. Absolutely furious.';

describe('aspects in a failure post', () => {
  const found = (text: string) => (pipeline.run({ text }).doc.aspects as AspectOpinion[]).map((a) => [a.aspect, a.term, a.label]);

  it('reads 曝光 as a camera term only next to another camera term', () => {
    expect(found(EXPOSE).map(([aspect]) => aspect)).not.toContain('camera');
    expect(found('必须曝光！')).toEqual([]);
    expect(found('拍照很清晰，曝光也很准')).toEqual([['camera', '拍照', 'pos'], ['camera', '曝光', 'pos']]);
  });

  it('gives food safety and food poisoning the polarity of the complaint, not of the word 安全 or 食物', () => {
    const hygiene = found(EXPOSE).filter(([aspect]) => aspect === 'hygiene');
    expect(hygiene.map(([, term]) => term)).toEqual(['拉肚子', '食品安全', '食物中毒']);
    expect(hygiene.map(([, , label]) => label)).toEqual(['neg', 'neg', 'neg']);
    expect(found(EXPOSE).map(([aspect]) => aspect)).not.toContain('taste');
    expect(found('你们的食品安全呢？[生病]')).toEqual([['hygiene', '食品安全', 'neg']]);
    expect(found('食品安全堪忧')).toEqual([['hygiene', '食品安全', 'neg']]); // "food safety is worrying" read +0.01
  });

  it('lets a clause that leans positive on word priors alone (全家食物中毒: +0.08) follow the complaint', () => {
    expect(found(POISONED)[0]).toEqual(['hygiene', '食物中毒', 'neg']);
  });

  it('reads 跑厕所 as the symptom, and the brand name 鲜蜂外卖 as no delivery opinion', () => {
    expect(found(TOILET)).toEqual([['hygiene', '跑厕所', 'neg'], ['customer_service', '客服', 'neg']]);
    expect(found('酒店的厕所很脏')).toEqual([['hygiene', '厕所', 'neg']]);
  });

  // A known defect of the session-7 models (ADR 0002): "bot" learned +0.9 from Reddit's "good bot", and
  // the clause reads +0.42 without any opinion word. "support" itself no longer praises (masked term).
  it.fails('gives "support is a bot" in a furious post a negative customer_service aspect', () => {
    expect(found(SUPPORT)).toContainEqual(['customer_service', 'support', 'neg']);
  });
});

describe('splitClauses', () => {
  it('splits on kept punctuation, gap punctuation and break words, keeping ! and ? with their clause', () => {
    const tokens = ['好吃', '!', '但是', '配送', '慢'];
    expect(splitClauses(tokens, '好吃!但是配送慢', '好吃!但是配送慢', new Set(['但是']))).toEqual([
      { from: 0, to: 2, start: 0, end: 3 },
      { from: 3, to: 5, start: 5, end: 8 },
    ]);
    const en = ['food', 'good', 'service', 'slow'];
    expect(splitClauses(en, 'Food good, service slow', 'food good, service slow', new Set()).map((c) => [c.from, c.to])).toEqual([[0, 2], [2, 4]]);
    expect(splitClauses(['3', '5', 'stars'], '3.5 stars', '3.5 stars', new Set())).toHaveLength(1);
  });
});

describe('compileAspectLexicon', () => {
  it('rejects a term listed under two categories and a malformed category', () => {
    expect(() => compileAspectLexicon('en', [{ category: 'price', term: 'cost' }, { category: 'quality', term: 'cost' }], [])).toThrow(/both "price" and "quality"/);
    expect(() => compileAspectLexicon('zh', [{ category: 'Price!', term: '价格' }], [])).toThrow(/snake_case/);
  });

  it('keeps cue and brand rows apart from the terms, so that a word may be a term too', () => {
    const lex = compileAspectLexicon('en', [
      { category: 'performance', term: 'slow', kind: 'implied' },
      { category: 'delivery', term: 'slow', kind: 'brand' },
      { category: 'camera', term: 'phone', kind: 'cue' },
    ], []);
    expect(lex.terms.get('slow')).toBe('performance');
    expect(lex.brandWords?.terms.get('slow')).toBe('delivery');
    expect(lex.terms.has('phone')).toBe(false);
    expect(lex.cues?.terms.get('phone')).toBe('camera');
  });
});

describe('pipeline purity', () => {
  it('src/pipeline imports no node:fs, better-sqlite3, hono or network code', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) files.push(path);
      }
    };
    walk(join(PROJECT_ROOT, 'src', 'pipeline'));
    expect(files.some((f) => f.endsWith(join('components', 'aspects.ts')))).toBe(true);
    for (const file of files) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/from ['"](node:)?(fs|fs\/promises|http|https|net)['"]|better-sqlite3|from ['"]hono/);
    }
  });
});
