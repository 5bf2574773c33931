import { afterEach, describe, expect, it } from 'vitest';
import { ParseError, RateLimitedError, UpstreamError } from '../../src/errors.js';
import { createHostLimiter } from '../../src/collectors/host-limiter.js';
import { createPoliteFetch, DEFAULT_USER_AGENT } from '../../src/collectors/http.js';
import { fetchConditional, fetchJson, fetchText } from '../../src/collectors/fetch-body.js';
import { backoffDelay, parseRetryAfter } from '../../src/collectors/retry.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

const NOW = Date.parse('2025-06-10T12:00:00Z');

function politeFetch(extra: Parameters<typeof createPoliteFetch>[0] = {}) {
  const sleeps: number[] = [];
  const fetch = createPoliteFetch({
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    now: () => NOW,
    ...extra,
  });
  return { fetch, sleeps };
}

describe('retry helpers', () => {
  it('parses Retry-After as seconds or an HTTP-date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter('Tue, 10 Jun 2025 12:01:30 GMT', NOW)).toBe(90_000);
    expect(parseRetryAfter('Tue, 10 Jun 2025 11:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });

  it('draws full-jitter delays below an exponentially growing ceiling', () => {
    const opts = { baseDelayMs: 500, maxDelayMs: 4_000, random: () => 0.999 };
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, opts))).toEqual([499, 999, 1998, 3996, 3996]);
    expect(backoffDelay(3, { ...opts, random: () => 0 })).toBe(0);
  });
});

describe('createHostLimiter', () => {
  it('runs at most N tasks per host and queues the rest in order', async () => {
    const limiter = createHostLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      order.push(n);
      running -= 1;
    };
    await Promise.all([1, 2, 3, 4, 5].map((n) => limiter.run('a.example', task(n))));
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(limiter.active('a.example')).toBe(0);
  });

  it('does not let one host block another', async () => {
    const limiter = createHostLimiter(1);
    let release!: () => void;
    const slow = limiter.run('slow.example', () => new Promise<void>((r) => (release = r)));
    await expect(limiter.run('fast.example', async () => 'done')).resolves.toBe('done');
    release();
    await slow;
  });
});

