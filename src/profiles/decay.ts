/**
 * Time decay: evidence loses half its weight every `halfLifeDays`, so an interest mentioned once a
 * year ago fades below the emit threshold unless the author keeps talking about it.
 */

const DAY_MS = 86_400_000;

/** Weight of evidence `ageMs` old, in (0, 1]; future-dated evidence counts as fresh. */
export function decayWeight(ageMs: number, halfLifeDays: number): number {
  if (ageMs <= 0 || halfLifeDays <= 0) return 1;
  return Math.pow(0.5, ageMs / (halfLifeDays * DAY_MS));
}

/**
 * Combines independent pieces of evidence (each a probability in [0, 1]) with noisy-OR: two
 * mentions at 0.6 give 0.84, and no single weak hint can reach certainty.
 */
export function noisyOr(probabilities: readonly number[]): number {
  return 1 - probabilities.reduce((acc, p) => acc * (1 - Math.min(1, Math.max(0, p))), 1);
}

/** Confidence rounded to 3 decimals, so stored values and change detection stay stable. */
export function roundConfidence(value: number): number {
  return Math.round(value * 1000) / 1000;
}
