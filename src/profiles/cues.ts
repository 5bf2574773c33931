/**
 * Cue matching over a mention's lower-cased text. Chinese cues match as substrings (jieba splits
 * unfamiliar compounds, and the stored text is what the author wrote); Latin cues match whole words,
 * with a trailing `*` for a prefix. A cue right after a negator ("没有孩子", "I don't have a dog") does
 * not fire, since it states the opposite.
 */

export type CueMatcher = (text: string) => number[];

export interface CueSet {
  cues: { cue: string; match: CueMatcher }[];
}

const HAN = /\p{Script=Han}/u;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Positions where `cue` occurs in `text` (lower-cased). */
function compileCue(cue: string): CueMatcher {
  const lower = cue.toLowerCase();
  if (HAN.test(lower)) {
    return (text) => {
      const hits: number[] = [];
      for (let at = text.indexOf(lower); at >= 0; at = text.indexOf(lower, at + 1)) hits.push(at);
      return hits;
    };
  }
  const prefix = lower.endsWith('*');
  const body = escape(prefix ? lower.slice(0, -1) : lower).replace(/\s+/g, '\\s+');
  // Closing punctuation in a cue ("worth it?") is its own boundary.
  const end = prefix ? '[\\p{L}\\p{N}]*' : /[\p{L}\p{N}]$/u.test(lower) ? '(?![\\p{L}\\p{N}])' : '';
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}${end}`, 'gu');
  return (text) => [...text.matchAll(pattern)].map((m) => m.index ?? 0);
}

/** Compiles a cue list once (at taxonomy load). */
export function compileCueSet(cues: readonly string[]): CueSet {
  return { cues: cues.map((cue) => ({ cue, match: compileCue(cue) })) };
}

/** Removes excluded phrases ("pet peeve", "热狗") so the cues inside them cannot fire. */
export function stripPhrases(text: string, phrases: readonly string[]): string {
  let out = text;
  for (const phrase of phrases) {
    if (out.includes(phrase)) out = out.split(phrase).join(' '.repeat(phrase.length));
  }
  return out;
}

export interface Negators {
  zh: readonly string[];
  en: readonly string[];
  /**
   * Words that hold a negator but negate nothing (不错 "good", 不少 "many", 特别 "especially";
   * "no doubt", "can't wait"), from the taxonomy file. Posts are not segmented here, so these are
   * masked before the negator check.
   */
  notZh: readonly string[];
  notEn: readonly string[];
}

/** "要不要", "是不是", "有没有" ask a question (A-not-A); they negate nothing. */
const A_NOT_A = /(\p{Script=Han})[不没]\1/gu;

/**
 * True when a negator word ends within the three characters (zh) or three words (en) before `at`, in
 * the same clause.
 */
export function isNegated(text: string, at: number, negators: Negators): boolean {
  const before = text.slice(Math.max(0, at - 24), at);
  const clause = before.split(/[，。！？!?,.;；、\n]/).pop() ?? '';
  const zhClause = clause.replace(/\s+/g, '').replace(A_NOT_A, (q) => ' '.repeat(q.length));
  const zhWindow = stripPhrases(zhClause, negators.notZh).slice(-3);
  if (negators.zh.some((n) => zhWindow.includes(n))) return true;
  const enClause = stripPhrases(clause.toLowerCase(), negators.notEn);
  const words = enClause.split(/[^\p{L}']+/u).filter(Boolean).slice(-3);
  return words.some((w) => negators.en.includes(w) || w.endsWith("n't"));
}

/**
 * The first cue of the set that fires in `text`, or null. With `negators`, a negated occurrence is
 * skipped (another occurrence of the same cue may still fire).
 */
export function findCue(text: string, set: CueSet, negators?: Negators): string | null {
  for (const { cue, match } of set.cues) {
    const hits = match(text);
    if (hits.some((at) => !negators || !isNegated(text, at, negators))) return cue;
  }
  return null;
}
