import type { EmotionLabel, EmotionResult, SentimentResult } from '../../domain.js';
import { sharedFeatureBuffer } from '../sentiment/hashed.js';
import { denseLogit } from '../sentiment/linear.js';
import { bracketEmoticonsIn } from '../sentiment/rule-terms.js';
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
  for (const match of bracketEmoticonsIn(text)) {
    const emotion = model.cues.get(match);
    if (emotion === undefined) continue;
    cues.push(match);
    counts[emotion] = (counts[emotion] ?? 0) + 1;
  }
  return { cues, counts };
}

/** Dense feature keys of the emotion model, in value order. */
export const EMOTION_DENSE: readonly string[] = ['sentiment', ...EMOTION_LABELS.map((l) => `cue:${l}`)];

/** Dense features of the emotion model: the sentiment score and log cue counts per emotion. */
export function emotionDense(
  counts: Record<string, number>,
  sentimentScore: number,
  out: Float64Array = new Float64Array(EMOTION_DENSE.length),
): Float64Array {
  out[0] = sentimentScore;
  for (let j = 0; j < EMOTION_LABELS.length; j++) out[j + 1] = Math.log1p(counts[EMOTION_LABELS[j]] ?? 0);
  return out;
}

/**
 * Ekman-six + neutral classifier: a learned softmax over the hashed n-gram features of the
 * sentiment engine (extracted once per post, shared with the sentiment scorer), cue counts and the
 * sentiment score. Neutral is answered only when its probability exceeds the model's
 * `neutralThreshold`; otherwise the best emotion wins. Without a learned model it falls back to
 * the majority cue.
 *
 * @example
 * createEmotionScorer(model)({ simplified: '气死我了[怒]', tokens: ['气死', '我', '了', '怒'] }).label; // 'anger'
 */
export function createEmotionScorer(model: EmotionModel): EmotionScorer {
  const m = model.model;
  const k = m?.cols ?? 0;
  const z = new Float64Array(k);
  const dense = new Float64Array(EMOTION_DENSE.length);
  const neutral = m ? m.labels.indexOf('neutral') : -1;
  return ({ simplified, tokens, sentiment }) => {
    const { cues, counts } = findCues(model, tokens, simplified);
    if (!m || k === 0) return fallback(cues, counts);
    const buf = sharedFeatureBuffer.read(tokens, simplified, model.lang, model.features);
    emotionDense(counts, sentiment?.score ?? 0, dense);
    // One pass over the features: a bucket's k weights are adjacent in the table.
    z.fill(0);
    const { table, mask } = m;
    for (let f = 0; f < buf.count; f++) {
      const row = (buf.hashes[f] & mask) * k;
      for (let j = 0; j < k; j++) z[j] += table[row + j];
    }
    const scale = buf.count > 0 ? m.step / Math.sqrt(buf.count) : 0;
    for (let j = 0; j < k; j++) z[j] = m.bias[j] + z[j] * scale + denseLogit(m, dense, j);
    let max = -Infinity;
    for (let j = 0; j < k; j++) if (z[j] > max) max = z[j];
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(z[j] - max);
    let best = -1;
    for (let j = 0; j < k; j++) if (j !== neutral && (best < 0 || z[j] > z[best])) best = j;
    if (neutral >= 0 && (tokens.length === 0 || (z[neutral] >= z[best] && Math.exp(z[neutral] - max) / sum > model.neutralThreshold))) best = neutral;
    return { label: m.labels[best] as EmotionLabel, confidence: Math.round((Math.exp(z[best] - max) / sum) * 1000) / 1000, cues };
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
