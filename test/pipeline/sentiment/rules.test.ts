import { describe, expect, it } from 'vitest';
import { scoreRules } from '../../../src/pipeline/sentiment/rules.js';
import { loadLexicon } from '../../../src/resources/sentiment-model.js';
import { loadSegmenters } from '../../../src/resources/segmenters.js';

const segmenters = loadSegmenters();
const zh = loadLexicon('zh');
const en = loadLexicon('en');
const rulesZh = (text: string) => scoreRules(segmenters.zh(text), text, zh);
const rulesEn = (text: string) => scoreRules(segmenters.en(text), text, en);

/** [text, expected sign of the rule score, a rule or term rule that must fire] */
type Case = [string, 1 | -1, string];

const ZH_CASES: Case[] = [
  ['好吃', 1, ''],
  ['不推荐', -1, 'negated(不)'],
  ['不满意', -1, 'negated(不)'],
  ['没有那么差', 1, 'negated(没有)'],
  ['不难吃', 1, 'negated(不)'], // jieba: 不难 | 吃 — read as 难吃, negated
  ['一点都不难用', 1, 'negated(不)'],
  ['没有想象中那么好', -1, 'negated(没有)'], // 那么 is a degree word, so the scope reaches 好
  ['一点都不新鲜', -1, ''],
  ['全家食物中毒了', -1, ''], // food-safety harm words (lexicon v1.2)
  ['吃完上吐下泻', -1, ''],
  ['这车动力很强', 1, ''], // jieba keeps 很强 whole
  ['非常好吃', 1, 'intensified(非常)'],
  ['有点贵', -1, 'diminished(有点)'],
  ['虽然有点贵，但是很好吃', 1, 'contrast(但是)'],
  ['味道不错，可是送得太慢了太慢了', -1, 'contrast(可是)'],
  ['东西很好，不过客服很差劲，非常失望', -1, 'contrast(不过)'],
  ['难道不好吃吗？', 1, 'rhetorical-question(难道)'],
  ['怎么可能好吃', -1, 'negated(怎么可能)'],
  ['好吃！', 1, 'exclamation'],
  ['送到了[哈哈]', 1, 'emoticon'],
  ['又超时了[怒]', -1, 'emoticon'],
  ['[泪]', -1, 'emoticon'],
  ['这家店踩雷了', -1, 'slang'],
  ['智商税', -1, 'slang'],
  ['yyds', 1, 'slang'],
  ['真香', 1, 'slang'],
  ['拔草了', -1, 'slang'],
  ['点赞👍', 1, 'emoji'],
  ['呵呵了', -1, 'sarcasm'],
  ['汤洒了一半，米饭还夹生', -1, ''],
  ['吃出了异物', -1, ''],
  ['又送错了', -1, ''],
  ['强烈推荐这家', 1, ''],
  ['不是很好', -1, 'negated(不是)'], // 很 is a degree word
  ['不太好', -1, 'negated(不)'], // one jieba token: 不 + 太 + 好
  ['没有想象中的好', -1, 'negated(没有)'], // 的 does not use up the scope
  ['没有让我失望', 1, 'negated(没有)'],
  ['不是假货', 1, 'negated(不是)'],
  ['不是一般的差', -1, 'intensified(不是一般)'], // "not ordinarily bad" = extraordinarily bad
  ['从来没有用过这么差的手机', -1, ''], // 没有 negates 用过, not 差
  ['一直不给退款', -1, ''], // a complaint: 退款 is not flipped
  ['这不是坑人吗？', -1, 'affirming-question(不是…吗)'], // the question asserts 坑人
  ['这不坑人吗', -1, 'affirming-question(不…吗)'],
  ['这不是挺好的吗', 1, 'affirming-question(不是…吗)'],
  ['味道很好不是吗', 1, ''], // a tag question: nothing was negated
  ['你们不给退款吗？', -1, ''],
  ['不贵而且好吃', 1, 'negated(不)'], // the negation governs 贵 only
  ['非正品', -1, ''],
];

