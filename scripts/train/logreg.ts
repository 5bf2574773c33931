/**
 * A small hashed logistic-regression trainer (binary and softmax) with AdaGrad and L2, used
 * single-threaded by the training scripts. Features are the 32-bit hashes of
 * `src/pipeline/sentiment/hashed.ts`, masked to 2^bits buckets and scaled by 1/√n exactly as at
 * runtime; dense (rule) features are given per example.
 */
import { FeatureBuffer, type FeatureConfig } from '../../src/pipeline/sentiment/hashed.js';
import { encodeSection, type PackedSectionHeader } from '../../src/pipeline/sentiment/packed.js';

export interface Example {
  /** Full 32-bit feature hashes (masked by the trainer). */
  hashes: Int32Array;
  dense: Float64Array;
  /** Class index (binary: 1 = positive class). */
  y: number;
  weight: number;
}

const buffer = new FeatureBuffer();

/** The hashed features of one post, copied out of the shared buffer. */
export function featureHashes(tokens: readonly string[], text: string, lang: 'zh' | 'en', config: FeatureConfig): Int32Array {
  buffer.tokens = null;
  buffer.read(tokens, text, lang, config);
  return buffer.hashes.slice(0, buffer.count);
}

export interface TrainOptions {
  bits: number;
  epochs?: number;
  lr?: number;
  /** L2 on sparse weights (applied lazily to touched weights). */
  l2?: number;
  /** L2 on dense weights. */
  denseL2?: number;
  seed?: number;
  /** Per-bucket feature values (e.g. nb-scale.ts), folded into the weights after training. */
  featureScale?: Float64Array;
}

export interface Model {
  bits: number;
  classes: number;
  /** Columns: 1 for binary (logit of class 1), else `classes`. */
  cols: number;
  w: Float64Array; // [bucket * cols + c]
  dw: Float64Array; // [dense * cols + c]
  bias: Float64Array;
}

function shuffle<T>(a: T[], seed: number): void {
  let s = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
}

/** Binary logistic regression (y ∈ {0,1}); the single column is the logit of class 1. */
export function trainBinary(examples: Example[], denseSize: number, opts: TrainOptions): Model {
  const { bits, epochs = 5, lr = 0.2, l2 = 1e-5, denseL2 = 1e-6, seed = 7, featureScale } = opts;
  const mask = (1 << bits) - 1;
  if (featureScale && featureScale.length !== 1 << bits) throw new RangeError(`featureScale has ${featureScale.length} entries, not 2^${bits}`);
  const fs = featureScale;
  const w = new Float64Array(1 << bits);
  const gw = new Float64Array(1 << bits).fill(1e-8);
  const dw = new Float64Array(denseSize);
  const gd = new Float64Array(denseSize).fill(1e-8);
  const bias = new Float64Array(1);
  let gb = 1e-8;
  const order = examples.slice();
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, seed + epoch);
    for (const ex of order) {
      const h = ex.hashes;
      const scale = h.length > 0 ? 1 / Math.sqrt(h.length) : 0;
      let z = bias[0];
      for (let i = 0; i < h.length; i++) z += w[h[i] & mask] * (fs ? fs[h[i] & mask] : 1) * scale;
      for (let j = 0; j < denseSize; j++) z += dw[j] * ex.dense[j];
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - ex.y) * ex.weight;
      gb += g * g;
      bias[0] -= (lr * g) / Math.sqrt(gb);
      for (let i = 0; i < h.length; i++) {
        const idx = h[i] & mask;
        const gi = g * scale * (fs ? fs[idx] : 1) + l2 * w[idx];
        gw[idx] += gi * gi;
        w[idx] -= (lr * gi) / Math.sqrt(gw[idx]);
      }
      for (let j = 0; j < denseSize; j++) {
        const gj = g * ex.dense[j] + denseL2 * dw[j];
        gd[j] += gj * gj;
        dw[j] -= (lr * gj) / Math.sqrt(gd[j]);
      }
    }
  }
  if (fs) for (let b = 0; b <= mask; b++) w[b] *= fs[b];
  return { bits, classes: 2, cols: 1, w, dw, bias };
}

