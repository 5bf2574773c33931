/**
 * Pure helpers behind the polite fetch's retry policy: when to retry, how long to wait.
 * Kept apart from `http.ts` so the arithmetic is testable without a server.
 */

/** Options for {@link backoffDelay}. */
export interface BackoffOptions {
  /** Delay ceiling of the first retry, in ms. */
  baseDelayMs: number;
  /** Upper bound of any single delay, in ms. */
  maxDelayMs: number;
  /** Source of randomness in [0, 1); injected so tests are deterministic. */
  random: () => number;
}

/**
 * Exponential backoff with "full jitter": a uniform draw from `[0, min(max, base · 2^retry))`.
 * Full jitter spreads simultaneous clients out better than equal or decorrelated jitter
 * (AWS Architecture Blog, "Exponential Backoff And Jitter").
 *
 * @param retry 0 for the first retry, 1 for the second, …
 * @example backoffDelay(2, { baseDelayMs: 500, maxDelayMs: 30_000, random: () => 0.5 }); // 1000
 */
export function backoffDelay(retry: number, { baseDelayMs, maxDelayMs, random }: BackoffOptions): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date.
 * Returns the wait in ms (never negative), or `undefined` when absent or unreadable.
 *
 * @param nowMs current time in epoch ms, used for the HTTP-date form
 * @example parseRetryAfter('120', Date.now()); // 120000
 * @example parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:00Z')); // 60000
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Statuses worth retrying: server-side failures and gateway timeouts, not client errors. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

/**
 * Whether a thrown fetch error is transient (network failure or our own per-request timeout)
 * rather than the caller aborting.
 */
export function isRetryableError(error: unknown, callerSignal?: AbortSignal | null): boolean {
  if (callerSignal?.aborted) return false;
  if (!(error instanceof Error)) return false;
  // undici reports network failures as `TypeError: fetch failed`; AbortSignal.timeout as TimeoutError.
  return error.name === 'TypeError' || error.name === 'TimeoutError' || error.name === 'AbortError';
}

/**
 * Default sleep: resolves after `ms`, rejects early with the signal's reason when aborted.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
