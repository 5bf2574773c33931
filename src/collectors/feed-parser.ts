/**
 * RSS 2.0 / RSS 1.0 (RDF) / Atom → a flat list of feed entries. Pure: takes the XML text, returns
 * data or throws `ParseError` with the line where the XML broke.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ParseError } from '../errors.js';
import { snippet } from './fetch-body.js';
import { decodeHtmlEntities } from '../text/html-entities.js';
import { htmlToText } from './html-text.js';

/** One entry of a feed, text already converted from HTML. */
export interface FeedEntry {
  /** guid / Atom id, else the link, else title+date: what we dedupe on. */
  id: string;
  title?: string;
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
  isArray: (name) => REPEATED.has(name),
  // Atom content may be inline XHTML (mixed content, which an object tree cannot keep in
  // order), so these elements are kept raw and converted by `atomBody`.
  stopNodes: ['feed.entry.content', 'feed.entry.summary'],
});

/** Unescapes raw XML text: entities outside CDATA sections are decoded, CDATA is unwrapped as is. */
function unescapeXml(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeHtmlEntities(part)))
    .join('');
}

/** Body of a raw Atom `content`/`summary`: `xhtml` is markup already, `html`/`text` are escaped. */
function atomBody(value: unknown): string | undefined {
  if (value == null) return undefined;
  const node = (typeof value === 'object' ? value : { '#text': value }) as Node;
  const raw = typeof node['#text'] === 'string' ? node['#text'] : '';
  return node['@_type'] === 'xhtml' ? raw : unescapeXml(raw);
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

/** Atom links: prefer rel="alternate" (or no rel); RSS links: the element text. */
function linkOf(value: unknown): string | undefined {
  const links = (Array.isArray(value) ? value : [value]).filter((l) => l != null);
  for (const link of links) {
    if (typeof link === 'string') return link;
    const node = link as Node;
    const rel = node['@_rel'];
    if (typeof node['@_href'] === 'string' && (rel === undefined || rel === 'alternate')) return node['@_href'];
  }
  const first = links[0] as Node | undefined;
  return typeof first?.['@_href'] === 'string' ? first['@_href'] : textOf(first);
}

function authorOf(item: Node): string | undefined {
  const author = item.author ?? item['dc:creator'];
  const first = Array.isArray(author) ? author[0] : author;
  if (first && typeof first === 'object' && 'name' in (first as Node)) return textOf((first as Node).name);
  return textOf(first);
}

function entryOf(item: Node): FeedEntry {
  const title = textOf(item.title);
  const link = linkOf(item.link);
  const body =
    textOf(item['content:encoded']) ?? textOf(item.description) ?? atomBody(item.content) ?? atomBody(item.summary);
  const date = textOf(item.pubDate) ?? textOf(item.published) ?? textOf(item.updated) ?? textOf(item['dc:date']);
  const cleanTitle = title ? htmlToText(title) : undefined;
  const text = body ? htmlToText(body) : (cleanTitle ?? '');
  const guid = textOf(item.guid) ?? textOf(item.id) ?? (typeof item['@_rdf:about'] === 'string' ? item['@_rdf:about'] : undefined);
  return {
    id: guid ?? link ?? `${cleanTitle ?? ''}|${date ?? ''}`,
    title: cleanTitle || undefined,
    link,
    text,
    author: authorOf(item),
    date,
  };
}

/**
 * Parses a feed document.
 *
 * @throws ParseError when the XML is malformed (with its line) or the root is not a feed.
 * @example parseFeed(xml).entries.map((e) => e.title);
 */
export function parseFeed(xml: string, url = 'feed'): ParsedFeed {
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
    return { format: 'rss', title: textOf(channel.title), entries: ((channel.item as Node[]) ?? []).map(entryOf) };
  }
  if (doc.feed && typeof doc.feed === 'object') {
    const feed = doc.feed as Node;
    return { format: 'atom', title: textOf(feed.title), entries: ((feed.entry as Node[]) ?? []).map(entryOf) };
  }
  if (doc['rdf:RDF'] && typeof doc['rdf:RDF'] === 'object') {
    const rdf = doc['rdf:RDF'] as Node;
    const channel = (rdf.channel ?? {}) as Node;
    return { format: 'rdf', title: textOf(channel.title), entries: ((rdf.item as Node[]) ?? []).map(entryOf) };
  }
  const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'nothing';
  throw new ParseError(`expected an <rss>, <feed> or <rdf:RDF> root from ${url}, instead found <${root}>: "${snippet(xml)}"`);
}
