import { describe, expect, it } from 'vitest';
import { FeatureBuffer, KIND_BIGRAM, KIND_CHAR2, KIND_NEGATED, KIND_WORD, featureName } from '../../../src/pipeline/sentiment/hashed.js';
import { decodeSection, encodeSection, type PackedSectionHeader } from '../../../src/pipeline/sentiment/packed.js';
import { sparseLogit, topContributions } from '../../../src/pipeline/sentiment/linear.js';

const ZH = { char2: true, char3: false, subword: 0 };
const EN = { char2: false, char3: false, subword: 0 };

function names(tokens: string[], text: string, lang: 'zh' | 'en', config = lang === 'zh' ? ZH : EN): string[] {
  const buf = new FeatureBuffer().read(tokens, text, lang, config);
  return Array.from({ length: buf.count }, (_, j) => featureName(buf, j));
}

describe('hashed features', () => {
  it('emits words, bigrams and zh character bigrams', () => {
    expect(names(['不', '好吃'], '不好吃', 'zh')).toEqual(['不', '好吃', '不_好吃', '#不好', '#好吃']);
  });

  it('marks en words inside a negation scope that ends at a comma or contrast word', () => {
    const got = names(['not', 'good', ',', 'great', 'but', 'not', 'cheap'], 'not good, great but not cheap', 'en');
    expect(got).toContain('!good');
    expect(got).toContain('great');
    expect(got).toContain('!cheap');
    expect(got).not.toContain('!great');
  });

  it("keeps the words after an idiom such as \"can't wait\" un-negated", () => {
    expect(names(["can't", 'wait'], "can't wait", 'en')).toContain('wait');
  });

  it('hashes deterministically and tells families apart', () => {
    const a = new FeatureBuffer().read(['good', 'good'], 'good good', 'en', EN);
    expect(a.hashes[0]).toBe(a.hashes[1]);
    const kinds = new Set(Array.from(a.kinds.subarray(0, a.count)));
    expect(kinds).toEqual(new Set([KIND_WORD, KIND_BIGRAM]));
    const b = new FeatureBuffer().read(['not', 'good'], 'not good', 'en', EN);
    expect(Array.from(b.kinds.subarray(0, b.count))).toContain(KIND_NEGATED);
    expect(b.hashes[1]).not.toBe(a.hashes[0]);
    const c = new FeatureBuffer().read(['好'], '好吃', 'zh', ZH);
    expect(Array.from(c.kinds.subarray(0, c.count))).toContain(KIND_CHAR2);
  });
});

describe('packed model format', () => {
  it('round-trips buckets and weights through varint deltas and int16 steps', () => {
    const buckets = [3, 4, 1000, 65536, 1048575];
    const values = [0.5, -1.25, 2, -0.001, 3.2];
    const step = 3.2 / 32000;
    const { bytes, rows } = encodeSection(buckets, values, 1, step);
    const header: PackedSectionHeader = { labels: ['pos'], bits: 20, bias: [0.1], dense: { rule: [2] }, offset: 0, bytes: bytes.length, rows, step };
    const m = decodeSection(header, bytes);
    expect(m.table.length).toBe(1 << 20);
    buckets.forEach((b, i) => expect(m.table[b] * m.step).toBeCloseTo(values[i], 3));
    expect(m.table[5]).toBe(0);
    expect(Array.from(m.denseWeights)).toEqual([2]);
  });

  it('scores and names the top features of a post', () => {
    const buf = new FeatureBuffer().read(['very', 'good'], 'very good', 'en', EN);
    const goodBucket = buf.hashes[1] & ((1 << 10) - 1);
    const { bytes, rows } = encodeSection([goodBucket], [2], 1, 1 / 1000);
    const m = decodeSection({ labels: ['pos'], bits: 10, bias: [0], dense: {}, offset: 0, bytes: bytes.length, rows, step: 1 / 1000 }, bytes);
    expect(sparseLogit(m, buf)).toBeCloseTo(2 / Math.sqrt(buf.count), 3);
    expect(topContributions(m, buf, 3)[0].feature).toBe('good');
  });
});
