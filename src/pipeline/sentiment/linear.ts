import { forEachFeature } from './features.js';
import type { LinearModel } from './types.js';

/** One learned feature's share of a logit. */
export interface Contribution {
  feature: string;
  value: number;
}

export interface LinearScore {
  /** Sparse (n-gram) part of the logit, after length scaling. */
  sparse: number;
  /** Dense (rule-feature) part of the logit. */
  dense: number;
  logit: number;
  /** Largest |contributions| of sparse features, best first (only when `topK` > 0). */
  top: Contribution[];
}

/**
 * Scores a post with a sparse linear model: features are summed, scaled by 1/√(feature count) so
 * long reviews and short posts live on one scale, then the dense rule features and bias are added.
 */
export function scoreLinear(
  model: LinearModel,
  tokens: readonly string[],
  text: string,
  lang: 'zh' | 'en',
  dense: Record<string, number>,
  topK = 0,
): LinearScore {
  const weights = model.weights;
  let sum = 0;
  const top: Contribution[] = [];
  const n = forEachFeature(tokens, text, lang, (feature) => {
    const w = weights.get(feature);
    if (w === undefined) return;
    sum += w;
    if (topK > 0) keepTop(top, feature, w, topK);
  });
  const scale = n > 0 ? 1 / Math.sqrt(n) : 0;
  let denseSum = 0;
  for (const key in model.dense) denseSum += model.dense[key] * (dense[key] ?? 0);
  for (const c of top) c.value *= scale;
  const sparse = sum * scale;
  return { sparse, dense: denseSum, logit: model.bias + sparse + denseSum, top };
}

function keepTop(top: Contribution[], feature: string, w: number, k: number): void {
  for (const c of top) {
    if (c.feature === feature) {
      c.value += w;
      return;
    }
  }
  if (top.length < k) {
    top.push({ feature, value: w });
    return;
  }
  let min = 0;
  for (let i = 1; i < top.length; i++) if (Math.abs(top[i].value) < Math.abs(top[min].value)) min = i;
  if (Math.abs(w) > Math.abs(top[min].value)) top[min] = { feature, value: w };
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
