import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/eval/metrics.js';
import { parseLabelledJsonl, readLabelledLines, toEmotionLabel, toSentimentLabel } from '../../src/eval/dataset.js';

describe('computeMetrics', () => {
  // Gold in test/fixtures/sentiment-eval-tiny.jsonl: pos pos neg neg neg; predictions fixed by hand.
  const rows = parseLabelledJsonl(readFileSync(new URL('../fixtures/sentiment-eval-tiny.jsonl', import.meta.url), 'utf8'));
  const gold = rows.map((r) => r.label!);
  const predicted = ['pos', 'neg', 'neg', 'neg', 'neu'];
  const m = computeMetrics(gold, predicted, ['pos', 'neg', 'neu']);

  it('reads the gold labels', () => expect(gold).toEqual(['pos', 'pos', 'neg', 'neg', 'neg']));
  it('computes accuracy', () => expect(m.accuracy).toBeCloseTo(3 / 5));
  it('computes per-class precision and recall', () => {
    expect(m.perClass.pos).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(m.perClass.neg.precision).toBeCloseTo(2 / 3);
    expect(m.perClass.neg.recall).toBeCloseTo(2 / 3);
    expect(m.perClass.neu).toMatchObject({ precision: 0, recall: 0, support: 0 });
  });
  it('averages F1 over the classes present in gold', () => {
    // pos F1 = 2·1·0.5/1.5 = 2/3; neg F1 = 2/3 → macro 2/3 (neu has no support and is left out)
    expect(m.macroF1).toBeCloseTo(2 / 3);
  });
  it('fills the confusion matrix gold × predicted', () => {
    expect(m.confusion).toEqual({
      pos: { pos: 1, neg: 1, neu: 0 },
      neg: { pos: 0, neg: 2, neu: 1 },
      neu: { pos: 0, neg: 0, neu: 0 },
    });
  });
  it('rejects mismatched lengths', () => expect(() => computeMetrics(['pos'], [])).toThrow(/as many predictions/));
});

describe('parseLabelledJsonl', () => {
  it('maps source emotion names to Ekman labels', () => {
    expect(toEmotionLabel('happy')).toBe('joy');
    expect(toEmotionLabel(['optimism', 'joy'])).toBe('joy');
    expect(toEmotionLabel('angry')).toBe('anger');
    expect(toEmotionLabel('boredom')).toBeNull();
  });
  it('names the bad line', () => expect(() => parseLabelledJsonl('{"text":"a"}\n{oops')).toThrow(/line 2/));
  it('names the bad line once, without a doubled prefix', () => expect(() => parseLabelledJsonl('{"text":"a"}\n{oops')).toThrow(/^line 2: not valid JSON/));
  it('reads sentiment label synonyms in any case', () => {
    expect(['pos', 'POS', 'Positive', ' negative ', 'NEU', 'neutral', 'mixed', 1].map(toSentimentLabel)).toEqual(['pos', 'pos', 'pos', 'neg', 'neu', 'neu', null, null]);
  });
  it('skips, with a task, a row whose label for that task is unknown, and keeps it for the other task', () => {
    const content = '{"text":"a","label":"meh","emotion":"joy"}\n{"text":"b","label":"pos"}';
    expect(readLabelledLines(content, 'sentiment').skipped).toEqual([{ line: 1, reason: expect.stringMatching(/^unknown label "meh"/) }]);
    expect(readLabelledLines(content, 'emotion')).toMatchObject({ rows: [{ text: 'a', emotion: 'joy' }, { text: 'b' }], skipped: [] });
  });
});
