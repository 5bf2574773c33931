/**
 * Hashed sparse features shared by training (`scripts/train/`) and runtime. A post's features are
 * written once into a reusable `FeatureBuffer` as 32-bit hashes (no per-feature strings); each
 * model masks them to its own bucket count. The (kind, position) of every feature is kept so the
 * explanation can rebuild the readable name of the few top features only.
 *
 * Feature families (names as shown in explanations):
 *   word      `w`        a token (zh jieba word, en lower-cased word / emoji / emoticon / mark)
 *   negated   `!w`       en token inside a negation scope ("not good" → `!good`; scope ends at , ; . : ! ? or but)
 *   bigram    `a_b`      adjacent-token bigram
 *   char2     `#ab`      zh character bigram of the simplified text (Han/letters/digits only)
 *   char3     `#abc`     zh character trigram
 *   subword   `~abc`     en character 3–5-grams of a word with boundary marks (`<good>` → `<go`, `goo`, …)
 */

import { isNegationIdiom } from './rule-terms.js';
import { fmix, hashString, mix, mix2 } from './feature-hash.js';

export const KIND_WORD = 0;
export const KIND_NEGATED = 1;
export const KIND_BIGRAM = 2;
export const KIND_CHAR2 = 3;
export const KIND_CHAR3 = 4;
export const KIND_SUBWORD = 5;

/** Which feature families a model reads (stored in the model header). */
export interface FeatureConfig {
  char2: boolean;
  char3: boolean;
  /** en subword n-grams, 0 = off, else max n (min n is 3). */
  subword: number;
  /** zh: the two words after a negator (不 没 没有 …) also emit `!w`, up to the clause end. */
  zhNegation?: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = { char2: true, char3: false, subword: 0 };

/** Maximum tokens read from one post; long reviews are capped to keep scoring O(short post). */
export const MAX_TOKENS = 1000;
const MAX_CHARS = MAX_TOKENS * 2;
const CAPACITY = MAX_TOKENS * 24 + MAX_CHARS * 2 + 64;

const EN_NEGATORS = new Set([
  'not', 'no', 'never', "n't", 'nothing', 'nobody', 'none', 'neither', 'nor', 'without', 'hardly', 'barely',
  "can't", 'cannot', "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't",
  "shouldn't", "couldn't", "haven't", "hasn't", "hadn't", "ain't", 'cant', 'dont', 'doesnt', 'didnt', 'isnt',
  'wasnt', 'wont', 'wouldnt', 'couldnt',
]);
const EN_SCOPE_END = new Set(['but', 'however', 'although', 'though', 'yet']);
const ZH_NEGATORS = new Set(['不', '没', '没有', '别', '无', '非', '未', '不是', '不太', '不够', '不能', '不会', '不用', '并不', '从不', '毫不', '绝不']);
const ZH_SCOPE = 2;

/** Features of one post: 32-bit hashes plus (kind, position, extra) to name them on demand. */
export class FeatureBuffer {
  readonly hashes = new Int32Array(CAPACITY);
  readonly kinds = new Uint8Array(CAPACITY);
  /** Token index (word families) or character offset (char families). */
  readonly pos = new Uint16Array(CAPACITY);
  /** Subword: (offset << 3) | n within the marked word. */
  readonly extra = new Uint16Array(CAPACITY);
  count = 0;
  /** The input the features were read from (identity, for reuse by later models). */
  tokens: readonly string[] | null = null;
  text = '';
  lang: 'zh' | 'en' = 'zh';
  config: FeatureConfig | null = null;
  private readonly tokenHash = new Int32Array(MAX_TOKENS);

  /** Reads the features of a post into this buffer (a no-op when it already holds them). */
  read(tokens: readonly string[], text: string, lang: 'zh' | 'en', config: FeatureConfig): this {
    const c = this.config;
    if (this.tokens === tokens && this.text === text && this.lang === lang && c !== null && sameConfig(c, config)) return this;
    this.tokens = tokens;
    this.text = text;
    this.lang = lang;
    this.config = config;
    this.count = 0;
    const n = Math.min(tokens.length, MAX_TOKENS);
    const th = this.tokenHash;
    let negated = false;
    let zhScope = 0;
    for (let i = 0; i < n; i++) {
      const tok = tokens[i];
      const h = hashString(tok);
      th[i] = h;
      if (lang === 'en') {
        if (isPunct(tok) || EN_SCOPE_END.has(tok)) negated = false;
        else if (EN_NEGATORS.has(tok)) {
          this.push(mix(h, KIND_WORD), KIND_WORD, i, 0);
          negated = !isNegationIdiom(tokens, i);
          if (i > 0) this.push(mix2(th[i - 1], h, KIND_BIGRAM), KIND_BIGRAM, i, 0);
          continue;
        }
        if (negated) this.push(mix(h, KIND_NEGATED), KIND_NEGATED, i, 0);
        else this.push(mix(h, KIND_WORD), KIND_WORD, i, 0);
        // A hashtag also counts as its word ("#fail" → fail), named "#fail" in explanations.
        if (tok.length > 2 && tok.charCodeAt(0) === 35) this.push(mix(hashString(tok.slice(1)), KIND_WORD), KIND_WORD, i, 0);
        if (config.subword > 0 && !negated) this.subwords(tok, i, config.subword);
      } else {
        this.push(mix(h, KIND_WORD), KIND_WORD, i, 0);
        if (config.zhNegation) {
          if (isPunct(tok)) zhScope = 0;
          else if (ZH_NEGATORS.has(tok)) zhScope = ZH_SCOPE;
          else if (zhScope > 0) {
            zhScope--;
            this.push(mix(h, KIND_NEGATED), KIND_NEGATED, i, 0);
          }
        }
      }
      if (i > 0) this.push(mix2(th[i - 1], h, KIND_BIGRAM), KIND_BIGRAM, i, 0);
    }
    if (lang === 'zh' && (config.char2 || config.char3)) this.chars(text, config);
    return this;
  }

