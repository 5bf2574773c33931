/**
 * The neutral gate's grid search for the sentiment trainer, and the metrics it is judged by. The
 * gate itself (`src/pipeline/sentiment/gate.ts`) is the one the runtime applies.
 */
import { NEUTRALITY_DENSE, POLARITY_DENSE } from '../../src/pipeline/sentiment/features.js';
import { isNeutral, type GateThresholds, type NeutralGate } from '../../src/pipeline/sentiment/gate.js';
import { computeMetrics } from '../../src/eval/metrics.js';

/** What the gate needs of a scored row: its set, gold label, length, style cues and the two model outputs. */
export interface Scored {
  doc: { set: string; label: 'pos' | 'neg' | 'neu'; tokens: number; neutrality: Float64Array; polarity: Float64Array };
  pPos: number;
  pNeu: number;
}

/** Index of the social-style cue among the neutrality features (selects the social gate). */
const SOCIAL = NEUTRALITY_DENSE.indexOf('social');
const RULE = POLARITY_DENSE.indexOf('rule');
export const isSocial = (p: Scored): boolean => p.doc.neutrality[SOCIAL] === 1;

export function decide(p: Scored, g: NeutralGate): 'pos' | 'neg' | 'neu' {
  if (isNeutral(g, p.pNeu, p.pPos, p.doc.tokens, isSocial(p), p.doc.polarity[RULE])) return 'neu';
  return p.pPos >= 0.5 ? 'pos' : 'neg';
}

export function metricsOf(preds: Scored[], g: NeutralGate | null): { acc: number; f1: number; n: number } {
  const gold = preds.map((p) => p.doc.label);
  const out = preds.map((p) => (g ? decide(p, g) : p.pPos >= 0.5 ? 'pos' : 'neg'));
  const m = computeMetrics(gold, out, ['pos', 'neg', 'neu']);
  return { acc: m.accuracy, f1: m.macroF1, n: m.n };
}

export type Objective = { binary: string[]; threeWay: string[]; threeWayWeight: number };

function objective(bySet: Map<string, Scored[]>, g: NeutralGate, o: Objective): number {
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const bin = mean(o.binary.filter((s) => bySet.has(s)).map((s) => metricsOf(bySet.get(s)!, g).acc));
  const three = mean(o.threeWay.filter((s) => bySet.has(s)).map((s) => metricsOf(bySet.get(s)!, g).f1));
  return (1 - o.threeWayWeight) * bin + o.threeWayWeight * three;
}

/**
 * Grid search of the gate: first the main thresholds on every post, then the social-style posts'
 * own thresholds (zh) on those posts alone, judged mostly by the 3-way set that has such posts.
 */
export function tuneGate(bySet: Map<string, Scored[]>, mainObjective: Objective, socialObjective: Objective | null): NeutralGate {
  const main = tuneThresholds(bySet, mainObjective);
  const objective = socialObjective;
  const social = new Map([...bySet].map(([set, preds]) => [set, preds.filter(isSocial)] as const).filter(([, preds]) => preds.length > 0));
  const gate: NeutralGate = objective ? { ...main, social: tuneThresholds(social, objective) } : main;
  process.stderr.write(`gate ${JSON.stringify(gate)}\n`);
  return gate;
}

/**
 * Thresholds by grid search, then the evidence veto given them, then the thresholds again given the
 * veto (one coordinate pass keeps the search at twice the cost of the grid alone).
 */
function tuneThresholds(bySet: Map<string, Scored[]>, o: Objective): GateThresholds {
  const first = gridThresholds(bySet, o, Infinity);
  let veto = Infinity;
  let bestScore = objective(bySet, first, o);
  for (const v of VETOES) {
    const s = objective(bySet, { ...first, veto: v }, o);
    if (s > bestScore + 1e-9) {
      bestScore = s;
      veto = v;
    }
  }
  const best = Number.isFinite(veto) ? gridThresholds(bySet, o, veto) : first;
  process.stderr.write(`thresholds ${JSON.stringify(best)} objective ${objective(bySet, best, o).toFixed(4)}\n`);
  return best;
}

const VETOES = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3];

function gridThresholds(bySet: Map<string, Scored[]>, o: Objective, veto: number): GateThresholds {
  let best: GateThresholds = { threshold: 1, margin: 0, negMargin: 0, maxTokens: 0, veto };
  let bestScore = -1;
  for (const threshold of [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]) {
    for (const margin of [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.01]) {
      for (const negMargin of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.01]) {
        for (const maxTokens of [20, 30, 40, 60, 100, 10000]) {
          const g = { threshold, margin, negMargin, maxTokens, veto };
          const s = objective(bySet, g, o);
          if (s > bestScore + 1e-9) {
            bestScore = s;
            best = g;
          }
        }
      }
    }
  }
  return best;
}

export function bySetOf<P extends Scored>(preds: P[]): Map<string, P[]> {
  const m = new Map<string, P[]>();
  for (const p of preds) {
    const list = m.get(p.doc.set) ?? [];
    list.push(p);
    m.set(p.doc.set, list);
  }
  return m;
}
