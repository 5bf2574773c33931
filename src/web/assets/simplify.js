// A simplified-Chinese "shadow" of a post, aligned character by character with the text as shown.
// Explanation terms come from the analysed text: simplified (opencc hk→cn, the server's converter)
// and normalised (full-width forms, case). A traditional post (覺得很難吃) does not contain them
// (觉得很难吃), so the page looks for terms in the shadow and marks the same positions in the text.

let converter = null;

/**
 * opencc's traditional→simplified bundle (109 KB) is loaded only when a page shows a post whose
 * terms are not found as written; it is served from node_modules like uPlot (no CDN, CSP 'self').
 */
function loadConverter() {
  converter ??= import('/assets/vendor/opencc-t2cn.js').then((opencc) => opencc.Converter({ from: 'hk', to: 'cn' }));
  return converter;
}

/** One code unit in, one out: a change of length would shift every position after it. */
function sameLength(from, to) {
  return to.length === from.length ? to : from;
}

/**
 * The shadow of `text` under `convert`: the whole text converted at once when that keeps its length
 * (phrase-level conversions such as 乾淨 → 干净 need the context), otherwise character by character,
 * keeping any character whose conversion would change the length. Then each character's NFKC
 * form and lower case where they keep it one code unit, as the pipeline's normalisation does.
 *
 * @example
 * alignedShadow('覺得ＴＯＯ差', toSimplified); // "觉得too差"
 */
export function alignedShadow(text, convert) {
  const whole = convert(text);
  const chars = whole.length === text.length ? [...whole] : [...text].map((ch) => sameLength(ch, convert(ch)));
  return chars.map((ch) => sameLength(ch, sameLength(ch, ch.normalize('NFKC')).toLowerCase())).join('');
}

/**
 * The text to search for a post's terms: the text itself when it contains them all, else its
 * shadow, simplified when the post has Chinese (the converter is fetched once, when first needed).
 */
export async function shadowFor(text, terms) {
  if (terms.every((term) => text.includes(term.text))) return text;
  const convert = /\p{Script=Han}/u.test(text) ? await loadConverter() : (same) => same;
  return alignedShadow(text, convert);
}
