/**
 * Cursor encoding shared by the collectors. The store keeps a cursor as an opaque string; the
 * collectors that need several fields (validators, high-water marks, boundary ids) store a small
 * JSON object and validate it on the way back in.
 */
import type { z } from 'zod';
import type { Logger } from './types.js';

/** Most ids a cursor remembers for de-duplication; older ones have left every listing anyway. */
export const MAX_REMEMBERED_IDS = 500;

/**
 * Decodes a JSON cursor with `schema`. A missing cursor gives `null`; a corrupt or outdated one is
 * logged and also gives `null`, so the source restarts from its first-run window instead of
 * failing on every run until someone edits the database.
 *
 * @example const state = decodeCursor(ctx.cursor, RssCursorSchema, ctx.log);
 */
export function decodeCursor<T>(raw: string | null, schema: z.ZodType<T>, log?: Logger): T | null {
  if (raw == null || raw === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    log?.warn('ignoring unreadable cursor (not JSON); starting from the first-run window', { cursor: raw.slice(0, 80) });
    return null;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    log?.warn('ignoring cursor of an unexpected shape; starting from the first-run window', { cursor: raw.slice(0, 80) });
    return null;
  }
  return parsed.data;
}

/** Encodes a cursor object as the opaque string the store keeps. */
export function encodeCursor(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * Keeps the first `max` distinct ids, newest first: `fresh` ids (this run) before `previous`.
 *
 * @example rememberIds(['c', 'b'], ['b', 'a'], 3); // ['c', 'b', 'a']
 */
export function rememberIds(fresh: readonly string[], previous: readonly string[], max = MAX_REMEMBERED_IDS): string[] {
  return [...new Set([...fresh, ...previous])].slice(0, max);
}

/**
 * Compares numeric id strings (Mastodon snowflakes, Reddit base36 excluded) without losing
 * precision past 2^53: longer is larger, equal lengths compare lexically.
 *
 * @example compareNumericIds('109999', '110000'); // -1
 */
export function compareNumericIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
