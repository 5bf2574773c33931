import { ValidationError } from '../errors.js';

const WEEK_MS = 7 * 86_400_000;

/**
 * Resolves optional from/to to a concrete range ending now and lasting a week by default. `names` are
 * the query parameters the range came from, for the error (`baselineFrom` for a report's baseline).
 */
export function resolvePeriod(
  query: { from?: number; to?: number },
  now: Date,
  defaultMs = WEEK_MS,
  names: { from: string; to: string } = { from: 'from', to: 'to' },
): { from: number; to: number } {
  const to = query.to ?? now.getTime();
  const from = query.from ?? to - defaultMs;
  if (from >= to) throw new ValidationError(`query parameter "${names.from}": must be before "${names.to}"`);
  return { from, to };
}

/**
 * The baseline a period is compared with, when `baselineFrom` or `baselineTo` is given: it ends where the
 * period starts and lasts as long, unless the query says otherwise.
 */
export function resolveBaseline(
  query: { baselineFrom?: number; baselineTo?: number },
  current: { from: number; to: number },
  now: Date,
): { from: number; to: number } | undefined {
  if (query.baselineFrom === undefined && query.baselineTo === undefined) return undefined;
  const range = { from: query.baselineFrom, to: query.baselineTo ?? current.from };
  return resolvePeriod(range, now, current.to - current.from, { from: 'baselineFrom', to: 'baselineTo' });
}
