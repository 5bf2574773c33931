/**
 * Clause spans over a document's existing tokens. The pipeline never re-segments: tokens are
 * aligned back to the text they came from, and a clause ends at a punctuation token the
 * segmenter kept (zh keeps ，。！？；： and en keeps ! ?), at punctuation in the gap between two
 * tokens (en drops , . ; :), or at a break word (但是, 不过, but, however…), which belongs to
 * neither clause.
 */

/** One clause: tokens [from, to) (its closing punctuation token included) and chars [start, end). */
export interface Clause {
  from: number;
  to: number;
  start: number;
  end: number;
}

/** Punctuation in the gap between tokens that ends a clause ("." is checked apart: "3.5" is no break). */
const GAP_BREAK = new Set([...',;:!?，。！？；：、…~～\n'].map((c) => c.charCodeAt(0)));
const PUNCT_ONLY = /^\p{P}+$/u;

/**
 * Splits `tokens` (produced from `text`) into clauses. `lowered` must be `text` lower-cased the
 * way the segmenter lower-cased tokens (en), or `text` itself (zh).
 *
 * @example
 * splitClauses(['好吃', '，', '但是', '配送', '慢'], '好吃，但是配送慢', '好吃，但是配送慢', new Set(['但是']));
 * // [{ from: 0, to: 2, start: 0, end: 3 }, { from: 3, to: 5, start: 5, end: 8 }]
 */
export function splitClauses(tokens: readonly string[], text: string, lowered: string, breaks: ReadonlySet<string>): Clause[] {
  const clauses: Clause[] = [];
  let cursor = 0;
  let from = -1;
  let start = 0;
  let end = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    let pos = lowered.indexOf(tok, cursor);
    if (pos < 0) pos = text.indexOf(tok, cursor);
    const aligned = pos >= 0;
    if (aligned && pos > cursor && isGapBreak(lowered, cursor, pos)) from = close(clauses, from, i, start, end);
    const tokStart = aligned ? pos : cursor;
    const tokEnd = aligned ? pos + tok.length : cursor;
    cursor = tokEnd;
    if (breaks.has(tok)) {
      from = close(clauses, from, i, start, end);
      continue;
    }
    if (isPunctOnly(tok)) {
      // The closing mark stays with its clause: ! and ? change how the scorer reads it.
      if (from >= 0) {
        end = tokEnd;
        from = close(clauses, from, i + 1, start, end);
      }
      continue;
    }
    if (from < 0) {
      from = i;
      start = tokStart;
    }
    end = tokEnd;
  }
  close(clauses, from, tokens.length, start, end);
  return clauses;
}

/** Ends the open clause (if any) at token `to`; returns the new `from` (-1: no clause open). */
function close(clauses: Clause[], from: number, to: number, start: number, end: number): number {
  if (from >= 0 && to > from) clauses.push({ from, to, start, end });
  return -1;
}

/** `PUNCT_ONLY.test`, answered without the regex for tokens starting with an ASCII letter/digit or a CJK ideograph. */
function isPunctOnly(tok: string): boolean {
  const c = tok.charCodeAt(0);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0x4e00 && c <= 0x9fff)) return false;
  return PUNCT_ONLY.test(tok);
}

/** Whether `text[from, to)` (the gap between two tokens) ends a clause; scanned in place, as most gaps are one space. */
function isGapBreak(text: string, from: number, to: number): boolean {
  let dot = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (GAP_BREAK.has(c)) return true;
    if (c === 46) dot = true;
  }
  // A lone "." between two digits is a decimal point, not a sentence end.
  return dot && !(to - from === 1 && isDigit(text.charCodeAt(from - 1)) && isDigit(text.charCodeAt(to)));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
