import type { EmotionLabel, SentimentLabel } from '../domain.js';
import { ParseError } from '../errors.js';

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

/** Accepted spellings of the sentiment labels (compared lower-cased and trimmed). */
const SENTIMENT_ALIASES: Record<string, SentimentLabel> = {
  pos: 'pos', positive: 'pos',
  neg: 'neg', negative: 'neg',
  neu: 'neu', neutral: 'neu',
};

/** Maps `pos|neg|neu` or `positive|negative|neutral` in any case to a `SentimentLabel`, or null. */
export function toSentimentLabel(value: unknown): SentimentLabel | null {
  return typeof value === 'string' ? SENTIMENT_ALIASES[value.trim().toLowerCase()] ?? null : null;
}

/** A line of a labelled file that was left out, and why. */
export interface SkippedLine {
  line: number;
  reason: string;
}

export interface LabelledFile {
  rows: LabelledRow[];
  skipped: SkippedLine[];
}

/**
 * Reads labelled JSONL: `{text, label?: pos|neg|neu|positive|…|null, emotion?: string|string[], lang?}`
 * per line. Lines that are not JSON or have no text are skipped with their number, as `analyze`
 * and `ingest` skip them. With a `task`, a row whose label for that task is present but not one
 * koubei knows is skipped too, rather than silently counted as unlabelled. A UTF-8 byte-order mark
 * (which Windows editors write) is dropped, as `analyze` and `ingest` drop it.
 */
export function readLabelledLines(content: string, task?: 'sentiment' | 'emotion'): LabelledFile {
  const rows: LabelledRow[] = [];
  const skipped: SkippedLine[] = [];
  content.replace(/^\uFEFF/, '').split('\n').forEach((text, i) => {
    if (!text.trim()) return;
    const result = readLabelledLine(text, task);
    if (typeof result === 'string') skipped.push({ line: i + 1, reason: result });
    else rows.push(result);
  });
  return { rows, skipped };
}

function readLabelledLine(text: string, task: 'sentiment' | 'emotion' | undefined): LabelledRow | string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`;
  }
  if (typeof o?.text !== 'string') return `needs a string "text", found ${o === null ? 'null' : typeof o?.text}`;
  const row = { text: o.text, lang: typeof o.lang === 'string' ? o.lang : undefined, label: toSentimentLabel(o.label), emotion: toEmotionLabel(o.emotion) };
  if (task === 'sentiment' && o.label != null && row.label === null) {
    return `unknown label ${JSON.stringify(o.label)} (expected pos, neg or neu; positive, negative, neutral in any case also work)`;
  }
  if (task === 'emotion' && o.emotion != null && row.emotion === null) {
    return `unknown emotion ${JSON.stringify(o.emotion)} (expected one of ${[...new Set(Object.values(EMOTION_ALIASES))].join(', ')} or a synonym)`;
  }
  return row;
}

/** Strict reader for fixtures that must be clean: the first bad line is an error naming it. */
export function parseLabelledJsonl(content: string): LabelledRow[] {
  const { rows, skipped } = readLabelledLines(content);
  if (skipped.length) throw new ParseError(`line ${skipped[0].line}: ${skipped[0].reason}`, skipped[0].line);
  return rows;
}
