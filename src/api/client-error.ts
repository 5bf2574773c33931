import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ParseError, ValidationError, type AppError } from '../errors.js';
import { STATUS, type ErrorBody } from './errors.js';

/**
 * Statuses Node's own handler gives these errors, with an empty reply that is kept: they concern the
 * size or pace of a request, not input a user can fix by encoding it. Every other client error is a 400.
 */
const NODE_STATUS: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, HPE_CHUNK_EXTENSIONS_OVERFLOW: 413, ERR_HTTP_REQUEST_TIMEOUT: 408 };

/** `_httpMessage` is the response in flight on the socket (Node's internal field, read as its own handler reads it). */
type ClientSocket = Duplex & { _httpMessage?: { headersSent: boolean } | null };

/**
 * Answers a request Node's HTTP parser refused before any route saw it (`clientError`). Node's default
 * is an empty 400, which leaves a user who typed `?q=外卖` into a raw client guessing; this answers with
 * the API's error body instead, and the URL case says to percent-encode.
 *
 * @example
 * server.on('clientError', answerClientError);
 */
export function answerClientError(err: Error & { code?: string }, socket: ClientSocket): void {
  // Node's own rule: a socket the client reset, or one that already carries part of a response, takes no reply.
  if (err.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const status = err.code ? NODE_STATUS[err.code] : undefined;
  const reply = status ? head(status, []) : jsonReply(toAppError(err));
  socket.end(reply, () => socket.destroy());
}

function toAppError(err: Error & { code?: string }): AppError {
  if (err.code === 'HPE_INVALID_URL') {
    return new ValidationError(
      'the request line holds characters a URL may not contain, such as raw (not percent-encoded) UTF-8: percent-encode the path and ' +
        'query (q=%E5%A4%96%E5%8D%96 for q=外卖; encodeURIComponent in JavaScript, curl -G --data-urlencode "q=外卖")',
    );
  }
  return new ParseError(`malformed HTTP request: ${err.message}${err.code ? ` (${err.code})` : ''}`);
}

function jsonReply(error: AppError): string {
  const requestId = randomUUID();
  const body = JSON.stringify({ code: error.code, message: error.message, requestId } satisfies ErrorBody);
  const headers: [string, string][] = [
    ['Content-Type', 'application/json'],
    ['Content-Length', String(Buffer.byteLength(body))],
    ['X-Request-Id', requestId],
  ];
  return head(STATUS[error.code], headers) + body;
}

/** Status line and headers of a reply that closes the connection (the parser cannot read on after an error). */
function head(status: number, headers: [string, string][]): string {
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, ...headers.map(([name, value]) => `${name}: ${value}`), 'Connection: close'];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
