import type { AspectNames, NameRange } from '../aspects/names.js';

/**
 * Which tokens of a post lie inside a brand name or alias (1 = inside), so the rule layer does not
 * read them as opinions: "swift" in Swift Eats is +1.2 in AFINN, and every post naming the brand
 * would lean positive — a bias in exactly the comparison a brand manager makes. Null when the post
 * names no brand (the common case costs one look-up and no mask).
 *
 * @example
 * names.set(['Swift Eats']);
 * nameTokenMask(names, 'en', ['swift', 'eats', 'was', 'late'], 'swift eats was late'); // Uint8Array [1, 1, 0, 0]
 */
export function nameTokenMask(names: AspectNames, lang: 'zh' | 'en', tokens: readonly string[], simplified: string): Uint8Array | null {
  if (lang === 'en') return tokenMaskOf('en', tokens, simplified, names.en(tokens));
  // Lower-casing can change a text's length (rare letters); the names are then looked for as written.
  const lower = simplified.toLowerCase();
  const lowered = lower.length === simplified.length ? lower : simplified;
  return tokenMaskOf('zh', tokens, lowered, names.zh(lowered, lowered === lower ? simplified : lowered));
}

/**
 * The mask of name ranges already found (`AspectNames.zh` over `lowered`: characters; `.en`: token
 * indexes), for a caller that looked the names up itself; null when there are none.
 */
export function tokenMaskOf(lang: 'zh' | 'en', tokens: readonly string[], lowered: string, ranges: readonly NameRange[]): Uint8Array | null {
  if (ranges.length === 0) return null;
  if (lang === 'zh') return maskByChars(tokens, lowered, ranges);
  const mask = new Uint8Array(tokens.length);
  for (const [from, to] of ranges) mask.fill(1, from, to);
  return mask;
}

/**
 * Flags the tokens that lie inside a name's [start, end) in `lowered` (tokens found in order). A token
 * the name only overlaps stays: 美团 found across 完美|团购 must not take the praise 完美 with it.
 */
function maskByChars(tokens: readonly string[], lowered: string, ranges: readonly NameRange[]): Uint8Array {
  const mask = new Uint8Array(tokens.length);
  let cursor = 0;
  for (let i = 0; i < tokens.length; i++) {
    // `lowered` is the text as written when lower-casing changed its length: then look for the token as is.
    let at = lowered.indexOf(tokens[i].toLowerCase(), cursor);
    if (at < 0) at = lowered.indexOf(tokens[i], cursor);
    if (at < 0) continue;
    const end = at + tokens[i].length;
    cursor = end;
    if (ranges.some(([start, stop]) => at >= start && end <= stop)) mask[i] = 1;
  }
  return mask;
}
