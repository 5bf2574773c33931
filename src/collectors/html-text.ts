/**
 * HTML → plain text for collector output. Platforms (Mastodon, RSS, HN, YouTube) hand us post
 * bodies as HTML fragments; the pipeline wants readable text with paragraph breaks kept, so
 * block elements become newlines, inline tags vanish and entities are decoded.
 *
 * This is deliberately a tolerant regex pass over fragments, not a DOM parser: feed and API
 * fragments are small, often malformed, and we only need their text.
 */

// The entities that actually occur in feeds and API payloads; anything else stays as written so
// nothing is silently lost.
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  hellip: '…', mdash: '—', ndash: '–', minus: '−', lsquo: '‘', rsquo: '’', sbquo: '‚',
  ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›',
  middot: '·', bull: '•', copy: '©', reg: '®', trade: '™', deg: '°', times: '×', divide: '÷',
  plusmn: '±', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', shy: '',
  zwj: '\u200d', zwnj: '\u200c', iexcl: '¡', iquest: '¿', frac12: '½', frac14: '¼', frac34: '¾',
  hearts: '♥', larr: '←', rarr: '→', uarr: '↑', darr: '↓', dagger: '†', prime: '′',
  eacute: 'é', egrave: 'è', ecirc: 'ê', aacute: 'á', agrave: 'à', acirc: 'â', auml: 'ä',
  ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', ccedil: 'ç', ntilde: 'ñ',
  oacute: 'ó', iacute: 'í', uacute: 'ú',
};

/**
 * Decodes named, decimal and hex character references. Unknown names and invalid code points
 * are left as written.
 *
 * @example decodeHtmlEntities('Tom &amp; Jerry &#39;s &#x597D;'); // "Tom & Jerry 's 好"
 */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const hex = body[1] === 'x' || body[1] === 'X';
      const code = hex ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

// Elements whose boundaries are line breaks in rendered text.
const BLOCK_TAGS =
  'address|article|aside|blockquote|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|thead|tfoot|tr|ul';
const PARAGRAPH_END = new RegExp(`</(?:${BLOCK_TAGS})\\s*>`, 'gi');
const BLOCK_START = new RegExp(`<(?:${BLOCK_TAGS})(?:\\s[^>]*)?/?>`, 'gi');

/**
 * Converts an HTML fragment to plain text: drops comments, `<script>`/`<style>` bodies and all
 * tags; `<br>` becomes a newline, block elements become paragraph breaks; entities are decoded
 * (after tags are removed, so `&lt;b&gt;` stays visible text); runs of spaces collapse, at most
 * one blank line is kept and the result is trimmed.
 *
 * @example htmlToText('<p>Love the <b>new</b> app&nbsp;&#x1F600;</p><p>Line<br>two</p>');
 * // 'Love the new app 😀\n\nLine\ntwo'
 */
export function htmlToText(html: string): string {
  if (!html) return '';
  const withoutTags = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<td\b[^>]*>/gi, ' ')
    .replace(PARAGRAPH_END, '\n\n')
    .replace(BLOCK_START, '\n\n')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '');
  return decodeHtmlEntities(withoutTags)
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
