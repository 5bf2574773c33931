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
