import { describe, expect, it } from 'vitest';
import { nbScales } from '../../scripts/train/nb-scale.js';
import { predict, trainBinary, type Example } from '../../scripts/train/logreg.js';

const BITS = 8;
const GOOD = 3;
const BAD = 5;
const FILLER = 7;
const row = (hashes: number[], y: number): Example => ({ hashes: Int32Array.from(hashes), dense: new Float64Array(0), y, weight: 1 });
const rows = [
  ...Array.from({ length: 20 }, () => row([GOOD, FILLER], 1)),
  ...Array.from({ length: 20 }, () => row([BAD, FILLER], 0)),
];

describe('Naive-Bayes feature scales', () => {
  it('are positive for words of positive rows, negative for negative rows and near zero for words of both', () => {
    const r = nbScales(rows, BITS, 1);
    expect(r[GOOD]).toBeGreaterThan(2);
    expect(r[BAD]).toBeLessThan(-2);
    expect(Math.abs(r[FILLER])).toBeLessThan(0.01);
  });

  it('are folded into the trained weights, so the runtime dot product needs no table', () => {
    const model = trainBinary(rows, 0, { bits: BITS, epochs: 5, featureScale: nbScales(rows, BITS, 1) });
    // Trained against a negative scale, the word of negative rows must come out with a negative weight.
    expect(model.w[BAD]).toBeLessThan(0);
    expect(model.w[GOOD]).toBeGreaterThan(0);
    expect(predict(model, row([BAD, FILLER], 0))[0]).toBeLessThan(0);
    expect(predict(model, row([GOOD, FILLER], 1))[0]).toBeGreaterThan(0);
  });
});