describe('createPoliteFetch', () => {
  let server: FixtureServer;
  afterEach(() => server?.close());

  it('sends the descriptive User-Agent unless the caller sets one', async () => {
    server = await startFixtureServer({ '/ok': { body: 'ok' } });
    const { fetch } = politeFetch();
    await fetch(`${server.baseUrl}/ok`);
    await fetch(`${server.baseUrl}/ok`, { headers: { 'User-Agent': 'web:koubei:0.1 (by /u/acme)' } });
    expect(server.requests.map((r) => r.headers['user-agent'])).toEqual([DEFAULT_USER_AGENT, 'web:koubei:0.1 (by /u/acme)']);
  });

  it('retries 5xx with backoff, then returns the success', async () => {
    server = await startFixtureServer({ '/flaky': [{ status: 502 }, { status: 503 }, { status: 200, body: 'fine' }] });
    const { fetch, sleeps } = politeFetch({ baseDelayMs: 100 });
    const res = await fetch(`${server.baseUrl}/flaky`);
    expect(await res.text()).toBe('fine');
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('honours Retry-After on a 503', async () => {
    server = await startFixtureServer({ '/maint': [{ status: 503, headers: { 'retry-after': '12' } }, { body: 'back' }] });
    const { fetch, sleeps } = politeFetch();
    expect(await (await fetch(`${server.baseUrl}/maint`)).text()).toBe('back');
    expect(sleeps).toEqual([12_000]);
  });

  it('times out a slow server per attempt and retries', async () => {
    server = await startFixtureServer({ '/slow': [{ delayMs: 500, body: 'late' }, { body: 'quick' }] });
    const { fetch, sleeps } = politeFetch({ timeoutMs: 50 });
    expect(await (await fetch(`${server.baseUrl}/slow`)).text()).toBe('quick');
    expect(sleeps).toHaveLength(1);
  });

  it('keeps at most maxPerHost requests in flight to one host', async () => {
    let inFlight = 0;
    let peak = 0;
    const tracking: typeof fetch = async (input, init) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await globalThis.fetch(input, init);
      } finally {
        inFlight -= 1;
      }
    };
    server = await startFixtureServer({ '/a': { delayMs: 20, body: 'a' } });
    const { fetch } = politeFetch({ fetch: tracking, maxPerHost: 2 });
    const bodies = await Promise.all(Array.from({ length: 6 }, () => fetch(`${server.baseUrl}/a`).then((r) => r.text())));
    expect(bodies).toEqual(['a', 'a', 'a', 'a', 'a', 'a']);
    expect(peak).toBe(2);
  });

  it('returns the last 5xx response once attempts run out', async () => {
    server = await startFixtureServer({ '/down': { status: 500, body: 'boom' } });
    const { fetch } = politeFetch({ maxAttempts: 3 });
    const res = await fetch(`${server.baseUrl}/down`);
    expect(res.status).toBe(500);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry 4xx other than 429', async () => {
    server = await startFixtureServer({ '/missing': { status: 404 } });
    const { fetch } = politeFetch();
    expect((await fetch(`${server.baseUrl}/missing`)).status).toBe(404);
    expect(server.requests).toHaveLength(1);
  });

  it('waits out 429 Retry-After (seconds and HTTP-date) and retries', async () => {
    server = await startFixtureServer({
      '/limited': [
        { status: 429, headers: { 'retry-after': '3' } },
        { status: 429, headers: { 'retry-after': 'Tue, 10 Jun 2025 12:00:07 GMT' } },
        { body: 'ok' },
      ],
    });
    const { fetch, sleeps } = politeFetch();
    expect(await (await fetch(`${server.baseUrl}/limited`)).text()).toBe('ok');
    expect(sleeps).toEqual([3_000, 7_000]);
  });

  it('throws RateLimitedError when Retry-After exceeds the cap', async () => {
    server = await startFixtureServer({ '/limited': { status: 429, headers: { 'retry-after': '3600' } } });
    const { fetch, sleeps } = politeFetch({ maxRetryAfterMs: 60_000 });
    const error = await fetch(`${server.baseUrl}/limited`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(3_600_000);
    expect((error as Error).message).toMatch(/429.*retry after 3600 s/);
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('throws RateLimitedError when 429 persists through every attempt', async () => {
    server = await startFixtureServer({ '/limited': { status: 429, headers: { 'retry-after': '1' } } });
    const { fetch } = politeFetch({ maxAttempts: 2 });
    await expect(fetch(`${server.baseUrl}/limited`)).rejects.toThrow(/gave up after 2 attempts/);
  });

  it('retries network errors, then rethrows them', async () => {
    let calls = 0;
    const failing: typeof fetch = async () => {
      calls += 1;
      throw new TypeError('fetch failed');
    };
    const { fetch, sleeps } = politeFetch({ fetch: failing, maxAttempts: 3 });
    await expect(fetch('http://127.0.0.1:9/x')).rejects.toThrow('fetch failed');
    expect(calls).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it('times out a hanging request and does not retry a caller abort', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_, reject) => {
        if (init?.signal?.aborted) return reject(init.signal.reason);
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const { fetch } = politeFetch({ fetch: hanging, timeoutMs: 20, maxAttempts: 2 });
    await expect(fetch('http://127.0.0.1:9/x')).rejects.toMatchObject({ name: 'TimeoutError' });

    const controller = new AbortController();
    let calls = 0;
    const counting: typeof fetch = (input, init) => ((calls += 1), hanging(input, init));
    const aborted = politeFetch({ fetch: counting, maxAttempts: 3 }).fetch('http://127.0.0.1:9/x', { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(1);
  });
});

describe('fetch-body helpers', () => {
  let server: FixtureServer;
  afterEach(() => server?.close());

  it('fetchJson parses JSON and throws UpstreamError with the status on non-2xx', async () => {
    server = await startFixtureServer({ '/json': { body: { a: 1 } }, '/gone': { status: 410, body: 'Gone for good' } });
    const { fetch } = politeFetch();
    expect((await fetchJson(fetch, `${server.baseUrl}/json`)).data).toEqual({ a: 1 });
    const error = await fetchText(fetch, `${server.baseUrl}/gone`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 410 });
    expect((error as Error).message).toContain('Gone for good');
  });

  it('fetchJson says what it expected and shows the first bytes of malformed JSON', async () => {
    server = await startFixtureServer({ '/html': { headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html>Maintenance</html>' } });
    const { fetch } = politeFetch();
    const error = await fetchJson(fetch, `${server.baseUrl}/html`, { what: 'HN search results' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(/expected HN search results \(JSON\) from .*\/html, instead found "<!DOCTYPE html><html>Maintenance/);
  });

  it('fetchConditional sends validators and reports 304 as not modified', async () => {
    server = await startFixtureServer({
      '/feed': (req) =>
        req.headers['if-none-match'] === '"v1"' ? { status: 304 } : { headers: { etag: '"v1"', 'last-modified': 'Tue, 10 Jun 2025 10:00:00 GMT' }, body: '<rss/>' },
    });
    const { fetch } = politeFetch();
    const first = await fetchConditional(fetch, `${server.baseUrl}/feed`, {});
    expect(first).toMatchObject({ notModified: false, body: '<rss/>', validators: { etag: '"v1"', lastModified: 'Tue, 10 Jun 2025 10:00:00 GMT' } });
    const second = await fetchConditional(fetch, `${server.baseUrl}/feed`, first.validators);
    expect(second.notModified).toBe(true);
    expect(server.requests[1].headers['if-modified-since']).toBe('Tue, 10 Jun 2025 10:00:00 GMT');
  });
});
