import { featureName, KIND_SUBWORD, type FeatureBuffer } from './hashed.js';
import type { HashedLinear } from './packed.js';

/** One learned feature's share of a logit. */
export interface Contribution {
  feature: string;
  value: number;
}

/**
 * Sparse part of column `col` of a hashed model: Σ table[hash & mask] · 1/√(feature count), so
 * long reviews and short posts live on one scale.
 */
export function sparseLogit(model: HashedLinear, buf: FeatureBuffer, col = 0): number {
  const { table, mask, cols } = model;
  const hashes = buf.hashes;
  let sum = 0;
  for (let j = 0; j < buf.count; j++) sum += table[(hashes[j] & mask) * cols + col];
  return buf.count > 0 ? (sum * model.step) / Math.sqrt(buf.count) : 0;
}

/** Dense part of column `col`: Σ weight[key] · value, `values` in the model's dense-key order. */
export function denseLogit(model: HashedLinear, values: ArrayLike<number>, col = 0): number {
  const cols = model.cols;
  const w = model.denseWeights;
  let sum = 0;
  for (let j = 0; j < values.length; j++) sum += w[j * cols + col] * values[j];
  return sum;
}

/**
 * The `k` features with the largest |contribution| to column `col` (after the 1/√n scale), best
 * first (ties keep feature order); repeated features are summed, and the character n-grams of one
 * word are summed into one entry named `~word`. Winners below `minAbs` are dropped, and only the
 * names of the rest are built.
 */
export function topContributions(model: HashedLinear, buf: FeatureBuffer, k: number, col = 0, minAbs = 0): Contribution[] {
  const { table, mask, cols } = model;
  const scale = buf.count > 0 ? 1 / Math.sqrt(buf.count) : 0;
  const idx: number[] = [];
  const val: number[] = [];
  const keys: number[] = [];
  const hashes = buf.hashes;
  for (let j = 0; j < buf.count; j++) {
    const w = table[(hashes[j] & mask) * cols + col] * model.step;
    if (w === 0) continue;
    const key = buf.kinds[j] === KIND_SUBWORD ? -1 - buf.pos[j] : hashes[j];
    let merged = false;
    for (let t = 0; t < idx.length; t++) {
      if (keys[t] === key) {
        val[t] += w;
        merged = true;
        break;
      }
    }
    if (merged) continue;
    if (idx.length < k) {
      idx.push(j);
      val.push(w);
      keys.push(key);
      continue;
    }
    let min = 0;
    for (let t = 1; t < idx.length; t++) if (Math.abs(val[t]) < Math.abs(val[min])) min = t;
    if (Math.abs(w) > Math.abs(val[min])) {
      idx[min] = j;
      val[min] = w;
      keys[min] = key;
    }
  }
  const out: Contribution[] = [];
  for (let t = 0; t < idx.length; t++) {
    const value = val[t] * scale;
    if (Math.abs(value) < minAbs) continue;
    const j = idx[t];
    insertByMagnitude(out, { feature: buf.kinds[j] === KIND_SUBWORD ? '~' + buf.tokens![buf.pos[j]] : featureName(buf, j), value });
  }
  return out;
}

/**
 * Inserts `c` after every entry of at least its |value|: the order of a stable sort by descending
 * |value|, without `Array.prototype.sort`'s set-up cost on these ≤ k entries.
 */
function insertByMagnitude(out: Contribution[], c: Contribution): void {
  const size = Math.abs(c.value);
  let at = out.length;
  while (at > 0 && Math.abs(out[at - 1].value) < size) at--;
  out.splice(at, 0, c);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
