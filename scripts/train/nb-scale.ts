/**
 * Naive-Bayes log-count ratios as per-bucket feature scales (the "NBSVM" recipe of Wang & Manning
 * 2012): each hashed feature enters the logistic regression as r·x instead of x, where r is the log
 * ratio of its smoothed, weight-normalised frequency in class-1 and class-0 rows. Features that are
 * evenly spread over the classes are damped; telling ones are cheap to use under L2. The scale is
 * folded into the trained weights, so the runtime model and its dot product are unchanged.
 */
import type { Example } from './logreg.js';

export function nbScales(examples: readonly Example[], bits: number, alpha: number): Float64Array {
  if (!(alpha > 0)) throw new RangeError(`Naive-Bayes smoothing must be > 0, got ${alpha}`);
  const mask = (1 << bits) - 1;
  const pos = new Float64Array(1 << bits);
  const neg = new Float64Array(1 << bits);
  for (const ex of examples) {
    const into = ex.y === 1 ? pos : neg;
    for (let i = 0; i < ex.hashes.length; i++) into[ex.hashes[i] & mask] += ex.weight;
  }
  let sumPos = 0;
  let sumNeg = 0;
  for (let b = 0; b <= mask; b++) {
    sumPos += pos[b] + alpha;
    sumNeg += neg[b] + alpha;
  }
  const r = new Float64Array(1 << bits);
  const bias = Math.log(sumNeg / sumPos);
  for (let b = 0; b <= mask; b++) r[b] = Math.log((pos[b] + alpha) / (neg[b] + alpha)) + bias;
  return r;
}
