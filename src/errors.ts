/**
 * Typed errors of the core. Only `src/api/errors.ts` maps them to HTTP statuses.
 */

export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'HEADERS_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'RATE_LIMITED'
  | 'UPSTREAM'
  | 'PARSE'
  | 'CONFIG'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'INTERNAL';

/** Base class: a machine-readable `code` plus a message saying what was expected and what was found. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('VALIDATION', message, options);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** The request would undo something owned elsewhere (a brand defined in the config file). */
export class ConflictError extends AppError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/**
 * A collector configured under the id of a stored source it does not fill: one of another type (one
 * `POST /api/ingest` made, say), or one of its type that pushes made (`pushedBy`: `koubei ingest`
 * makes `file` sources, as the `file` collector does). Collecting would mix its posts into that source
 * or retype it, so the collector is refused instead, naming the id and the stored source.
 */
export class SourceTypeConflictError extends ConflictError {
  constructor(
    readonly sourceId: string,
    readonly configuredType: string,
    readonly storedType: string,
    readonly pushedBy?: string,
  ) {
    super(
      `source "${sourceId}" is configured as a ${configuredType} source, but the store holds "${sourceId}" as a ${storedType} source ` +
        (pushedBy
          ? `that ${pushedBy} made, and a collector never fills a source pushes made: give the configured source another id`
          : `and a collector never changes a stored source's type: give the configured source another id`),
    );
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super('PAYLOAD_TOO_LARGE', message);
  }
}

/** A request whose headers are larger than the HTTP server reads. */
export class HeadersTooLargeError extends AppError {
  constructor(message: string) {
    super('HEADERS_TOO_LARGE', message);
  }
}

/** A request that did not arrive whole within the HTTP server's time limits. */
export class RequestTimeoutError extends AppError {
  constructor(message: string) {
    super('REQUEST_TIMEOUT', message);
  }
}

export class ConfigError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG', message, options);
  }
}

/** Input that could not be parsed (feed XML, JSON body, CSV row); `line` is 1-based when known. */
export class ParseError extends AppError {
  constructor(
    message: string,
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super('PARSE', message, options);
  }
}

/** A remote source answered with an error status or not at all. */
export class UpstreamError extends AppError {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super('UPSTREAM', message, options);
  }
}

/** A remote source asked us to wait; collectors honour `retryAfterMs`. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super('RATE_LIMITED', message);
  }
}

/** No API key, or one that is unknown or revoked. */
export class UnauthorizedError extends AppError {
  constructor(message: string) {
    super('UNAUTHORIZED', message);
  }
}

/** A valid API key without the scope a route needs. */
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/**
 * An error's message followed by its causes' ("fetch failed: connect ECONNREFUSED 127.0.0.1:9"):
 * undici reports every network failure as "fetch failed" and keeps the reason in `cause`.
 */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 4; depth++) {
    const message = e instanceof Error ? e.message : String(e);
    if (message && !parts.includes(message)) parts.push(message);
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(': ');
}
