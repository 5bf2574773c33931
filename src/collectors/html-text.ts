/**
 * HTML → plain text for collector output. Platforms (Mastodon, RSS, HN, YouTube) hand us post
 * bodies as HTML fragments; the pipeline wants readable text with paragraph breaks kept, so
 * block elements become newlines, inline tags vanish and entities are decoded.
 *
 * This is deliberately a tolerant regex pass over fragments, not a DOM parser: feed and API
 * fragments are small, often malformed, and we only need their text.
 */

import { decodeHtmlEntities } from '../text/html-entities.js';

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
  return tidyWhitespace(decodeHtmlEntities(withoutTags));
}

/**
 * The whitespace rules of {@link htmlToText} for text that is already plain (Atom `type="text"`):
 * runs of spaces collapse, lines are trimmed, at most one blank line is kept, the ends are trimmed.
 *
 * @example tidyWhitespace('  a   b \n\n\n c '); // 'a b\n\nc'
 */
export function tidyWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
