import type { AspectKind, AspectLexicon } from './lexicon.js';
import type { NameRange } from './names.js';

/** One aspect term found in a clause; `start`/`length` count characters (zh) or tokens (en). */
export interface AspectMatch {
  category: string;
  /** The lexicon entry's kind (`implied`, `context`, `masked`); undefined for a plain term. */
  kind: AspectKind | undefined;
  /** The term as it appears (en: lower-case tokens joined by spaces). */
  term: string;
  start: number;
  length: number;
}

/**
 * zh: every multi-character term occurring in `text[start, end)` (substring match, so terms that
 * jieba split, like 性价 + 比, are found), plus single-character terms (贵, 慢) only when they are
 * a whole token or the last character of a two-character token (太贵, 不慢), never inside words
 * such as 贵州. Overlaps resolve to the longest match, and blocked terms (`_none`) are dropped
 * after they have shadowed shorter ones. A term inside one of the `names` ranges (a brand name,
 * see `AspectNames`) is no match.
 */
export function matchZh(lex: AspectLexicon, text: string, start: number, end: number, tokens: readonly string[], from: number, to: number, names: readonly NameRange[] = []): AspectMatch[] {
  const found: AspectMatch[] = [];
  for (let p = start; p < end - 1; p++) {
    const longest = lex.pairs.get(text.charCodeAt(p))?.get(text.charCodeAt(p + 1));
    if (longest === undefined) continue;
    for (let len = Math.min(longest, end - p); len >= 2; len--) {
      const term = text.slice(p, p + len);
      const category = lex.terms.get(term);
      if (category !== undefined) found.push({ category, kind: lex.kinds.get(term), term, start: p, length: len });
    }
  }
  let offset = start;
  for (let i = from; i < to; i++) {
    const tok = tokens[i];
    const at = text.indexOf(tok, offset);
    if (at >= 0) offset = at + tok.length;
    if (tok.length > 2 || at < 0 || !lex.singles.has(tok.charCodeAt(tok.length - 1))) continue;
    const last = tok[tok.length - 1];
    const category = lex.terms.get(last);
    if (category !== undefined) found.push({ category, kind: lex.kinds.get(last), term: last, start: at + tok.length - 1, length: 1 });
  }
  return resolve(found, names);
}

/** en: token n-grams (longest first) against the lexicon, accepting a plural last word; none inside `names` (token ranges). */
export function matchEn(lex: AspectLexicon, tokens: readonly string[], from: number, to: number, names: readonly NameRange[] = []): AspectMatch[] {
  const found: AspectMatch[] = [];
  for (let i = from; i < to; i++) {
    if (!lex.prefixes.has(tokens[i])) continue;
    let key = '';
    const parts: string[] = [];
    for (let n = 1; n <= lex.maxLength && i + n <= to; n++) {
      parts.push(tokens[i + n - 1]);
      key = n === 1 ? parts[0] : `${key} ${parts[n - 1]}`;
      const hit = lookupEn(lex, key);
      if (hit !== undefined) found.push({ category: lex.terms.get(hit)!, kind: lex.kinds.get(hit), term: key, start: i, length: n });
    }
  }
  return resolve(found, names);
}

/** The lexicon entry `key` matches: itself, or its singular when the last word is a plural. */
function lookupEn(lex: AspectLexicon, key: string): string | undefined {
  if (lex.terms.has(key)) return key;
  if (key.length < 4 || key.charCodeAt(key.length - 1) !== 115 /* s */) return undefined;
  const candidates = key.endsWith('ies') ? [key.slice(0, -3) + 'y'] : key.endsWith('es') ? [key.slice(0, -1), key.slice(0, -2)] : [key.slice(0, -1)];
  return candidates.find((c) => lex.terms.has(c));
}

/**
 * Terms inside a name go first, before they can hide an implied term of the clause (the brand
 * name 鲜蜂外卖 gives no delivery opinion). Then the longest match wins an overlap
 * (earlier start on ties); blocked terms are removed, and implied (opinion-word) matches too when
 * the clause names a plain or masked term. A `context` term does not hide them: it may yet be
 * dropped for want of context (see `keepInContext`).
 */
function resolve(all: AspectMatch[], names: readonly NameRange[]): AspectMatch[] {
  const found = names.length === 0 ? all : all.filter((m) => !names.some(([from, to]) => m.start >= from && m.start + m.length <= to));
  if (found.length === 0) return found;
  if (found.length > 1) found.sort((a, b) => b.length - a.length || a.start - b.start);
  const kept: AspectMatch[] = [];
  for (const m of found) {
    if (kept.every((k) => m.start + m.length <= k.start || k.start + k.length <= m.start)) kept.push(m);
  }
  const named = kept.filter((m) => m.category !== '');
  const explicit = named.some((m) => m.kind === undefined || m.kind === 'masked');
  return (explicit ? named.filter((m) => m.kind !== 'implied') : named).sort((a, b) => a.start - b.start);
}

/**
 * Drops `context` matches (曝光) whose category no other match of the post names: 必须曝光 in
 * a food-poisoning post is no camera opinion, while 曝光准确，拍照清晰 is. Takes and returns the
 * matches of each clause of one post.
 *
 * @example
 * keepInContext([[{ category: 'camera', kind: 'context', term: '曝光', start: 2, length: 2 }]]); // [[]]
 */
export function keepInContext(perClause: readonly AspectMatch[][]): AspectMatch[][] {
  const named = new Set<string>();
  for (const matches of perClause) for (const m of matches) if (m.kind !== 'context') named.add(m.category);
  return perClause.map((matches) => (matches.some((m) => m.kind === 'context') ? matches.filter((m) => m.kind !== 'context' || named.has(m.category)) : matches));
}
