import { randomUUID } from 'node:crypto';
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  HeadersTooLargeError, ParseError, PayloadTooLargeError, RequestTimeoutError, ValidationError, type AppError,
} from '../errors.js';
import { STATUS, type ErrorBody } from './errors.js';

/** `_httpMessage` is the response in flight on the socket (Node's internal field, read as its own handler reads it). */
type ClientSocket = Duplex & { _httpMessage?: { headersSent: boolean } | null };

/**
 * Answers a request Node's HTTP parser refused before any route saw it (`clientError`). Node's default
 * is an empty reply (400, or 431, 413 and 408 for the errors it knows), which leaves a user who typed
 * `?q=外卖` into a raw client, or whose cookies outgrew the header limit, guessing; this answers with
 * the API's error body and status table instead, saying what to change.
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
  socket.end(jsonReply(toAppError(err)), () => socket.destroy());
}

/** The error Node's code stands for; the statuses are those Node's own handler gives them. */
function toAppError(err: Error & { code?: string }): AppError {
  switch (err.code) {
    case 'HPE_INVALID_URL':
      return new ValidationError(
        'the request line holds characters a URL may not contain, such as raw (not percent-encoded) UTF-8: percent-encode the path and ' +
          'query (q=%E5%A4%96%E5%8D%96 for q=外卖; encodeURIComponent in JavaScript, curl -G --data-urlencode "q=外卖")',
      );
    case 'HPE_HEADER_OVERFLOW':
      return new HeadersTooLargeError(
        `the request line and headers are larger than the ${maxHeaderSize} bytes this server reads: shorten the URL, or send fewer or ` +
          'shorter headers (cookies, tokens)',
      );
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new PayloadTooLargeError('the chunk extensions of the request body are larger than Node reads (16 KiB): send the body without them');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new RequestTimeoutError('the request did not arrive whole in time: send its headers and body without pausing');
    default:
      return new ParseError(`malformed HTTP request: ${err.message}${err.code ? ` (${err.code})` : ''}`);
  }
}

/** The error as a whole HTTP reply that closes the connection (the parser cannot read on after an error). */
function jsonReply(error: AppError): string {
  const requestId = randomUUID();
  const body = JSON.stringify({ code: error.code, message: error.message, requestId } satisfies ErrorBody);
  const status = STATUS[error.code];
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'Connection: close',
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
