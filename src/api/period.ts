import { ValidationError } from '../errors.js';

const WEEK_MS = 7 * 86_400_000;

/** Resolves optional from/to to a concrete range ending now and lasting a week by default. */
export function resolvePeriod(query: { from?: number; to?: number }, now: Date, defaultMs = WEEK_MS): { from: number; to: number } {
  const to = query.to ?? now.getTime();
  const from = query.from ?? to - defaultMs;
  if (from >= to) throw new ValidationError('query parameter "from": must be before "to"');
  return { from, to };
}
