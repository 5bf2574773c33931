import type { PipelineComponent } from '../types.js';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–',
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', middot: '·', yen: '¥', copy: '©', reg: '®',
};

/** Longest text analysed; beyond it a post is truncated (stored text is untouched). */
export const MAX_ANALYSED_CHARS = 20_000;

/**
 * Decodes HTML entities (named, decimal, hex). Unknown named entities stay as written.
 *
 * @example decodeEntities('a &amp; b &#x597D;'); // 'a & b 好'
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/**
 * Normalises one post for analysis: strips tags, decodes entities, removes URLs, folds full-width
 * letters/digits/punctuation (NFKC), drops replacement characters left by invalid UTF-8 and
 * collapses whitespace.
 *
 * @example normalizeText('<p>ＧＲＥＡＴ&nbsp;phone!!  https://x.co/a</p>'); // 'GREAT phone!!'
 */
export function normalizeText(text: string): string {
  const clipped = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  return decodeEntities(clipped.replace(/<[^>]{0,500}>/g, ' '))
    .replace(/\bhttps?:\/\/\S+|\bwww\.\S+/gi, ' ')
    .normalize('NFKC')
    .replace(/[\uFFFD\u200B\u200C\uFEFF\u0000-\u0008\u000B-\u001F]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export const normalize: PipelineComponent = {
  name: 'normalize',
  requires: [],
  assigns: ['normalized'],
  run: (doc) => ({ ...doc, normalized: normalizeText(doc.text) }),
};
