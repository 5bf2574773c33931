/**
 * Label-noise filtering for the sentiment trainer. Some dev sets carry wrong labels (NLPCC-2014: 3
 * of 25 random rows contradict their text, e.g. "不错不错！" neg); a row whose out-of-fold models give
 * its own label a probability below `minP` (polarity) or `minNeuP` (neutral rows, P(neutral)) is taken
 * as mislabelled and left out of TRAINING only.
 * Evaluation still scores every row, so the figures stay comparable with unfiltered runs.
 */

interface Scored {
  doc: { label: 'pos' | 'neg' | 'neu' };
  pPos: number;
  pNeu: number;
}

/** The polar rows whose out-of-fold P(own label) < minP, and the neutral rows whose P(neutral) < minNeuP. */
export function mislabelled<P extends Scored>(outOfFold: readonly P[], minP: number, minNeuP = 0): Set<P['doc']> {
  const noisy = new Set<P['doc']>();
  for (const p of outOfFold) {
    if (p.doc.label === 'neu') {
      if (p.pNeu < minNeuP) noisy.add(p.doc);
      continue;
    }
    const own = p.doc.label === 'pos' ? p.pPos : 1 - p.pPos;
    if (own < minP) noisy.add(p.doc);
  }
  return noisy;
}
