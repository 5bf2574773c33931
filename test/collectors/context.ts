/**
 * Builds a `CollectContext` for collector tests: a polite fetch with instant sleeps (the waits
 * are recorded instead), a fixed clock and a logger that keeps its lines.
 */
import { createPoliteFetch, type PoliteFetchOptions } from '../../src/collectors/http.js';
import type { CollectContext, Logger } from '../../src/collectors/types.js';

export const FIXED_NOW = new Date('2025-06-10T12:00:00.000Z');

export interface TestContext<C> extends CollectContext<C> {
  sleeps: number[];
  logs: { level: string; msg: string; fields?: Record<string, unknown> }[];
}

/** The network edge of every collector test: anything but the local fixture server is a bug. */
const localOnlyFetch: typeof fetch = (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`test tried to reach ${url.origin}; collector tests may only use 127.0.0.1`);
  return globalThis.fetch(input, init);
};

/** A context whose fetch never really waits; `sleeps` records the delays it would have waited. */
export function makeContext<C>(
  config: C,
  cursor: string | null = null,
  fetchOptions: PoliteFetchOptions = {},
): TestContext<C> {
  const sleeps: number[] = [];
  const logs: TestContext<C>['logs'] = [];
  const log: Logger = {
    info: (msg, fields) => void logs.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => void logs.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => void logs.push({ level: 'error', msg, fields }),
  };
  const fetch = createPoliteFetch({
    fetch: localOnlyFetch,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    now: () => FIXED_NOW.getTime(),
    timeoutMs: 5_000,
    ...fetchOptions,
  });
  return {
    sourceId: 'test-source',
    config,
    cursor,
    fetch,
    signal: new AbortController().signal,
    now: () => FIXED_NOW,
    log,
    sleeps,
    logs,
  };
}
