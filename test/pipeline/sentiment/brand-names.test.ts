import { beforeAll, describe, expect, it } from 'vitest';
import { createDefaultPipeline } from '../../../src/pipeline/default-pipeline.js';
import type { Pipeline } from '../../../src/pipeline/pipeline.js';
import { loadNlpResources, type NlpResources } from '../../../src/resources/nlp.js';

let resources: NlpResources;
let pipeline: Pipeline;
beforeAll(async () => {
  resources = await loadNlpResources();
  pipeline = createDefaultPipeline(resources);
}, 60_000);

/** The lexicon terms (not the learned n-grams) the explanation names for `text`. */
function ruleTerms(text: string): string[] {
  const terms = pipeline.run({ text }).doc.sentiment!.explanation.terms;
  return terms.filter((t) => !t.rules?.includes('learned')).map((t) => t.text);
}

describe('brand names carry no lexicon sentiment', () => {
  it('does not read "swift" in Swift Eats as praise, but still reads it elsewhere in the post', () => {
    resources.aspectNames.set([]);
    expect(ruleTerms('Swift Eats delivered my order.')).toEqual(['swift']);
    resources.aspectNames.set(['Swift Eats']);
    expect(ruleTerms('Swift Eats delivered my order.')).toEqual([]);
    expect(ruleTerms('Swift Eats was swift tonight, great')).toEqual(['swift', 'great']);
  });

  it('counts a brand name in a negation scope as plain words, as far as the scope reaches', () => {
    resources.aspectNames.set(['Swift Eats']);
    const terms = (text: string) => pipeline.run({ text }).doc.sentiment!.explanation.terms.filter((t) => !t.rules?.includes('learned'));
    // "not" reaches four words: the brand's two words use two of them, as "blue plates" does.
    expect(terms('Not Swift Eats the food good')).toEqual(terms('Not blue plates the food good'));
    expect(terms('Not Swift Eats the food good')).toEqual([{ text: 'good', weight: 1.4 }]);
    expect(terms('Not Swift Eats food good')[0]).toMatchObject({ text: 'good', rules: ['negated(not)'] });
  });

  it('keeps an opinion word that a zh brand name only overlaps (美团 across 完美|团购)', () => {
    resources.aspectNames.set(['美团']);
    expect(ruleTerms('这次完美团购，很满意')).toEqual(['完美', '满意']);
  });

  it('looks through a zh brand name that jieba splits into an opinion word (开心 in 开心果园)', () => {
    resources.aspectNames.set([]);
    expect(ruleTerms('开心果园的苹果到了')).toContain('开心');
    resources.aspectNames.set(['开心果园']);
    expect(ruleTerms('开心果园的苹果到了')).toEqual([]);
    expect(ruleTerms('开心果园的苹果很好吃')).toEqual(['好吃']);
  });

  it('gives a clause holding a masked term (customer support) no praise from the brand name either', () => {
    const service = () => pipeline.run({ text: 'Swift Eats customer support, the food was cold.' }).doc.aspects!.find((a) => a.aspect === 'customer_service')!;
    resources.aspectNames.set([]);
    expect(service().label).toBe('pos');
    const praised = service().score;
    resources.aspectNames.set(['Swift Eats']);
    expect(service().label).not.toBe('pos');
    expect(service().score).toBeLessThan(praised - 0.2);
  });

  it('gives an aspect no praise from the brand name in its clause', () => {
    const delivery = () => pipeline.run({ text: 'Swift Eats delivery today, the food was cold.' }).doc.aspects!.find((a) => a.aspect === 'delivery')!;
    resources.aspectNames.set([]);
    // Unmasked, "swift" (+1.2) lifts the clause; the label may stay neutral under the tuned gate.
    const praised = delivery().score;
    expect(praised).toBeGreaterThan(0.2);
    resources.aspectNames.set(['Swift Eats']);
    expect(delivery().label).not.toBe('pos');
    expect(delivery().score).toBeLessThan(praised - 0.2);
  });
});
