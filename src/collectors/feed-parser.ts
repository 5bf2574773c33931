/**
 * RSS 2.0 / RSS 1.0 (RDF) / Atom → a flat list of feed entries. Pure: takes the XML text, returns
 * data or throws `ParseError` with the line where the XML broke.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ParseError } from '../errors.js';
import { snippet } from './fetch-body.js';
import { decodeHtmlEntities } from '../text/html-entities.js';
import { htmlToText, tidyWhitespace } from './html-text.js';

/** One entry of a feed, text already converted from HTML. */
export interface FeedEntry {
  /** guid / Atom id, else the link, else title+date: what we dedupe on. Empty elements count as missing. */
  id: string;
  title?: string;
  /** Absolute when the feed's relative link could be resolved (against `xml:base`, else the feed URL). */
  link?: string;
  text: string;
  author?: string;
  /** Raw date string as the feed wrote it (pubDate, updated, published, dc:date). */
  date?: string;
}

/** What {@link parseFeed} returns. */
export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title?: string;
  entries: FeedEntry[];
}

type Node = Record<string, unknown>;

const REPEATED = new Set(['item', 'entry', 'link', 'category', 'author']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Keep guids like "12345" as strings.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // Character references (`&#38;`, `&#24352;`) are plain XML, but the default decoder leaves them
  // in links and names. Ours reads them with the XML entities in one pass (`&amp;lt;` stays
  // `&lt;`) and never expands DOCTYPE-declared entities.
  entityDecoder: {
    decode: decodeHtmlEntities,
    setExternalEntities: () => undefined,
    addInputEntities: () => undefined,
    reset: () => undefined,
    setXmlVersion: () => undefined,
  },
  isArray: (name) => REPEATED.has(name),
  // Atom content may be inline XHTML (mixed content, which an object tree cannot keep in
  // order), so these elements are kept raw and converted by `atomText`.
  stopNodes: ['feed.entry.content', 'feed.entry.summary'],
});

/** Unescapes raw XML text: entities outside CDATA sections are decoded, CDATA is unwrapped as is. */
function unescapeXml(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeHtmlEntities(part)))
    .join('');
}

/**
 * Text of a raw Atom `content`/`summary`. Only `html` (escaped) and `xhtml` (inline markup) are
 * HTML; `text`, the default, is kept as written once XML-unescaped, so `&lt;dialog&gt;` stays visible.
 */
function atomText(value: unknown): string | undefined {
  if (value == null) return undefined;
  const node = (typeof value === 'object' ? value : { '#text': value }) as Node;
  const raw = typeof node['#text'] === 'string' ? node['#text'] : '';
  if (node['@_type'] === 'xhtml') return htmlToText(raw);
  return node['@_type'] === 'html' ? htmlToText(unescapeXml(raw)) : tidyWhitespace(unescapeXml(raw));
}

/** RSS titles are taken as HTML, as RSS bodies are; Atom titles say their type, `text` by default. */
function titleOf(value: unknown, atom: boolean): string | undefined {
  const text = textOf(value);
  if (text === undefined) return undefined;
  const html = !atom || (value as Node)['@_type'] === 'html';
  return html ? htmlToText(text) : tidyWhitespace(text);
}

/** Empty and whitespace-only values count as missing, so `??` moves on to the next candidate. */
function present(value: string | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}

function firstPresent(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => present(value) !== undefined);
}

// Links with a scheme are kept byte for byte: re-serialising them through `URL` would
// percent-encode, say, Chinese paths, and change the ids of entries already seen.
const ABSOLUTE_URL = /^[a-z][a-z\d+.-]*:/i;

/** Resolves a relative reference against `base`; absolute or unresolvable ones are kept as written. */
function resolveUrl(ref: string, base: string | undefined): string {
  if (ABSOLUTE_URL.test(ref) || base === undefined || !URL.canParse(ref, base)) return ref;
  return new URL(ref, base).href;
}

/** The base URL in effect inside `node`: its own `xml:base` (itself maybe relative), else the parent's. */
function baseOf(node: unknown, parentBase: string | undefined): string | undefined {
  const own = node && typeof node === 'object' ? present((node as Node)['@_xml:base'] as string | undefined) : undefined;
  return own === undefined ? parentBase : resolveUrl(own, parentBase);
}

/** Text of an element that may be a string, `{ '#text': … }`, an array of either, or inline XHTML. */
function textOf(value: unknown): string | undefined {
  if (value == null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object') {
    const node = value as Node;
    if (typeof node['#text'] === 'string') return node['#text'];
    // Atom `type="xhtml"` content arrives as nested elements: gather their text in order.
    const parts = Object.entries(node)
      .filter(([key]) => !key.startsWith('@_'))
      .map(([, child]) => (Array.isArray(child) ? child.map(textOf).join(' ') : textOf(child)))
      .filter((part): part is string => Boolean(part));
    return parts.length ? parts.join(' ') : undefined;
  }
  return undefined;
}