  private push(hash: number, kind: number, pos: number, extra: number): void {
    const c = this.count;
    if (c >= CAPACITY) return;
    this.hashes[c] = hash;
    this.kinds[c] = kind;
    this.pos[c] = pos;
    this.extra[c] = extra;
    this.count = c + 1;
  }

  private subwords(tok: string, i: number, maxN: number): void {
    const len = tok.length;
    if (len < 3 || len > 24) return;
    const c0 = tok.charCodeAt(0);
    if (c0 < 97 || c0 > 122) return; // words only (not numbers, hashtags, emoji)
    // Marked word "<tok>": positions 0..len+1, where 0 and len+1 are the marks.
    const total = len + 2;
    for (let s = 0; s + 3 <= total; s++) {
      let h = 0x811c9dc5 ^ KIND_SUBWORD;
      for (let k = 0; k < maxN && s + k < total; k++) {
        const p = s + k;
        const c = p === 0 ? 60 : p === total - 1 ? 62 : tok.charCodeAt(p - 1);
        h = Math.imul(h ^ c, 16777619);
        if (k >= 2 && !(s === 0 && k + 1 === total)) this.push(fmix(h), KIND_SUBWORD, i, (s << 3) | (k + 1));
      }
    }
  }

  private chars(text: string, config: FeatureConfig): void {
    const limit = Math.min(text.length, MAX_CHARS);
    let run = 0;
    let c1 = 0;
    let c2 = 0;
    for (let i = 0; i < limit; i++) {
      const c = text.charCodeAt(i);
      const word = (c >= 0x4e00 && c <= 0x9fff) || (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
      if (!word) {
        run = 0;
        continue;
      }
      run++;
      if (run >= 2 && config.char2) this.push(fmix(Math.imul((c1 << 16) | c, 0x9e3779b1) ^ 0x3c2a), KIND_CHAR2, i - 1, 0);
      if (run >= 3 && config.char3) this.push(fmix(Math.imul((c2 << 16) | c1, 0x85ebca6b) ^ Math.imul(c + 0x51ed, 0xc2b2ae35)), KIND_CHAR3, i - 2, 0);
      c2 = c1;
      c1 = c;
    }
  }
}

/**
 * One buffer shared by the sentiment and emotion scorers of a process: the emotion scorer reads
 * the same tokens right after the sentiment scorer, so the features are extracted once per post.
 */
export const sharedFeatureBuffer = new FeatureBuffer();

function sameConfig(a: FeatureConfig, b: FeatureConfig): boolean {
  return a === b || (a.char2 === b.char2 && a.char3 === b.char3 && a.subword === b.subword && !a.zhNegation === !b.zhNegation);
}

/** The readable name of feature `j` of a buffer (for explanations). */
export function featureName(buf: FeatureBuffer, j: number): string {
  const tokens = buf.tokens!;
  const p = buf.pos[j];
  switch (buf.kinds[j]) {
    case KIND_WORD: return tokens[p];
    case KIND_NEGATED: return '!' + tokens[p];
    case KIND_BIGRAM: return tokens[p - 1] + '_' + tokens[p];
    case KIND_CHAR2: return '#' + buf.text.slice(p, p + 2);
    case KIND_CHAR3: return '#' + buf.text.slice(p, p + 3);
    default: {
      const marked = `<${tokens[p]}>`;
      const e = buf.extra[j];
      return '~' + marked.slice(e >> 3, (e >> 3) + (e & 7));
    }
  }
}

function isPunct(token: string): boolean {
  const c = token.charCodeAt(0);
  return (
    c === 33 || c === 63 || c === 44 || c === 46 || c === 59 || c === 58 ||
    c === 0x3002 || c === 0xff0c || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0xff1a || c === 0x3001
  );
}
