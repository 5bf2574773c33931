/**
 * Reading response bodies the way collectors need them: non-2xx becomes `UpstreamError`,
 * malformed JSON becomes a `ParseError` that says what was expected and shows the first bytes,
 * and conditional GETs carry ETag / Last-Modified validators.
 */
import { TextDecoder } from 'node:util';
import { ParseError, UpstreamError } from '../errors.js';

/** Characters of a body quoted in error messages. */
const SNIPPET_CHARS = 120;

/** Query parameters that carry credentials (YouTube `key`, OAuth tokens). */
const SECRET_PARAMS = /([?&](?:key|api_key|apikey|access_token|token|client_secret|password)=)[^&#]*/gi;

/**
 * Masks credentials in a URL's query string, so error messages (stored in run records) and
 * logs never contain them.
 *
 * @example redactUrl('https://x/y?part=snippet&key=AIza123'); // 'https://x/y?part=snippet&key=***'
 */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1***');
}

/** First characters of a body, on one line, for error messages. */
export function snippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS)}…` : flat;
}

/** Throws `UpstreamError(status)` with the URL and the start of the body when `res` is not 2xx. */
export async function assertOk(res: Response, rawUrl: string): Promise<void> {
  if (res.ok) return;
  const url = redactUrl(rawUrl);
  const body = await res.text().catch(() => '');
  throw new UpstreamError(
    `expected 2xx from ${url}, instead found ${res.status} ${res.statusText}${body ? `: "${snippet(body)}"` : ''}`,
    res.status,
  );
}

/**
 * GETs (or sends `init`) and returns the body as text; throws `UpstreamError` on non-2xx.
 *
 * @example const xml = await fetchText(ctx.fetch, feedUrl, { signal: ctx.signal });
 */
export async function fetchText(fetchFn: typeof fetch, url: string, init?: RequestInit): Promise<string> {
  const res = await fetchFn(url, init);
  await assertOk(res, url);
  return res.text();
}

/**
 * Parses a JSON body; `what` names the expected document in the error (e.g. "Mastodon statuses").
 *
 * @example parseJsonBody('{"a":1}', 'https://x/y', 'a test object'); // { a: 1 }
 */
export function parseJsonBody(body: string, rawUrl: string, what = 'a JSON document'): unknown {
  const url = redactUrl(rawUrl);
  try {
    return JSON.parse(body);
  } catch (error) {
    const found = body.trim() === '' ? 'an empty body' : `"${snippet(body)}"`;
    throw new ParseError(`expected ${what} (JSON) from ${url}, instead found ${found}`, undefined, { cause: error });
  }
}

/**
 * Fetches and parses JSON; throws `UpstreamError` on non-2xx, `ParseError` on malformed JSON.
 * Returns the response too, because collectors read paging and rate-limit headers.
 *
 * @example const { data, res } = await fetchJson(ctx.fetch, url, { what: 'HN search results' });
 */
export async function fetchJson(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit & { what?: string } = {},
): Promise<{ data: unknown; res: Response }> {
  const { what, ...requestInit } = init;
  const headers = new Headers(requestInit.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  const res = await fetchFn(url, { ...requestInit, headers });
  await assertOk(res, url);
  return { data: parseJsonBody(await res.text(), url, what), res };
}

/**
 * Decodes a body by its declared charset: the `Content-Type` header first, then an XML
 * declaration or HTML `<meta charset>` in the first bytes, else UTF-8 (BOM honoured). Chinese
 * feeds still ship GBK/GB2312, which `res.text()` would turn into mojibake.
 *
 * @example decodeBody(gbkBytes, 'application/rss+xml; charset=gbk');
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const declared =
    /charset\s*=\s*["']?([\w:.-]+)/i.exec(contentType ?? '')?.[1] ??
    /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w:.-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i.exec(head)?.[1];
  // A UTF-8 BOM wins over a stale declaration.
  const hasUtf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(hasUtf8Bom || !declared ? 'utf-8' : declared);
  } catch {
    decoder = new TextDecoder('utf-8'); // unknown label: UTF-8 is the best guess
  }
  return decoder.decode(bytes);
}

/** HTTP cache validators remembered between runs. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** Result of {@link fetchConditional}. */
export type ConditionalResult =
  | { notModified: true; validators: Validators }
  | { notModified: false; body: string; validators: Validators; res: Response };

/**
 * Conditional GET: sends `If-None-Match` / `If-Modified-Since` from `validators`. A `304` returns
 * `notModified` with the old validators; a 2xx returns the body and the new validators (falling
 * back to the old ones when the server omits them).
 *
 * @example
 * const r = await fetchConditional(ctx.fetch, url, { etag: '"abc"' }, { signal: ctx.signal });
 * if (r.notModified) return { posts: [], cursor: ctx.cursor };
 */
export async function fetchConditional(
  fetchFn: typeof fetch,
  url: string,
  validators: Validators,
  init: RequestInit = {},
): Promise<ConditionalResult> {
  const headers = new Headers(init.headers);
  if (validators.etag) headers.set('if-none-match', validators.etag);
  if (validators.lastModified) headers.set('if-modified-since', validators.lastModified);
  const res = await fetchFn(url, { ...init, headers });
  if (res.status === 304) {
    await res.body?.cancel().catch(() => undefined);
    return { notModified: true, validators };
  }
  await assertOk(res, url);
  return {
    notModified: false,
    body: decodeBody(new Uint8Array(await res.arrayBuffer()), res.headers.get('content-type')),
    res,
    validators: {
      etag: res.headers.get('etag') ?? validators.etag,
      lastModified: res.headers.get('last-modified') ?? validators.lastModified,
    },
  };
}
