import type { Lang } from '../../domain.js';
import type { PipelineComponent } from '../types.js';

/** Guesses the language of a Latin-script text; injected so the component stays pure. */
export type LatinLanguageGuesser = (text: string) => string;

const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HANGUL = /\p{Script=Hangul}/gu;
const LATIN_LETTER = /[A-Za-z]/g;
const OTHER_LETTER = /[^\p{Script=Latin}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Common}\p{Script=Inherited}]/gu;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * Script-first language id. Han characters carry a word each while Latin letters are ~5 per word,
 * and a Chinese word is ~1.5 Han chars, so a mixed post counts as Chinese when its Chinese words are
 * at least as many as its English ones (Han × 10 ≥ Latin × 3).
 * Kana means Japanese and Hangul Korean (both `other`). Latin-only text goes to the injected
 * guesser, except short ASCII snippets which statistical guessers mislabel.
 */
export function detectLang(text: string, guessLatin: LatinLanguageGuesser, declared?: string): Lang {
  const han = count(text, HAN);
  const latin = count(text, LATIN_LETTER);
  if (count(text, KANA) > 0 || count(text, HANGUL) > han) return 'other';
  if (han > 0 && han * 10 >= latin * 3) return 'zh';
  if (latin === 0) return han > 0 ? 'zh' : declaredLang(declared) ?? (count(text, OTHER_LETTER) > 0 ? 'other' : 'en');
  if (count(text, OTHER_LETTER) > latin) return 'other';
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