/** Softmax regression over `classes` ≥ 3 classes. */
export function trainSoftmax(examples: Example[], denseSize: number, classes: number, opts: TrainOptions): Model {
  const { bits, epochs = 4, lr = 0.1, l2 = 1e-5, denseL2 = 1e-6, seed = 7 } = opts;
  const mask = (1 << bits) - 1;
  const w = new Float64Array((1 << bits) * classes);
  const gw = new Float64Array((1 << bits) * classes).fill(1e-8);
  const dw = new Float64Array(denseSize * classes);
  const gd = new Float64Array(denseSize * classes).fill(1e-8);
  const bias = new Float64Array(classes);
  const gb = new Float64Array(classes).fill(1e-8);
  const order = examples.slice();
  const z = new Float64Array(classes);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, seed + epoch);
    for (const ex of order) {
      const h = ex.hashes;
      const scale = h.length > 0 ? 1 / Math.sqrt(h.length) : 0;
      for (let k = 0; k < classes; k++) {
        let s = bias[k];
        for (let i = 0; i < h.length; i++) s += w[(h[i] & mask) * classes + k] * scale;
        for (let j = 0; j < denseSize; j++) s += dw[j * classes + k] * ex.dense[j];
        z[k] = s;
      }
      let max = -Infinity;
      for (let k = 0; k < classes; k++) if (z[k] > max) max = z[k];
      let sum = 0;
      for (let k = 0; k < classes; k++) sum += (z[k] = Math.exp(z[k] - max));
      for (let k = 0; k < classes; k++) {
        const g = (z[k] / sum - (k === ex.y ? 1 : 0)) * ex.weight;
        gb[k] += g * g;
        bias[k] -= (lr * g) / Math.sqrt(gb[k]);
        for (let i = 0; i < h.length; i++) {
          const idx = (h[i] & mask) * classes + k;
          const gi = g * scale + l2 * w[idx];
          gw[idx] += gi * gi;
          w[idx] -= (lr * gi) / Math.sqrt(gw[idx]);
        }
        for (let j = 0; j < denseSize; j++) {
          const idx = j * classes + k;
          const gj = g * ex.dense[j] + denseL2 * dw[idx];
          gd[idx] += gj * gj;
          dw[idx] -= (lr * gj) / Math.sqrt(gd[idx]);
        }
      }
    }
  }
  return { bits, classes, cols: classes, w, dw, bias };
}

/** Per-column scores of one example. */
export function predict(m: Model, ex: { hashes: Int32Array; dense: ArrayLike<number> }): Float64Array {
  const mask = (1 << m.bits) - 1;
  const out = new Float64Array(m.cols);
  const h = ex.hashes;
  const scale = h.length > 0 ? 1 / Math.sqrt(h.length) : 0;
  for (let k = 0; k < m.cols; k++) {
    let s = m.bias[k];
    for (let i = 0; i < h.length; i++) s += m.w[(h[i] & mask) * m.cols + k] * scale;
    for (let j = 0; j < ex.dense.length; j++) s += m.dw[j * m.cols + k] * ex.dense[j];
    out[k] = s;
  }
  return out;
}

/**
 * Packs a trained model into a section: buckets whose largest |weight| is below `prune` are
 * dropped, weights are quantised to int16 steps. Returns the header (offset filled by the caller)
 * and the bytes.
 */
export function packModel(
  m: Model,
  labels: string[],
  denseKeys: readonly string[],
  prune: number,
  params?: Record<string, number>,
): { header: Omit<PackedSectionHeader, 'offset'>; bytes: Uint8Array; kept: number } {
  const cols = m.cols;
  const buckets: number[] = [];
  const values: number[] = [];
  let maxAbs = 0;
  for (let b = 0; b < 1 << m.bits; b++) {
    let big = 0;
    for (let c = 0; c < cols; c++) big = Math.max(big, Math.abs(m.w[b * cols + c]));
    if (big < prune || big === 0) continue;
    buckets.push(b);
    for (let c = 0; c < cols; c++) values.push(m.w[b * cols + c]);
    maxAbs = Math.max(maxAbs, big);
  }
  const step = maxAbs > 0 ? maxAbs / 32000 : 1e-4;
  const { bytes, rows } = encodeSection(buckets, values, cols, step);
  const dense: Record<string, number[]> = {};
  denseKeys.forEach((key, j) => (dense[key] = Array.from({ length: cols }, (_, c) => round(m.dw[j * cols + c]))));
  return {
    header: { labels, bits: m.bits, bias: Array.from(m.bias, round), dense, params, bytes: bytes.length, rows, step },
    bytes,
    kept: rows,
  };
}

/** Zeroes weights below `prune` in place (what packing will drop), for honest evaluation. */
export function pruneInPlace(m: Model, prune: number): number {
  const cols = m.cols;
  let kept = 0;
  for (let b = 0; b < 1 << m.bits; b++) {
    let big = 0;
    for (let c = 0; c < cols; c++) big = Math.max(big, Math.abs(m.w[b * cols + c]));
    if (big < prune) for (let c = 0; c < cols; c++) m.w[b * cols + c] = 0;
    else if (big > 0) kept++;
  }
  return kept;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
