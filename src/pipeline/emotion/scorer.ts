import type { EmotionLabel, EmotionResult, SentimentResult } from '../../domain.js';
import { forEachFeature } from '../sentiment/features.js';
import type { EmotionModel } from './types.js';

export const EMOTION_LABELS: readonly EmotionLabel[] = ['joy', 'sadness', 'anger', 'fear', 'surprise', 'disgust', 'neutral'];

export interface EmotionInput {
  simplified: string;
  tokens: readonly string[];
  sentiment?: SentimentResult;
}

export type EmotionScorer = (input: EmotionInput) => EmotionResult;

/** Cue evidence: emotion words, emoji and emoticons found in the post. */
function findCues(model: EmotionModel, tokens: readonly string[], text: string): { cues: string[]; counts: Record<string, number> } {
  const cues: string[] = [];
  const counts: Record<string, number> = {};
  for (const tok of tokens) {
    const emotion = model.cues.get(tok);
    if (emotion === undefined) continue;
    cues.push(tok);
    counts[emotion] = (counts[emotion] ?? 0) + 1;
  }
  if (text.indexOf('[') !== -1) {
    for (const match of text.match(/\[[^\]\[]{1,8}\]/g) ?? []) {
      const emotion = model.cues.get(match);
      if (emotion === undefined) continue;
      cues.push(match);
      counts[emotion] = (counts[emotion] ?? 0) + 1;
    }
  }
  return { cues, counts };
}

/** Dense features of the emotion model: cue counts per emotion and the sentiment score. */
export function emotionDense(counts: Record<string, number>, sentimentScore: number): Record<string, number> {
  const dense: Record<string, number> = { sentiment: sentimentScore };
  for (const label of EMOTION_LABELS) dense[`cue:${label}`] = Math.log1p(counts[label] ?? 0);
  return dense;
}

/**
 * Ekman-six + neutral classifier: a learned softmax over the sentiment n-gram features, cue counts
 * and the sentiment score. Without a learned model it falls back to the majority cue.
 *
 * @example
 * createEmotionScorer(model)({ simplified: '气死我了[怒]', tokens: ['气死', '我', '了', '怒'] }).label; // 'anger'
 */
export function createEmotionScorer(model: EmotionModel): EmotionScorer {
  const k = model.labels.length;
  return ({ simplified, tokens, sentiment }) => {
    const { cues, counts } = findCues(model, tokens, simplified);
    if (k === 0) return fallback(cues, counts);
    const sparse = new Array<number>(k).fill(0);
    const n = forEachFeature(tokens, simplified, model.lang, (feature) => {
      const w = model.weights.get(feature);
      if (w === undefined) return;
      for (let j = 0; j < k; j++) sparse[j] += w[j];
    });
    const scale = n > 0 ? 1 / Math.sqrt(n) : 0;
    const z = model.bias.map((b, j) => b + sparse[j] * scale);
    const dense = emotionDense(counts, sentiment?.score ?? 0);
    for (const key in model.dense) {
      const value = dense[key] ?? 0;
      if (value === 0) continue;
      const w = model.dense[key];
      for (let j = 0; j < k; j++) z[j] += w[j] * value;
    }
    let best = 0;
    let max = -Infinity;
    for (let j = 0; j < k; j++) if (z[j] > max) max = z[best = j];
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(z[j] - max);
    return { label: model.labels[best] as EmotionLabel, confidence: Math.round((1 / sum) * 1000) / 1000, cues };
  };
}

function fallback(cues: string[], counts: Record<string, number>): EmotionResult {
  let label: EmotionLabel = 'neutral';
  let best = 0;
  for (const e of EMOTION_LABELS) if ((counts[e] ?? 0) > best) best = counts[label = e];
  return { label, confidence: cues.length ? 0.5 : 0.3, cues };
}

/** The result for a language the engine does not score. */
export function unsupportedEmotion(): EmotionResult {
  return { label: 'neutral', confidence: 0, cues: [] };
}
