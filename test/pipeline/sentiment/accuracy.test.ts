import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/pipeline/analyze.js';
import { createDefaultPipeline } from '../../../src/pipeline/default-pipeline.js';
import type { Pipeline } from '../../../src/pipeline/pipeline.js';
import { loadNlpResources } from '../../../src/resources/nlp.js';
import { parseLabelledJsonl } from '../../../src/eval/dataset.js';
import { computeMetrics } from '../../../src/eval/metrics.js';

/** Floors on the hand-written fixtures (60 posts each, composed for these tests). */
const FLOORS = { zh: 0.8, en: 0.8 } as const;

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = createDefaultPipeline(await loadNlpResources());
});

describe('sentiment accuracy floor', () => {
  it.each(['zh', 'en'] as const)('scores test/fixtures/sentiment-%s.jsonl above the floor', (lang) => {
    const rows = parseLabelledJsonl(readFileSync(new URL(`../../fixtures/sentiment-${lang}.jsonl`, import.meta.url), 'utf8'));
    const predicted = rows.map((r) => analyzeText(pipeline, r.text, lang).sentiment.label);
    const metrics = computeMetrics(rows.map((r) => r.label!), predicted, ['pos', 'neg', 'neu']);
    expect(metrics.n).toBe(60);
    expect(metrics.accuracy).toBeGreaterThanOrEqual(FLOORS[lang]);
  });
});

describe('explanations', () => {
  it.each([
    ['服务态度很差，菜也凉了', 'neg', ['很差', '差']],
    ['虽然有点贵，但是真的很好吃', 'pos', ['好吃', '很好吃']],
    ['The battery is awful', 'neg', ['awful']],
    ['Absolutely love it', 'pos', ['love']],
  ])('%s is %s and names its decisive word', (text, label, words) => {
    const s = analyzeText(pipeline, text).sentiment;
    expect(s.label).toBe(label);
    const decisive = s.explanation.terms.filter((t) => Math.sign(t.weight) === (label === 'pos' ? 1 : -1));
    expect(decisive.some((t) => words.includes(t.text))).toBe(true);
    expect(s.explanation.components).toHaveProperty('modelLogit');
    expect(s.explanation.components).toHaveProperty('rules');
  });

  it('names the top learned features (hashed n-grams rebuilt as words, bigrams, character bigrams)', () => {
    for (const text of ['The battery is awful', '服务态度很差，菜也凉了']) {
      const learned = analyzeText(pipeline, text).sentiment.explanation.terms.filter((t) => t.rules?.includes('learned'));
      expect(learned.length).toBeGreaterThan(0);
      for (const t of learned) expect(t.text).toMatch(/^[!#]?[^\s]+$/u);
    }
  });

  it('judges neutral only with little evidence: most factual posts are neutral, a long clear review is not', () => {
    const factual = [
      'The meeting is at 5pm today.',
      'The store opens at 9am on weekdays.',
      'I ordered a pizza from Speedy Delivery at 7pm.',
      'The new phone comes in black and silver.',
      'The train to Boston leaves every hour.',
      'The package was delivered on Tuesday.',
      'Does anyone know if FreshBee delivers to Brooklyn?',
      'The app asks for your phone number when you sign up.',
      'Tickets go on sale Friday at noon.',
      'The menu has twelve kinds of noodles.',
    ];
    const neutral = factual.filter((text) => analyzeText(pipeline, text).sentiment.label === 'neu');
    // The session-7 model calls 2 of these positive (learned weights of "meeting", "delivered"); the one before, none.
    expect(neutral.length).toBeGreaterThanOrEqual(8);
    const review =
      'I bought this kettle for my office two months ago and it has been great. It boils fast, the handle stays ' +
      'cool, the lid opens easily and it is quiet. The price was fair and delivery was quick. I would buy it again.';
    expect(analyzeText(pipeline, review).sentiment.label).toBe('pos');
  });

  it('lists the contrast rule that fired', () => {
    expect(analyzeText(pipeline, '外观很漂亮，但是质量太差了').sentiment.explanation.rules).toContain('contrast(但是)');
  });
});

describe('full pipeline', () => {
  it.each([
    ['這家餐廳的服務太差勁了', 'neg'],
    ['東西很好吃，下次還會再來', 'pos'],
    ['難道不好吃嗎？', 'pos'],
  ])('reads traditional characters: %s → %s', (text, label) => {
    const analysis = analyzeText(pipeline, text);
    expect(analysis.lang).toBe('zh');
    expect(analysis.sentiment.label).toBe(label);
  });

  it('returns neutral with confidence 0 and rule unsupported-language for other languages', () => {
    const s = analyzeText(pipeline, 'この料理はとても美味しいです').sentiment;
    expect(s).toMatchObject({ label: 'neu', confidence: 0 });
    expect(s.explanation.rules).toContain('unsupported-language');
  });

  it('keeps score within [-1, 1] and assigns emotion and keywords', () => {
    const a = analyzeText(pipeline, '气死我了，外卖又超时了[怒]');
    expect(Math.abs(a.sentiment.score)).toBeLessThanOrEqual(1);
    expect(a.emotion.label).toBe('anger');
    expect(a.emotion.cues).toContain('[怒]');
    expect(a.keywords).toContain('外卖');
    expect(a.keywords).not.toContain('了');
  });
});
