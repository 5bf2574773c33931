import { readFileSync } from 'node:fs';
import type { EmotionLabel, SentimentLabel } from '../domain.js';

/** One labelled row of an evaluation file (the format of the shared dev sets). */
export interface LabelledRow {
  text: string;
  lang?: string;
  label: SentimentLabel | null;
  emotion: EmotionLabel | null;
}

/** Source emotion names → Ekman six + neutral (SMP2020-EWECT, TweetEval, GoEmotions Ekman groups). */
const EMOTION_ALIASES: Record<string, EmotionLabel> = {
  joy: 'joy', happy: 'joy', happiness: 'joy', optimism: 'joy', love: 'joy',
  sadness: 'sadness', sad: 'sadness',
  anger: 'anger', angry: 'anger',
  fear: 'fear', fearful: 'fear',
  surprise: 'surprise', surprised: 'surprise',
  disgust: 'disgust',
  neutral: 'neutral', none: 'neutral',
};

/** Maps a source emotion (string or first of a list) to an `EmotionLabel`, or null if unknown. */
export function toEmotionLabel(value: unknown): EmotionLabel | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? EMOTION_ALIASES[first.toLowerCase()] ?? null : null;
}

function toSentimentLabel(value: unknown): SentimentLabel | null {
  return value === 'pos' || value === 'neg' || value === 'neu' ? value : null;
}

/**
 * Parses labelled JSONL: `{text, label?: pos|neg|neu|null, emotion?: string|string[], lang?}`
 * per line. Malformed lines raise an error naming the line.
 */
export function parseLabelledJsonl(content: string): LabelledRow[] {
  const rows: LabelledRow[] = [];
  content.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`eval: line ${i + 1} is not valid JSON (${(err as Error).message})`);
    }
    if (typeof o.text !== 'string') throw new Error(`eval: line ${i + 1} needs a string "text", found ${typeof o.text}`);
    rows.push({
      text: o.text,
      lang: typeof o.lang === 'string' ? o.lang : undefined,
      label: toSentimentLabel(o.label),
      emotion: toEmotionLabel(o.emotion),
    });
  });
  return rows;
}

/** Reads a labelled JSONL file. */
export function readLabelledJsonl(file: string): LabelledRow[] {
  return parseLabelledJsonl(readFileSync(file, 'utf8'));
}
