import type { z } from 'zod';
import type { RawPost } from '../domain.js';

/** Minimal structured logger; the sink is injected (stderr in the CLI, silent in tests). */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** What `collect` receives: its validated config, its last cursor and injected edges. */
export interface CollectContext<C> {
  /** Id of the configured source instance, e.g. `hn-acme`. */
  sourceId: string;
  config: C;
  /** Opaque high-water mark returned by the previous successful run, or null on the first run. */
  cursor: string | null;
  /** `fetch`-compatible function; tests point collectors at a local fixture server. */
  fetch: typeof fetch;
  signal: AbortSignal;
  now: () => Date;
  log: Logger;
  /** Called with the running number of posts fetched, for progress bars. */
  progress?: (fetched: number) => void;
}

export interface CollectResult {
  posts: RawPost[];
  /** New cursor to store; `null` keeps the previous one. */
  cursor: string | null;
  /** External ids the platform now reports as deleted/removed. */
  deleted?: string[];
  /** Items that could not be read (broken CSV row, post without text), recorded and skipped. */
  skipped?: SkippedItem[];
}

export interface SkippedItem {
  /** 1-based line for file/body input, when known. */
  line?: number;
  reason: string;
}

/**
 * A source type: one file per type in `src/collectors/`, registered in `index.ts`.
 * `collect` returns normalised posts and never touches the store.
 */
export interface Collector<C = unknown> {
  /** Type name used in config (`type: "rss"`). */
  type: string;
  name: string;
  /** Validates the `config` block of a source instance; messages name the bad field. */
  configSchema: z.ZodType<C>;
  /** node-cron expression used when the source instance gives none. */
  defaultSchedule: string;
  /** Environment variables or secrets the type needs, for docs and `koubei sources`. */
  requiresConfig: { name: string; description: string }[];
  collect(ctx: CollectContext<C>): Promise<CollectResult>;
}
