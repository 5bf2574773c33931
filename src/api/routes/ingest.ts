import { Hono } from 'hono';
import { ParseError, PayloadTooLargeError, ValidationError } from '../../errors.js';
import { detectFormat, parseImport } from '../../collectors/import-format.js';
import { firstInvalidUtf8Line } from '../../collectors/decode-utf8.js';
import type { ApiDeps } from '../deps.js';
import { IngestQuery } from '../schemas.js';
import { parseInput } from '../validate.js';

/** Reads the body up to `limit` bytes, failing with 413 as soon as it is exceeded (no full buffering). */
async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(`request body exceeds the ingest limit of ${limit} bytes`);
    }
    chunks.push(value);
  }
  return decodeStrict(Buffer.concat(chunks));
}

/** A lenient decode would store GBK or Latin-1 bytes as U+FFFD without a word: refuse the body instead. */
function decodeStrict(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const line = firstInvalidUtf8Line(bytes) ?? 1;
    throw new ParseError(`request body is not valid UTF-8 (first bad line: ${line}); send UTF-8 text (nothing was stored)`, line);
  }
}

/**
 * `POST /api/ingest`: a JSON array or JSON lines of posts (CSV with a header also accepted).
 * Malformed JSON rejects the whole request naming the line; posts failing validation are
 * reported per line while the valid ones are stored. Re-posting the same ids is idempotent. The source
 * id of a collector source, or of a stored source of another type, is refused (409, see `openPushTarget`).
 */
export function ingestRoutes(deps: ApiDeps): Hono {
  return new Hono().post('/', async (c) => {
    const { source } = parseInput(IngestQuery, c.req.query(), 'query');
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > deps.ingestMaxBytes) {
      throw new PayloadTooLargeError(`request body of ${declared} bytes exceeds the ingest limit of ${deps.ingestMaxBytes} bytes`);
    }
    const text = await readLimited(c.req.raw.body, deps.ingestMaxBytes);
    if (!text.trim()) throw new ValidationError('request body is empty: expected a JSON array or JSON lines of posts');
    const parsed = parseImport(text, { format: detectFormat(c.req.header('content-type') ?? '', text), source, now: deps.now() });
    const malformed = parsed.skipped.filter((s) => s.reason.startsWith('malformed JSON'));
    if (malformed.length) {
      throw new ParseError(`line ${malformed[0].line}: ${malformed[0].reason} (nothing was stored)`, malformed[0].line);
    }
    if (parsed.posts.length === 0) {
      if (parsed.skipped.length === 0) throw new ValidationError('request body holds no posts: expected a JSON array or JSON lines of posts');
      throw new ValidationError(`no valid posts: ${parsed.skipped.map((s) => `line ${s.line}: ${s.reason}`).slice(0, 5).join('; ')}`);
    }
    const summary = await deps.ingest(parsed.posts, source);
    return c.json({ ...summary, rejected: parsed.skipped });
  });
}