/** The URL a link element names: Atom's `href`, RSS's element text; undefined when empty. */
function hrefOf(link: unknown): string | undefined {
  const href = link && typeof link === 'object' ? (link as Node)['@_href'] : undefined;
  return present(typeof href === 'string' ? href : textOf(link));
}

const isAlternate = (link: unknown) => typeof link === 'string' || ((link as Node)['@_rel'] ?? 'alternate') === 'alternate';

/** Atom links: prefer rel="alternate" (or no rel); RSS links: the element text. Resolved against `base`. */
function linkOf(value: unknown, base: string | undefined): string | undefined {
  const links = (Array.isArray(value) ? value : [value]).filter((l) => hrefOf(l) !== undefined);
  const link: unknown = links.find(isAlternate) ?? links[0];
  return link === undefined ? undefined : resolveUrl(hrefOf(link)!, baseOf(link, base));
}

function authorOf(item: Node): string | undefined {
  const author = item.author ?? item['dc:creator'];
  const first = Array.isArray(author) ? author[0] : author;
  if (first && typeof first === 'object' && 'name' in (first as Node)) return textOf((first as Node).name);
  return textOf(first);
}

/** RSS bodies are HTML by convention; Atom ones say what they are. The first non-empty text wins. */
function bodyOf(item: Node): string | undefined {
  const rssHtml = [textOf(item['content:encoded']), textOf(item.description)].map((html) => (html ? htmlToText(html) : ''));
  return [...rssHtml, atomText(item.content), atomText(item.summary)].find(Boolean);
}

function entryOf(item: Node, atom: boolean, feedBase: string | undefined): FeedEntry {
  const title = titleOf(item.title, atom);
  const link = linkOf(item.link, baseOf(item, feedBase));
  const date = firstPresent(textOf(item.pubDate), textOf(item.published), textOf(item.updated), textOf(item['dc:date']));
  const about = typeof item['@_rdf:about'] === 'string' ? item['@_rdf:about'] : undefined;
  return {
    id: firstPresent(textOf(item.guid), textOf(item.id), about, link) ?? `${title ?? ''}|${date ?? ''}`,
    title: title || undefined,
    link,
    text: bodyOf(item) ?? title ?? '',
    author: authorOf(item),
    date,
  };
}

function entriesOf(items: unknown, atom: boolean, base: string | undefined): FeedEntry[] {
  return ((items as Node[] | undefined) ?? []).map((item) => entryOf(item, atom, base));
}

/**
 * Parses a feed document. `url` names the feed in errors and is the base for relative links
 * (with any `xml:base` on the way); the default, not being a URL, leaves them relative.
 *
 * @throws ParseError when the XML is malformed (with its line) or the root is not a feed.
 * @example parseFeed(xml).entries.map((e) => e.title);
 */
export function parseFeed(xml: string, url = 'feed'): ParsedFeed {
  if (xml.trim() === '') throw new ParseError(`expected RSS/Atom XML from ${url}, instead found an empty body`);
  if (/^\s*(<!doctype html|<html)/i.test(xml)) {
    throw new ParseError(`expected RSS/Atom XML from ${url}, instead found an HTML page: "${snippet(xml)}"`);
  }
  const check = XMLValidator.validate(xml);
  if (check !== true) {
    const { msg, line, col } = check.err;
    throw new ParseError(`expected well-formed RSS/Atom XML from ${url}, instead found an error at line ${line}, column ${col}: ${msg}`, line);
  }
  const doc = parser.parse(xml) as Node;
  if (doc.rss && typeof doc.rss === 'object') {
    const channel = ((doc.rss as Node).channel ?? {}) as Node;
    const base = baseOf(channel, baseOf(doc.rss, url));
    return { format: 'rss', title: textOf(channel.title), entries: entriesOf(channel.item, false, base) };
  }
  if (doc.feed && typeof doc.feed === 'object') {
    const feed = doc.feed as Node;
    return { format: 'atom', title: textOf(feed.title), entries: entriesOf(feed.entry, true, baseOf(feed, url)) };
  }
  if (doc['rdf:RDF'] && typeof doc['rdf:RDF'] === 'object') {
    const rdf = doc['rdf:RDF'] as Node;
    const channel = (rdf.channel ?? {}) as Node;
    return { format: 'rdf', title: textOf(channel.title), entries: entriesOf(rdf.item, false, baseOf(rdf, url)) };
  }
  const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'nothing';
  throw new ParseError(`expected an <rss>, <feed> or <rdf:RDF> root from ${url}, instead found <${root}>: "${snippet(xml)}"`);
}
