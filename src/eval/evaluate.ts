import type { Lang } from '../domain.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { analyzeText } from '../pipeline/analyze.js';
import { EMOTION_LABELS } from '../pipeline/emotion/scorer.js';
import type { Baseline } from './baselines.js';
import type { LabelledRow } from './dataset.js';
import { computeMetrics, type Metrics } from './metrics.js';

export type EvalTask = 'sentiment' | 'emotion';

export interface SystemReport {
  system: string;
  metrics: Metrics;
}

export interface EvalReport {
  task: EvalTask;
  /** Rows with a gold label for the task (others are skipped). */
  rows: number;
  skipped: number;
  /** Languages koubei detected, with counts. */
  languages: Partial<Record<Lang, number>>;
  systems: SystemReport[];
}

export interface EvaluateOptions {
  task: EvalTask;
  /** Reference scorers, run on rows koubei detected as English (sentiment task only). */
  baselines?: Baseline[];
  onProgress?: (done: number, total: number) => void;
}

const SENTIMENT_LABELS = ['pos', 'neg', 'neu'];

/**
 * Scores labelled rows with koubei (and the baselines) and computes the metrics of each system.
 * Baselines run on the same rows when most of them are English (the AFINN and VADER packages are
 * English-only, so Chinese files are scored by koubei alone).
 */
export function evaluateRows(pipeline: Pipeline, rows: LabelledRow[], options: EvaluateOptions): EvalReport {
  const { task, baselines = [], onProgress } = options;
  const labelled = rows.filter((r) => (task === 'sentiment' ? r.label : r.emotion) !== null);
  const gold: string[] = [];
  const predicted: string[] = [];
  const languages: Partial<Record<Lang, number>> = {};
  labelled.forEach((row, i) => {
    const analysis = analyzeText(pipeline, row.text, row.lang);
    languages[analysis.lang] = (languages[analysis.lang] ?? 0) + 1;
    gold.push((task === 'sentiment' ? row.label : row.emotion)!);
    predicted.push(task === 'sentiment' ? analysis.sentiment.label : analysis.emotion.label);
    if (onProgress && (i % 200 === 0 || i === labelled.length - 1)) onProgress(i + 1, labelled.length);
  });
  const labels = task === 'sentiment' ? SENTIMENT_LABELS : [...EMOTION_LABELS];
  const systems: SystemReport[] = [{ system: 'koubei', metrics: computeMetrics(gold, predicted, labels) }];
  const mostlyEnglish = labelled.length > 0 && (languages.en ?? 0) > labelled.length / 2;
  if (task === 'sentiment' && mostlyEnglish) {
    for (const b of baselines) {
      systems.push({ system: b.name, metrics: computeMetrics(gold, labelled.map((r) => b.label(r.text)), labels) });
    }
  }
  return { task, rows: labelled.length, skipped: rows.length - labelled.length, languages, systems };
}
