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
const GAP_BREAK = /[,;:!?，。！？；：、…~～\n]/;
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
  const close = (to: number): void => {
    if (from >= 0 && to > from) clauses.push({ from, to, start, end });
    from = -1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    let pos = lowered.indexOf(tok, cursor);
    if (pos < 0) pos = text.indexOf(tok, cursor);
    const aligned = pos >= 0;
    if (aligned && pos > cursor && isGapBreak(lowered, cursor, pos)) close(i);
    const tokStart = aligned ? pos : cursor;
    const tokEnd = aligned ? pos + tok.length : cursor;
    cursor = tokEnd;
    if (breaks.has(tok)) {
      close(i);
      continue;
    }
    if (PUNCT_ONLY.test(tok)) {
      // The closing mark stays with its clause: ! and ? change how the scorer reads it.
      if (from >= 0) {
        end = tokEnd;
        close(i + 1);
      }
      continue;
    }
    if (from < 0) {
      from = i;
      start = tokStart;
    }
    end = tokEnd;
  }
  close(tokens.length);
  return clauses;
}

function isGapBreak(text: string, from: number, to: number): boolean {
  const gap = text.slice(from, to);
  if (GAP_BREAK.test(gap)) return true;
  const dot = gap.indexOf('.');
  // A lone "." between two digits is a decimal point, not a sentence end.
  return dot >= 0 && !(gap.length === 1 && /\d/.test(text[from - 1] ?? '') && /\d/.test(text[to] ?? ''));
}
