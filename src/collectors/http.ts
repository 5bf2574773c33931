/**
 * The polite fetch every collector uses: a `fetch`-compatible function that identifies itself,
 * times out, retries transient failures with jittered backoff, waits out `429 Retry-After`
 * (up to a cap) and limits concurrent requests per host.
 */
import { RateLimitedError } from '../errors.js';
import { redactUrl } from './fetch-body.js';
import { createHostLimiter } from './host-limiter.js';
import { backoffDelay, isRetryableError, isRetryableStatus, parseRetryAfter, sleep as realSleep } from './retry.js';

/** User-Agent sent when neither the options nor the request set one. */
export const DEFAULT_USER_AGENT = 'koubei/0.1 (+https://github.com/koubei; social listening)';

/** Options of {@link createPoliteFetch}; every field has a default. */
export interface PoliteFetchOptions {
  /** Underlying fetch (default: the global one). */
  fetch?: typeof fetch;
  userAgent?: string;
  /** Per-attempt timeout in ms. */
  timeoutMs?: number;
  /** Attempts per request including the first (1 disables retries). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest `Retry-After` we wait out in-process; longer ones throw `RateLimitedError`. */
  maxRetryAfterMs?: number;
  /** Concurrent requests per host. */
  maxPerHost?: number;
  /** Injected so tests do not really wait; must reject when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Clock in epoch ms, used for `Retry-After` HTTP-dates. */
  now?: () => number;
  random?: () => number;
  /** Called before each wait, e.g. to log retries. */
  onRetry?: (info: RetryInfo) => void;
}

/** What {@link PoliteFetchOptions.onRetry} is told before a wait. */
export interface RetryInfo {
  url: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

/** Defaults merged with caller options (liteque's `Required<Options>` pattern). */
export const DEFAULT_POLITE_FETCH_OPTIONS: Required<Omit<PoliteFetchOptions, 'fetch' | 'onRetry'>> = {
  userAgent: DEFAULT_USER_AGENT,
  timeoutMs: 30_000,
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  maxPerHost: 2,
  sleep: realSleep,
  now: Date.now,
  random: Math.random,
};

function requestUrl(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

function withUserAgent(input: string | URL | Request, init: RequestInit | undefined, userAgent: string): Headers {
  const headers = new Headers(input instanceof Request ? input.headers : undefined);
  new Headers(init?.headers).forEach((value, key) => headers.set(key, value));
  // A caller-set agent wins: Reddit, for one, wants its own `platform:app:version (by /u/x)` format.
  if (!headers.has('user-agent')) headers.set('user-agent', userAgent);
  return headers;
}

/**
 * Creates the polite fetch. Create one per process and pass it to every collector through
 * `ctx.fetch`, so the per-host limit is shared.
 *
 * Retries: network errors, per-attempt timeouts and retryable 5xx (backoff with full jitter,
 * or the server's `Retry-After` when a 503 sends one). After the last attempt a 5xx response is
 * returned as is, so callers see the status. `429`: waits `Retry-After` (or the backoff) and
 * retries; if the wait is longer than `maxRetryAfterMs`, or attempts run out, throws
 * `RateLimitedError(retryAfterMs)` so the scheduler can postpone the source.
 *
 * Request bodies are re-sent on retry, so pass strings/`URLSearchParams`, not streams.
 *
 * @example
 * const politeFetch = createPoliteFetch({ maxAttempts: 3 });
 * const res = await politeFetch('https://hn.algolia.com/api/v1/search_by_date?query=acme');
 */
export function createPoliteFetch(options: PoliteFetchOptions = {}): typeof fetch {
  // Explicit `undefined`s (e.g. from an optional config field) must not erase the defaults.
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const opts = { ...DEFAULT_POLITE_FETCH_OPTIONS, ...given } as typeof DEFAULT_POLITE_FETCH_OPTIONS;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const limiter = createHostLimiter(opts.maxPerHost);

  const politeFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = requestUrl(input);
    const host = new URL(url).host;
    const safeUrl = redactUrl(url);
    const headers = withUserAgent(input, init, opts.userAgent);
    const callerSignal = init?.signal ?? (input instanceof Request ? input.signal : undefined);

    for (let attempt = 1; ; attempt += 1) {
      callerSignal?.throwIfAborted();
      const last = attempt >= opts.maxAttempts;
      const timeout = AbortSignal.timeout(opts.timeoutMs);
      const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
      let response: Response;
      try {
        // The slot is held until headers arrive; bodies here are small, and holding it through the
        // caller's body read would need wrapping every Response.
        response = await limiter.run(host, () => baseFetch(input, { ...init, headers, signal }));
      } catch (error) {
        if (last || !isRetryableError(error, callerSignal)) throw error;
        const delayMs = backoffDelay(attempt - 1, opts);
        options.onRetry?.({ url: safeUrl, attempt, delayMs, reason: (error as Error).message });
        await opts.sleep(delayMs, callerSignal ?? undefined);
        continue;
      }

      const { status } = response;
      if (status !== 429 && !isRetryableStatus(status)) return response;
      if (status !== 429 && last) return response;

      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), opts.now());
      // Free the connection: we will not read this body.
      await response.body?.cancel().catch(() => undefined);
      if (status === 429 && (last || (retryAfterMs ?? 0) > opts.maxRetryAfterMs)) {
        const waitMs = retryAfterMs ?? backoffDelay(attempt, opts);
        throw new RateLimitedError(
          `${host} answered 429 Too Many Requests for ${safeUrl}; retry after ${Math.ceil(waitMs / 1000)} s` +
            (last ? ` (gave up after ${attempt} attempts)` : ` (longer than the ${opts.maxRetryAfterMs} ms we wait in-process)`),
          waitMs,
        );
      }
      const delayMs = Math.min(retryAfterMs ?? backoffDelay(attempt - 1, opts), opts.maxRetryAfterMs);
      options.onRetry?.({ url: safeUrl, attempt, delayMs, reason: `HTTP ${status}` });
      await opts.sleep(delayMs, callerSignal ?? undefined);
    }
  };
  return politeFetch as typeof fetch;
}