const EN_CASES: Case[] = [
  ['good', 1, ''],
  ['not good', -1, 'negated(not)'],
  ["doesn't work well", -1, "negated(doesn't)"],
  ['not bad', 1, 'negated(not)'],
  ['very good', 1, 'intensified(very)'],
  ['slightly disappointing', -1, 'diminished(slightly)'],
  ['the screen is great but the battery sucks', -1, 'contrast(but)'],
  ['it was slow, however the staff were lovely and helpful', 1, 'contrast(however)'],
  ['although it is cheap, the quality is terrible', -1, 'concession(although)'],
  ['awesome!!!', 1, 'exclamation'],
  ['love it :)', 1, ''],
  ['ugh :(', -1, 'emoji'],
  ['😍', 1, 'emoji'],
  ['yeah right', -1, 'sarcasm'],
  ['this is mid', -1, 'slang'],
  ["can't wait, so excited", 1, ''],
  ["i can't believe how happy i am", 1, ''],
  ["couldn't be better", 1, ''],
  ['#fail', -1, 'hashtag'],
  ["don't waste your money on this", -1, ''], // a warning: waste is not flipped
  ["don't bother", -1, ''],
  ['not a waste of money', 1, 'negated(not)'], // a denial, not a warning
  ["i dont think you'll waste your money", 1, 'negated(dont)'], // the warning does not govern waste
  ['it isn\'t bad and i love it', 1, "negated(isn't)"], // the negation governs bad only
];

function firedRules(result: ReturnType<typeof scoreRules>): string[] {
  return [...result.rules, ...result.terms.flatMap((t) => t.rules ?? [])];
}

describe('scoreRules (zh)', () => {
  it.each(ZH_CASES)('%s → sign %i with %s', (text, sign, rule) => {
    const result = rulesZh(text);
    expect(Math.sign(result.raw)).toBe(sign);
    if (rule) expect(firedRules(result).some((r) => r.startsWith(rule))).toBe(true);
  });

  it('ends a zh negation at an experience verb, and leaves complaint words negative', () => {
    const negated = (text: string) => rulesZh(text).terms.filter((t) => t.rules?.some((r) => r.startsWith('negated'))).map((t) => t.text);
    expect(negated('从来没有用过这么差的手机')).toEqual([]);
    expect(rulesZh('不知道好不好用').terms).toEqual([]); // 好不好 asks, it does not judge
    expect(rulesZh('满意不满意').terms).toEqual([]);
    expect(rulesZh('非专业的人也能用').terms).toEqual([]); // 非 is a prefix, not a negator
    expect(negated('没有想象中那么好')).toEqual(['好']);
    expect(negated('别再上当了')).toEqual([]);
    expect(rulesZh('别再上当了').raw).toBeLessThan(0);
    expect(negated('不是一般的差')).toEqual([]);
  });

  it('limits negation to its scope: the word after a clause break is not negated', () => {
    const result = rulesZh('不贵，好吃');
    const tasty = result.terms.find((t) => t.text === '好吃');
    expect(tasty?.weight).toBeGreaterThan(0);
    expect(tasty?.rules ?? []).not.toContain('negated(不)');
  });

  it('makes the clause after 但是 outweigh the clause before it, less than in en', () => {
    const weight = (text: string, word: string) => rulesZh(text).terms.find((t) => t.text === word)!.weight;
    const before = weight('好吃，但是贵', '好吃') / weight('好吃', '好吃');
    const after = weight('好吃，但是贵', '贵') / weight('贵', '贵');
    expect(after).toBeGreaterThan(1);
    expect(before).toBeLessThan(1);
    const en = (text: string, word: string) => rulesEn(text).terms.find((t) => t.text === word)!.weight;
    expect(en('tasty but pricey', 'tasty') / en('tasty', 'tasty')).toBeLessThan(before);
  });
});

describe('scoreRules (en)', () => {
  it.each(EN_CASES)('%s → sign %i with %s', (text, sign, rule) => {
    const result = rulesEn(text);
    expect(Math.sign(result.raw)).toBe(sign);
    if (rule) expect(firedRules(result).some((r) => r.startsWith(rule))).toBe(true);
  });

  it('ends negation scope at a contrast word', () => {
    const result = rulesEn('not cheap but great');
    expect(result.terms.find((t) => t.text === 'great')?.rules ?? []).not.toContain('negated(not)');
  });

  it('ends negation scope at a comma (the en tokenizer keeps , ; . :)', () => {
    const result = rulesEn('not cheap, great');
    expect(result.terms.find((t) => t.text === 'great')?.rules ?? []).not.toContain('negated(not)');
  });

  it("does not negate after idioms such as \"can't believe\"", () => {
    const result = rulesEn("i can't believe how happy i am");
    expect(result.terms.find((t) => t.text === 'happy')?.rules ?? []).not.toContain("negated(can't)");
  });

  it('scales a negated word below its plain weight ("not good" is weaker than "bad")', () => {
    expect(Math.abs(rulesEn('not good').raw)).toBeLessThan(Math.abs(rulesEn('good').raw));
  });
});
