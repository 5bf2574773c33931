import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode } from '../errors.js';

/** The HTTP status of each error code, for routes and for requests Node refuses before routing (`client-error.ts`). */
export const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION: 400,
  PARSE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  UPSTREAM: 502,
  CONFIG: 500,
  INTERNAL: 500,
};

/** The body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  requestId?: string;
  details?: unknown;
}

/**
 * The one place core errors become HTTP responses. Unknown errors are logged and answered with a
 * generic 500 so internals never leak to clients.
 */
export function handleError(err: Error, c: Context, log: (msg: string, fields: Record<string, unknown>) => void): Response {
  const requestId = c.get('requestId') as string | undefined;
  if (err instanceof AppError) {
    const body: ErrorBody = { code: err.code, message: err.message, requestId };
    if ('details' in err && err.details !== undefined) body.details = err.details;
    return c.json(body, STATUS[err.code]);
  }
  log('unhandled error', { requestId, error: err.stack ?? err.message });
  return c.json({ code: 'INTERNAL', message: 'internal error', requestId } satisfies ErrorBody, 500);
}
