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
 * see `AspectNames`) is no match, unless a brand word judges it (see `lookThrough`).
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
  const brandWords = lex.brandWords;
  return lookThrough(found, names, brandWords && (() => matchZh(brandWords, text, start, end, tokens, from, to, names)));
}

/** en: token n-grams (longest first) against the lexicon, accepting a plural last word; none inside `names` (token ranges) but those a brand word judges. */
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
  const brandWords = lex.brandWords;
  return lookThrough(found, names, brandWords && (() => matchEn(brandWords, tokens, from, to, names)));
}

/** The lexicon entry `key` matches: itself, or its singular when the last word is a plural. */
function lookupEn(lex: AspectLexicon, key: string): string | undefined {
  if (lex.terms.has(key)) return key;
  if (key.length < 4 || key.charCodeAt(key.length - 1) !== 115 /* s */) return undefined;
  const candidates = key.endsWith('ies') ? [key.slice(0, -3) + 'y'] : key.endsWith('es') ? [key.slice(0, -1), key.slice(0, -2)] : [key.slice(0, -1)];
  return candidates.find((c) => lex.terms.has(c));
}

/**
 * Terms inside a brand name go first, before they can hide an implied term of the clause (the
 * brand name 鲜蜂外卖 gives no delivery opinion). But a brand word of the clause (慢, "late") whose
 * category a term inside the name holds gives that category, as an implied term on the word: a
 * delivery brand named alone with a slowness complaint (鲜蜂外卖太慢了) is a delivery opinion,
 * while 鲜蜂外卖的发票怎么开 (no brand word) and 鲜蜂外卖的客服太慢了 (an explicit term, 客服) are
 * none. The brand word takes the place of any term it overlaps ("slow" is performance otherwise).
 * `brandWords` matches the clause against the brand words; it runs only for a clause holding a term
 * inside a name, which few clauses do.
 */
function lookThrough(found: AspectMatch[], names: readonly NameRange[], brandWords?: () => AspectMatch[]): AspectMatch[] {
  const inNames = names.length === 0 ? [] : found.filter((m) => isInside(m, names));
  if (inNames.length === 0) return resolve(found);
  const judged = (brandWords?.() ?? []).filter((w) => inNames.some((m) => m.category === w.category)).map((w): AspectMatch => ({ ...w, kind: 'implied' }));
  return resolve([...found.filter((m) => !isInside(m, names) && !judged.some((w) => overlaps(m, w))), ...judged]);
}

function isInside(m: AspectMatch, names: readonly NameRange[]): boolean {
  return names.some(([from, to]) => m.start >= from && m.start + m.length <= to);
}

function overlaps(a: AspectMatch, b: AspectMatch): boolean {
  return a.start < b.start + b.length && b.start < a.start + a.length;
}

/**
 * The longest match wins an overlap (earlier start on ties); blocked terms are removed, and
 * implied (opinion-word) matches too when the clause names a plain or masked term. A `context`
 * term does not hide them: it may yet be dropped for want of context (see `keepInContext`).
 */
function resolve(found: AspectMatch[]): AspectMatch[] {
  if (found.length === 0) return found;
  if (found.length > 1) found.sort((a, b) => b.length - a.length || a.start - b.start);
  const kept: AspectMatch[] = [];
  for (const m of found) {
    if (kept.every((k) => !overlaps(m, k))) kept.push(m);
  }
  const named = kept.filter((m) => m.category !== '');
  const explicit = named.some((m) => m.kind === undefined || m.kind === 'masked');
  return (explicit ? named.filter((m) => m.kind !== 'implied') : named).sort((a, b) => a.start - b.start);
}

/**
 * Drops `context` matches (曝光, "photos") whose category no other match of the post names, nor a
 * `cue` of it: 必须曝光 in a food-poisoning post is no camera opinion, nor "the photos on the menu",
 * while 曝光准确，拍照清晰 and "the photos from this phone" are. Takes and returns the matches of
 * each clause of one post; `cues` gives the categories the post's cue words name, asked for only
 * when a clause has a context match.
 *
 * @example
 * keepInContext([[{ category: 'camera', kind: 'context', term: '曝光', start: 2, length: 2 }]]); // [[]]
 */
export function keepInContext(perClause: readonly AspectMatch[][], cues: () => Iterable<string> = () => []): readonly AspectMatch[][] {
  if (!perClause.some((matches) => matches.some((m) => m.kind === 'context'))) return perClause;
  const named = new Set<string>(cues());
  for (const matches of perClause) for (const m of matches) if (m.kind !== 'context') named.add(m.category);
  return perClause.map((matches) => matches.filter((m) => m.kind !== 'context' || named.has(m.category)));
}

/**
 * The categories whose cue words (see `AspectLexicon.cues`) occur in the post: zh in `lowered`, en
 * in `tokens`. A cue inside a brand name (`names`, as for `matchZh` / `matchEn`) names the brand:
 * the photos of a Phone House listing are no camera opinion.
 */
export function cueCategories(lex: AspectLexicon, lowered: string, tokens: readonly string[], names: readonly NameRange[] = []): Set<string> {
  if (lex.cues === undefined) return new Set();
  const found =
    lex.lang === 'zh' ? matchZh(lex.cues, lowered, 0, lowered.length, tokens, 0, tokens.length, names) : matchEn(lex.cues, tokens, 0, tokens.length, names);
  return new Set(found.map((m) => m.category));
}
