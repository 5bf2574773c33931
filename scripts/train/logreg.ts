/**
 * A small sparse logistic-regression trainer (binary and softmax) with AdaGrad and L2, used
 * single-threaded by the training scripts. Features are the strings of `forEachFeature`, scaled
 * by 1/√n exactly as at runtime; dense features are given per example.
 */
import { forEachFeature } from '../../src/pipeline/sentiment/features.js';

export interface Example {
  ids: Int32Array;
  /** 1/√(feature count), the runtime scale. */
  scale: number;
  dense: Float64Array;
  /** Class index (binary: 1 = positive class). */
  y: number;
  weight: number;
}

export class Vocabulary {
  readonly index = new Map<string, number>();
  readonly names: string[] = [];
  constructor(readonly counts: Map<string, number> | null = null, readonly minCount = 1) {}
  id(feature: string, grow: boolean): number {
    let id = this.index.get(feature);
    if (id === undefined && grow && (!this.counts || (this.counts.get(feature) ?? 0) >= this.minCount)) {
      id = this.names.length;
      this.index.set(feature, id);
      this.names.push(feature);
    }
    return id ?? -1;
  }
}

/** Document frequency of every feature over `docs`. */
export function countFeatures(docs: { tokens: string[]; text: string }[], lang: 'zh' | 'en'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of docs) {
    const seen = new Set<string>();
    forEachFeature(d.tokens, d.text, lang, (f) => seen.add(f));
    for (const f of seen) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  return counts;
}

export function toExample(
  vocab: Vocabulary, tokens: string[], text: string, lang: 'zh' | 'en', dense: number[], y: number, grow: boolean, weight = 1,
): Example {
  const ids: number[] = [];
  const n = forEachFeature(tokens, text, lang, (f) => {
    const id = vocab.id(f, grow);
    if (id >= 0) ids.push(id);
  });
  return { ids: Int32Array.from(ids), scale: n > 0 ? 1 / Math.sqrt(n) : 0, dense: Float64Array.from(dense), y, weight };
}

export interface TrainOptions {
  epochs?: number;
  lr?: number;
  l2?: number;
  /** Extra L2 on sparse weights relative to dense ones, so rule features keep their say. */
  sparseL2?: number;
  seed?: number;
}

export interface SoftmaxModel {
  classes: number;
  bias: Float64Array;
  w: Float64Array; // [feature * classes + k]
  dw: Float64Array; // [dense * classes + k]
}

function shuffle<T>(a: T[], seed: number): void {
  let s = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
}

/**
 * Trains softmax regression (classes ≥ 2; binary problems use classes = 2) with AdaGrad.
 * Returns per-class weights; for binary the logit is w[.,1] − w[.,0].
 */
export function trainSoftmax(examples: Example[], features: number, denseSize: number, classes: number, opts: TrainOptions = {}): SoftmaxModel {
  const { epochs = 4, lr = 0.2, l2 = 1e-6, sparseL2 = 1e-5, seed = 7 } = opts;
  const w = new Float64Array(features * classes);
  const gw = new Float64Array(features * classes).fill(1e-8);
  const dw = new Float64Array(denseSize * classes);
  const gd = new Float64Array(denseSize * classes).fill(1e-8);
  const bias = new Float64Array(classes);
  const gb = new Float64Array(classes).fill(1e-8);
  const order = examples.slice();
  const logits = new Float64Array(classes);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, seed + epoch);
    for (const ex of order) {
      for (let k = 0; k < classes; k++) {
        let z = bias[k];
        for (let i = 0; i < ex.ids.length; i++) z += w[ex.ids[i] * classes + k] * ex.scale;
        for (let j = 0; j < denseSize; j++) z += dw[j * classes + k] * ex.dense[j];
        logits[k] = z;
      }
      let max = -Infinity;
      for (let k = 0; k < classes; k++) if (logits[k] > max) max = logits[k];
      let sum = 0;
      for (let k = 0; k < classes; k++) sum += (logits[k] = Math.exp(logits[k] - max));
      for (let k = 0; k < classes; k++) {
        const g = (logits[k] / sum - (k === ex.y ? 1 : 0)) * ex.weight;
        gb[k] += g * g;
        bias[k] -= (lr * g) / Math.sqrt(gb[k]);
        for (let i = 0; i < ex.ids.length; i++) {
          const idx = ex.ids[i] * classes + k;
          const gi = g * ex.scale + sparseL2 * w[idx];
          gw[idx] += gi * gi;
          w[idx] -= (lr * gi) / Math.sqrt(gw[idx]);
        }
        for (let j = 0; j < denseSize; j++) {
          const idx = j * classes + k;
          const gj = g * ex.dense[j] + l2 * dw[idx];
          gd[idx] += gj * gj;
          dw[idx] -= (lr * gj) / Math.sqrt(gd[idx]);
        }
      }
    }
  }
  return { classes, bias, w, dw };
}

/** Per-class scores of one example. */
export function predictSoftmax(m: SoftmaxModel, ex: Example): Float64Array {
  const out = new Float64Array(m.classes);
  for (let k = 0; k < m.classes; k++) {
    let z = m.bias[k];
    for (let i = 0; i < ex.ids.length; i++) z += m.w[ex.ids[i] * m.classes + k] * ex.scale;
    for (let j = 0; j < ex.dense.length; j++) z += m.dw[j * m.classes + k] * ex.dense[j];
    out[k] = z;
  }
  return out;
}
