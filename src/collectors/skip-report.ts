import { ParseError } from '../errors.js';
import type { Logger, SkippedItem } from './types.js';

/** Skipped rows named one by one; beyond this many, a count (an all-GBK file would name every line). */
const SKIPS_LISTED = 20;

/** The skipped rows to name one by one, and how many more there are: every report of skips caps alike. */
function capSkips(skipped: readonly SkippedItem[]): { listed: readonly SkippedItem[]; more: number } {
  return { listed: skipped.slice(0, SKIPS_LISTED), more: Math.max(0, skipped.length - SKIPS_LISTED) };
}

/**
 * The stderr lines of `koubei ingest` naming skipped rows, the first 20 and then a count.
 *
 * @example
 * skipReport('a.csv', [{ line: 3, reason: 'not valid UTF-8' }]); // 'a.csv:3: skipped: not valid UTF-8\n'
 */
export function skipReport(file: string, skipped: readonly SkippedItem[]): string {
  const { listed, more } = capSkips(skipped);
  const lines = listed.map((skip) => `${file}:${skip.line ?? '?'}: skipped: ${skip.reason}\n`);
  return lines.join('') + (more > 0 ? `${file}: … and ${more} more skipped rows not listed\n` : '');
}

/** Logs the skipped rows of a collection run as warnings, capped like `skipReport`. */
export function logSkipped(log: Logger, sourceId: string, skipped: readonly SkippedItem[]): void {
  const { listed, more } = capSkips(skipped);
  for (const skip of listed) log.warn('skipped item', { source: sourceId, ...skip });
  if (more > 0) log.warn('more skipped items not listed', { source: sourceId, count: more });
}

/**
 * Why an import failed as a whole: rows were skipped and none could be imported (a file in another
 * encoding, every row broken). Undefined when a post was imported or nothing was skipped.
 */
export function nothingImported(imported: number, skipped: readonly SkippedItem[]): string | undefined {
  if (imported > 0 || skipped.length === 0) return undefined;
  return `nothing imported: all ${skipped.length} rows were skipped`;
}

/**
 * Fails a collection run that skipped rows and imported none, so it is recorded as an error like any
 * other failure: the source's failure streak grows (unhealthy after a few) and its cursor stays, so the
 * next run reads again (a file source whose cursor moved on would not re-read an unchanged file, e.g.
 * after its `columns` are corrected). The message carries the first skip's reason, which says what to
 * fix (the iconv command for a file in another encoding).
 */
export function assertImported(imported: number, skipped: readonly SkippedItem[]): void {
  const failure = nothingImported(imported, skipped);
  if (!failure) return;
  const first = skipped[0];
  throw new ParseError(`${failure}; the first${first.line ? ` (line ${first.line})` : ''}: ${first.reason}`, first.line);
}
