import { decodeHtmlEntities } from '../../text/html-entities.js';
import type { PipelineComponent } from '../types.js';

/** ASCII text is its own NFKC form. */
const ASCII_ONLY = /^[\x00-\x7F]*$/;

/** Longest text analysed; beyond it a post is truncated (stored text is untouched). */
export const MAX_ANALYSED_CHARS = 20_000;

/**
 * Normalises one post for analysis: strips tags, decodes entities and `\\u2019`-style escapes that
 * double-escaping scrapers leave in the text ("Don\\u2019t" would otherwise lose its negation),
 * removes URLs, folds full-width
 * letters/digits/punctuation (NFKC), drops replacement characters left by invalid UTF-8 and
 * collapses whitespace.
 *
 * @example normalizeText('<p>ＧＲＥＡＴ&nbsp;phone!!  https://x.co/a</p>'); // 'GREAT phone!!'
 */
export function normalizeText(text: string): string {
  let out = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  // Most posts hold no tag, entity, escape or URL: each pass runs only when its marker is there.
  if (out.includes('<')) out = out.replace(/<[^>]{0,500}>/g, ' ');
  if (out.includes('&')) out = decodeHtmlEntities(out);
  if (out.includes('\\')) out = decodeUnicodeEscapes(out);
  if (out.includes(':') || out.includes('.')) out = out.replace(/\bhttps?:\/\/\S+|\bwww\.\S+/gi, ' ');
  if (!ASCII_ONLY.test(out)) out = out.normalize('NFKC');
  return out
    .replace(/[\uFFFD\u200B\u200C\uFEFF\u0000-\u0008\u000B-\u001F]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * `\\u2019` → ’, surrogate pairs included; an escaped backslash (`\\\\u0041`) is left as written, and a
 * half of a surrogate pair left alone is dropped (it would not be valid text).
 */
function decodeUnicodeEscapes(text: string): string {
  return text
    .replace(/(?<!\\)\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

export const normalize: PipelineComponent = {
  name: 'normalize',
  requires: [],
  assigns: ['normalized'],
  run: (doc) => ({ normalized: normalizeText(doc.text) }),
};
