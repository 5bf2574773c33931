import type { Lang } from '../../domain.js';
import type { PipelineComponent } from '../types.js';
import { bracketEmoticonsIn } from '../sentiment/rule-terms.js';

export interface KeywordResources {
  /** Stopwords per language (lower-case for en). */
  stopwords: Record<Exclude<Lang, 'other'>, ReadonlySet<string>>;
  /** Inverse document frequency per zh word (jieba's idf table); unknown words get `defaultIdf`. */
  idf: { get(word: string): number | undefined };
  defaultIdf: number;
  /** Pronouns and particles that mark a made-up zh word at its start / end (`lexicons/zh/theme-fragment-chars.tsv`). */
  zhFragmentChars: { heads: ReadonlySet<string>; tails: ReadonlySet<string> };
  /** Whether jieba's dictionary has a zh word (words its HMM made up are not in it). */
  knowsZh(word: string): boolean;
}

export interface KeywordOptions {
  /** Keywords kept per post. */
  limit?: number;
  /** Themes kept per post (top keywords for now). */
  themes?: number;
}

const CONTENT = /[\p{L}\p{N}]/u;
const NUMBER_ONLY = /^[\p{N}.,%]+$/u;

/**
 * Content tokens minus stopwords, ranked by tf × idf (jieba's idf for zh; a flat idf for en).
 * Assigns `keywords` and `themes` (the top keywords until a theme model exists). A Weibo bracket
 * emoticon is a reaction, not a topic: its name's words lose the counts it gave them
 * (`discountBracketNames`); zh words jieba made up around a pronoun or particle are skipped
 * (`isGluedFragment`).
 *
 * @example
 * createKeywords(res).run({ ..., simplified: '外卖送得很快', tokens: ['外卖', '送', '得', '很快'] }).keywords; // ['外卖', '很快']
 */
export function createKeywords(resources: KeywordResources, options: KeywordOptions = {}): PipelineComponent {
  const { limit = 8, themes = 3 } = options;
  return {
    name: 'keywords',
    requires: ['simplified', 'lang', 'tokens'],
    assigns: ['keywords', 'themes'],
    run: (doc) => {
      const lang = doc.lang === 'zh' ? 'zh' : 'en';
      const stop = resources.stopwords[lang];
      const minLength = lang === 'zh' ? 2 : 3;
      const tf = new Map<string, number>();
      for (const tok of doc.tokens!) {
        if (tok.length < minLength || stop.has(tok) || !isContent(tok)) continue;
        if (lang === 'zh' && isGluedFragment(tok, resources)) continue;
        tf.set(tok, (tf.get(tok) ?? 0) + 1);
      }
      discountBracketNames(doc.simplified!, tf);
      const ranked: Ranked[] = [];
      for (const [word, count] of tf) {
        insertRanked(ranked, { word, score: count * (lang === 'zh' ? resources.idf.get(word) ?? resources.defaultIdf : 1) }, limit);
      }
      const keywords = ranked.map((r) => r.word);
      return { keywords, themes: keywords.slice(0, themes) };
    },
  };
}

/**
 * Takes back one count, per bracket, of each candidate word a bracket emoticon's name is made of:
 * once jieba drops the brackets, "[允悲]" leaves the token 允悲 (a theme of every brand whose posts
 * used it), "[笑cry]" leaves cry and "[Doge]" Doge. jieba cuts the name on its own, between the
 * brackets, so the name is tiled left to right by the longest candidate it starts with
 * (case-insensitive); the same word written outside the brackets ("[Tesla] Tesla recalls…") keeps
 * its other counts.
 */
function discountBracketNames(text: string, tf: Map<string, number>): void {
  for (const match of bracketEmoticonsIn(text)) {
    const spelled = match.slice(1, -1);
    const name = spelled.toLowerCase();
    let at = 0;
    while (at < name.length) {
      let word = '';
      for (const candidate of tf.keys()) {
        if (!name.startsWith(candidate.toLowerCase(), at)) continue;
        // Longest first; of two spellings (doge, Doge), the one written in the brackets.
        if (candidate.length > word.length || (candidate.length === word.length && spelled.startsWith(candidate, at))) word = candidate;
      }
      if (word === '') {
        at++;
        continue;
      }
      const left = tf.get(word)! - 1;
      if (left > 0) tf.set(word, left);
      else tf.delete(word);
      at += word.length;
    }
  }
}

const HAN_ONLY = /^\p{Script=Han}+$/u;

/**
 * A new word jieba's HMM made by gluing a pronoun or particle to its neighbour (我要, 这书, 修个 from
 * 修个屏): Han only, starting with a `heads` or ending with a `tails` character, and not in the
 * dictionary. New words without one (微博, 得物) stay; the dictionary is asked last, and only then.
 */
function isGluedFragment(tok: string, resources: KeywordResources): boolean {
  const { heads, tails } = resources.zhFragmentChars;
  if (!heads.has(tok[0]) && !tails.has(tok[tok.length - 1])) return false;
  return HAN_ONLY.test(tok) && !resources.knowsZh(tok);
}

interface Ranked {
  word: string;
  score: number;
}

/**
 * Keeps `ranked` the best `limit` words by descending score, earlier words first on ties: the
 * result of a stable sort then a cut, without sorting every candidate.
 */
function insertRanked(ranked: Ranked[], entry: Ranked, limit: number): void {
  let at = ranked.length;
  while (at > 0 && ranked[at - 1].score < entry.score) at--;
  if (at >= limit) return;
  ranked.splice(at, 0, entry);
  if (ranked.length > limit) ranked.pop();
}

/**
 * A letter or digit somewhere and not only number characters. Tokens starting with an ASCII
 * letter or a CJK ideograph (most of them) are answered without the two Unicode regexes.
 */
function isContent(tok: string): boolean {
  const c = tok.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0x4e00 && c <= 0x9fff)) return true;
  return CONTENT.test(tok) && !NUMBER_ONLY.test(tok);
}
