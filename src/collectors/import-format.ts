import type { RawPost } from '../domain.js';
import { ParseError } from '../errors.js';
import type { SkippedItem } from './types.js';
import { readCsv } from './csv.js';
import { conversionHint, decodeUtf8File } from './decode-utf8.js';
import { toRawPost } from './post-input.js';

export const IMPORT_FORMATS = ['jsonl', 'json', 'csv'] as const;

export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Maps post fields to CSV header names, e.g. `{ text: 'content', id: 'post_id' }`. */
export type ColumnMapping = Partial<Record<'id' | 'text' | 'title' | 'url' | 'lang' | 'author' | 'created_at' | 'likes' | 'replies' | 'reposts' | 'rating', string>>;

export interface ParsedImport {
  posts: RawPost[];
  skipped: SkippedItem[];
}

export interface ParseImportOptions {
  format: ImportFormat;
  source: string;
  now: Date;
  columns?: ColumnMapping;
}

/**
 * Parses an import body (JSONL, a JSON array, or CSV with a header row). Bad lines are skipped
 * with their line number and reason; good lines are kept.
 */
export function parseImport(text: string, options: ParseImportOptions): ParsedImport {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (options.format === 'csv') return parseCsv(body, options);
  if (options.format === 'json') return parseJsonArray(body, options);
  return parseJsonl(body, options);
}

/**
 * Parses the bytes of an import file: decoded strictly as UTF-8 (lines that are not are skipped by
 * number), the format taken from `options.format` or else detected from the name and content.
 * A CSV whose header line is not UTF-8 is a ParseError for the whole file.
 */
export function parseImportFile(bytes: Uint8Array, name: string, options: Omit<ParseImportOptions, 'format'> & { format?: ImportFormat }): ParsedImport {
  const decoded = decodeUtf8File(bytes, name);
  const format = options.format ?? detectFormat(name, decoded.text);
  // The undecodable header is left as an empty line, which the CSV reader passes over: the first
  // data row would silently become the header and every column be misnamed.
  if (format === 'csv' && decoded.skipped[0]?.line === 1) {
    throw new ParseError(`the CSV header (line 1) of ${name} is not UTF-8, so no column can be read; nothing was imported; ${conversionHint(name)}`, 1);
  }
  const parsed = parseImport(decoded.text, { ...options, format });
  const skipped = [...decoded.skipped, ...parsed.skipped].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { posts: parsed.posts, skipped };
}

/**
 * Picks the format from a file name's extension or a content type (`text/csv`); JSON arrays are
 * recognised by their first byte. Only the extension counts: reviews.jsonl in csv-exports/ is JSONL.
 */
export function detectFormat(nameOrType: string, body: string): ImportFormat {
  if (/\.csv$/i.test(nameOrType.trim()) || /^[a-z]+\/(?:x-)?csv\b/i.test(nameOrType.trim())) return 'csv';
  return body.trimStart().startsWith('[') ? 'json' : 'jsonl';
}

function collect(values: { line: number; value: unknown }[], options: ParseImportOptions, skipped: SkippedItem[]): ParsedImport {
  const posts: RawPost[] = [];
  for (const { line, value } of values) {
    const result = toRawPost(value, options.source, options.now);
    if (result.ok) posts.push(result.post);
    else skipped.push({ line, reason: result.reason });
  }
  return { posts, skipped };
}

function parseJsonl(body: string, options: ParseImportOptions): ParsedImport {
  const values: { line: number; value: unknown }[] = [];
  const skipped: SkippedItem[] = [];
  body.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    try {
      values.push({ line: index + 1, value: JSON.parse(line) });
    } catch (err) {
      skipped.push({ line: index + 1, reason: `malformed JSON: ${(err as Error).message}` });
    }
  });
  return collect(values, options, skipped);
}

function parseJsonArray(body: string, options: ParseImportOptions): ParsedImport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    // One broken element spoils the whole array, so the file is refused; the line says where to look.
    // V8 quotes the text around some errors, newlines included: the message must stay one line.
    const message = (err as Error).message.replace(/\s+/g, ' ');
    const line = jsonErrorLine(body, message);
    throw new ParseError(`malformed JSON array${line ? ` at line ${line}` : ''}: ${message}`, line, { cause: err });
  }
  if (!Array.isArray(parsed)) throw new ParseError('expected a JSON array of posts or JSON lines', 1);
  const lines = elementLines(body);
  return collect(parsed.map((value, i) => ({ line: lines[i] ?? 1, value })), options, []);
}

/**
 * The line each element of a (valid) JSON array starts on, so a skipped post is named by the line
 * a user finds it on in a pretty-printed file, not by its index.
 */
function elementLines(body: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectValue && !/\s/.test(c)) {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') expectValue = ++depth === 1;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectValue = true;
  }
  return lines;
}

/**
 * The line of a JSON.parse error, when V8 tells it: a character position, or the end of the input.
 * Its "Unexpected token" errors quote the text around the token instead, and then no line is claimed.
 */
function jsonErrorLine(body: string, message: string): number | undefined {
  const position = /at position (\d+)/.exec(message);
  if (!position && !/end of JSON input/.test(message)) return undefined;
  const end = position ? Number(position[1]) : body.length;
  let line = 1;
  for (let i = 0; i < end && i < body.length; i++) if (body.charCodeAt(i) === 10) line++;
  return line;
}

function parseCsv(body: string, options: ParseImportOptions): ParsedImport {
  const values: { line: number; value: unknown }[] = [];
  const skipped: SkippedItem[] = [];
  let header: string[] | undefined;
  for (const record of readCsv(body)) {
    if ('problem' in record) skipped.push({ line: record.line, reason: record.problem });
    else if (!header) header = record.fields.map((name) => name.trim());
    else if (record.fields.length !== header.length) {
      skipped.push({ line: record.line, reason: `expected ${header.length} columns, found ${record.fields.length}` });
    } else values.push({ line: record.line, value: mapColumns(header, record.fields, options.columns ?? {}) });
  }
  return collect(values, options, skipped);
}

function mapColumns(header: string[], fields: string[], columns: ColumnMapping): Record<string, unknown> {
  const row = Object.fromEntries(header.map((name, i) => [name, fields[i]]));
  const out: Record<string, unknown> = {};
  for (const target of ['id', 'text', 'title', 'url', 'lang', 'author', 'created_at', 'likes', 'replies', 'reposts', 'rating'] as const) {
    const value = row[columns[target] ?? target];
    if (value === undefined || (value === '' && target !== 'text')) continue;
    out[target] = value;
  }
  return out;
}
