// Which explanation terms of a post are marked in its text, and the marking itself.
import { el, fmtNet } from './dom.js';

const MARKS = 5;
const MIN_MARK_WEIGHT = 0.15;

/**
 * The words a learned feature stands for: `#很差` is a character n-gram (很差), `还行_吧` a token
 * bigram (还行吧 in Chinese, "very bad" for `very_bad`). A punctuation token of a bigram (`难吃_,`)
 * is left out, so the mark does not swallow the comma or outgrow the word's own entry. Lexicon
 * terms are words already.
 */
export function surface(term) {
  if (!term.rules?.includes('learned')) return term.text;
  const words = term.text.replace(/^#/, '').split('_').filter((part) => /\p{L}/u.test(part));
  return words.join(/\p{Script=Han}/u.test(term.text) ? '' : ' ');
}

/**
 * The terms worth marking: the strongest by |weight|, with letters, one mark per word. A learned
 * weight on a single character (我, 了, 的) is a function word's bias in the model, not a decisive
 * word; the lexicon's single-character words (差, 贵) still come through their own entries.
 */
export function decisive(terms) {
  const words = new Map();
  for (const term of terms) {
    const text = typeof term.text === 'string' ? surface(term) : '';
    const learnedChar = term.rules?.includes('learned') && [...text].length === 1;
    if (!/\p{L}/u.test(text) || learnedChar || Math.abs(term.weight) < MIN_MARK_WEIGHT) continue;
    if (!words.has(text) || Math.abs(term.weight) > Math.abs(words.get(text).weight)) words.set(text, { ...term, text });
  }
  return [...words.values()].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, MARKS);
}

/**
 * Splits the post into text nodes and <mark>s for `terms` (no innerHTML: the post may contain
 * markup, which must stay visible as text). Terms are looked up in `shadow`, a copy of the text
 * aligned position by position (simplified for traditional posts), and the same span of the
 * text as written is marked.
 */
export function highlighted(text, terms, shadow = text) {
  const frag = document.createDocumentFragment();
  const marks = terms.filter((term) => term.text && shadow.includes(term.text));
  let at = 0;
  while (at < text.length) {
    let best = null;
    for (const term of marks) {
      const i = shadow.indexOf(term.text, at);
      if (i >= 0 && (!best || i < best.i || (i === best.i && term.text.length > best.term.text.length))) best = { i, term };
    }
    if (!best) break;
    frag.append(text.slice(at, best.i));
    const end = best.i + best.term.text.length;
    const mark = el('mark', text.slice(best.i, end), best.term.weight >= 0 ? 'pos' : 'neg');
    mark.title = `${best.term.text} ${fmtNet(best.term.weight)}${best.term.rules?.length ? ` · ${best.term.rules.join(', ')}` : ''}`;
    frag.append(mark);
    at = end;
  }
  frag.append(text.slice(at));
  return frag;
}
