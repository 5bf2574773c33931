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
  /** `metrics.n` is the number of rows the system was scored on. */
  metrics: Metrics;
}

export interface EvalReport {
  task: EvalTask;
  /** Rows with a gold label for the task (others are skipped). */
  rows: number;
  /** Readable rows without a gold label for the task. */
  skipped: number;
  /** Languages koubei detected, with counts; the baselines are scored on the `en` rows. */
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

/** The system name of koubei scored on the English rows alone, beside the baselines scored on those rows. */
export const KOUBEI_ON_ENGLISH = 'koubei (en rows)';

/**
 * Scores labelled rows with koubei (and the baselines) and computes the metrics of each system.
 * The AFINN and VADER packages are English-only, so the baselines are scored on the rows koubei
 * detects as English (its language detection, which a row's declared `lang` overrides), and when
 * those are not all the rows koubei is scored on them too, so the figures compare like with like.
 */
export function evaluateRows(pipeline: Pipeline, rows: LabelledRow[], options: EvaluateOptions): EvalReport {
  const { task, baselines = [], onProgress } = options;
  const labelled = rows.filter((r) => (task === 'sentiment' ? r.label : r.emotion) !== null);
  const gold: string[] = [];
  const predicted: string[] = [];
  const english: number[] = [];
  const languages: Partial<Record<Lang, number>> = {};
  labelled.forEach((row, i) => {
    const analysis = analyzeText(pipeline, row.text, row.lang);
    languages[analysis.lang] = (languages[analysis.lang] ?? 0) + 1;
    if (analysis.lang === 'en') english.push(i);
    gold.push((task === 'sentiment' ? row.label : row.emotion)!);
    predicted.push(task === 'sentiment' ? analysis.sentiment.label : analysis.emotion.label);
    if (onProgress && (i % 200 === 0 || i === labelled.length - 1)) onProgress(i + 1, labelled.length);
  });
  const labels = task === 'sentiment' ? SENTIMENT_LABELS : [...EMOTION_LABELS];
  const systems: SystemReport[] = [{ system: 'koubei', metrics: computeMetrics(gold, predicted, labels) }];
  if (task === 'sentiment' && baselines.length > 0 && english.length > 0) {
    const goldEn = english.map((i) => gold[i]);
    if (english.length < labelled.length) {
      systems.push({ system: KOUBEI_ON_ENGLISH, metrics: computeMetrics(goldEn, english.map((i) => predicted[i]), labels) });
    }
    for (const b of baselines) {
      systems.push({ system: b.name, metrics: computeMetrics(goldEn, english.map((i) => b.label(labelled[i].text)), labels) });
    }
  }
  return { task, rows: labelled.length, skipped: rows.length - labelled.length, languages, systems };
}
