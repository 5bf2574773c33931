import type { Lang } from '../../domain.js';
import type { PipelineComponent } from '../types.js';

/** Guesses the language of a Latin-script text; injected so the component stays pure. */
export type LatinLanguageGuesser = (text: string) => string;

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const OTHER_LETTER = /[^\p{Script=Latin}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Common}\p{Script=Inherited}]/u;

const IS_HAN = 1;
const IS_KANA = 2;
const IS_HANGUL = 4;
const IS_OTHER = 8;
const UNSEEN = 16;

/**
 * The script flags of every BMP code unit, filled the first time one is seen: a text is then
 * classified in one pass with a table read per character instead of four regex scans.
 */
const bmpFlags = new Uint8Array(0x10000).fill(UNSEEN);
/** The same for characters beyond the BMP (emoji mostly), capped so odd input cannot grow it without bound. */
const astralFlags = new Map<number, number>();
const ASTRAL_MEMO_LIMIT = 4096;

/** Code points per script class, counted the way the `u`-flag regexes would (a surrogate pair is one). */
export interface ScriptCounts {
  han: number;
  /** ASCII letters only. */
  latin: number;
  kana: number;
  hangul: number;
  /** Letters of scripts other than Latin, Han, kana, Common and Inherited (Hangul included). */
  other: number;
}

/** Counts the scripts of `text` in one pass. */
export function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { han: 0, latin: 0, kana: 0, hangul: 0, other: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      // ASCII: letters are Latin, everything else Common.
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) counts.latin++;
      continue;
    }
    let flags: number;
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      flags = astralScript(text.codePointAt(i)!);
      i++;
    } else {
      flags = bmpFlags[c];
      if (flags === UNSEEN) flags = bmpFlags[c] = scriptFlags(String.fromCharCode(c));
    }
    if (flags & IS_HAN) counts.han++;
    if (flags & IS_KANA) counts.kana++;
    if (flags & IS_HANGUL) counts.hangul++;
    if (flags & IS_OTHER) counts.other++;
  }
  return counts;
}

function astralScript(cp: number): number {
  let flags = astralFlags.get(cp);
  if (flags === undefined) {
    flags = scriptFlags(String.fromCodePoint(cp));
    if (astralFlags.size < ASTRAL_MEMO_LIMIT) astralFlags.set(cp, flags);
  }
  return flags;
}

function scriptFlags(ch: string): number {
  return (HAN.test(ch) ? IS_HAN : 0) | (KANA.test(ch) ? IS_KANA : 0) | (HANGUL.test(ch) ? IS_HANGUL : 0) | (OTHER_LETTER.test(ch) ? IS_OTHER : 0);
}

/**
 * Script-first language id. Han characters carry a word each while Latin letters are ~5 per word,
 * and a Chinese word is ~1.5 Han chars, so a mixed post counts as Chinese when its Chinese words are
 * at least as many as its English ones (Han × 10 ≥ Latin × 3).
 * Kana means Japanese and Hangul Korean (both `other`). Latin-only text goes to the injected
 * guesser, except short ASCII snippets which statistical guessers mislabel.
 */
export function detectLang(text: string, guessLatin: LatinLanguageGuesser, declared?: string): Lang {
  const { han, latin, kana, hangul, other } = countScripts(text);
  if (kana > 0 || hangul > han) return 'other';
  if (han > 0 && han * 10 >= latin * 3) return 'zh';
  if (latin === 0) return han > 0 ? 'zh' : declaredLang(declared) ?? (other > 0 ? 'other' : 'en');
  if (other > latin) return 'other';
  const hint = declaredLang(declared);
  if (hint) return hint;
  if (latin < 12 && /^[\x00-\x7F\s\p{Extended_Pictographic}]*$/u.test(text)) return 'en';
  const guess = guessLatin(text);
  return guess === 'en' || guess === '' ? 'en' : 'other';
}

function declaredLang(declared: string | undefined): Lang | undefined {
  if (!declared) return undefined;
  const prefix = declared.toLowerCase().slice(0, 2);
  return prefix === 'zh' || prefix === 'en' ? prefix : undefined;
}

export function createDetectLanguage(guessLatin: LatinLanguageGuesser): PipelineComponent {
  return {
    name: 'detect-language',
    requires: ['normalized'],
    assigns: ['lang'],
    run: (doc) => ({ lang: detectLang(doc.normalized!, guessLatin, doc.declaredLang) }),
  };
}
