/** Per-class precision, recall and F1. */
export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Rows whose gold label is this class. */
  support: number;
}

export interface Metrics {
  n: number;
  accuracy: number;
  /** Mean F1 over the classes that occur in the gold labels. */
  macroF1: number;
  perClass: Record<string, ClassMetrics>;
  /** `confusion[gold][predicted]` = count. */
  confusion: Record<string, Record<string, number>>;
  labels: string[];
}

/**
 * Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix of `predicted`
 * against `gold`. `labels` fixes the order of the matrix; labels seen only in the data are appended.
 * Macro-F1 averages over classes present in `gold`, so a binary set scored by a three-way
 * engine is averaged over its two classes while wrong `neu` answers still cost recall.
 *
 * @example
 * computeMetrics(['pos', 'neg'], ['pos', 'neu'], ['pos', 'neg', 'neu']).accuracy; // 0.5
 */
export function computeMetrics(gold: readonly string[], predicted: readonly string[], labels: readonly string[] = []): Metrics {
  if (gold.length !== predicted.length) {
    throw new Error(`metrics: expected as many predictions as gold labels, found ${predicted.length} and ${gold.length}`);
  }
  const order = [...labels];
  for (const l of [...gold, ...predicted]) if (!order.includes(l)) order.push(l);
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of order) confusion[g] = Object.fromEntries(order.map((p) => [p, 0]));
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    confusion[gold[i]][predicted[i]]++;
    if (gold[i] === predicted[i]) correct++;
  }
  const perClass: Record<string, ClassMetrics> = {};
  const present: string[] = [];
  for (const c of order) {
    const tp = confusion[c][c];
    const support = order.reduce((s, p) => s + confusion[c][p], 0);
    const predictedCount = order.reduce((s, g) => s + confusion[g][c], 0);
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision, recall, f1, support };
    if (support > 0) present.push(c);
  }
  const macroF1 = present.length ? present.reduce((s, c) => s + perClass[c].f1, 0) / present.length : 0;
  return { n: gold.length, accuracy: gold.length ? correct / gold.length : 0, macroF1, perClass, confusion, labels: order };
}
