import { ValidationError } from '../errors.js';

/** A bad command line (unknown flag, bad flag value, missing argument): exit code 2, not 1. */
export class UsageError extends ValidationError {}

export interface IntegerOptionRange {
  min?: number;
  max?: number;
}

/**
 * Parses an integer flag, e.g. `--limit 20`. `Number()` alone lets "abc", "1.5" and "-1" through
 * to SQL as NaN or a fraction, which the driver reports as a stack trace instead of naming the flag.
 */
export function integerOption(value: string | undefined, flag: string, range: IntegerOptionRange = {}): number | undefined {
  if (value === undefined) return undefined;
  const { min = 1, max = Number.MAX_SAFE_INTEGER } = range;
  const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const expected = min === 1 && max === Number.MAX_SAFE_INTEGER ? 'a positive integer' : `an integer from ${min} to ${max}`;
    throw new UsageError(`${flag}: expected ${expected}, found "${value}"`);
  }
  return n;
}

/** Checks a flag against its accepted values, naming them all when it is something else. */
export function choiceOption<T extends string>(value: string | undefined, flag: string, choices: readonly T[]): T | undefined {
  if (value === undefined || (choices as readonly string[]).includes(value)) return value as T | undefined;
  throw new UsageError(`${flag}: expected one of ${choices.join(', ')}, found "${value}"`);
}

/**
 * Refuses arguments beyond the `count` a command reads: `koubei profiles show A B` or
 * `profiles rebuild now` would otherwise run on part of what was typed without a word.
 */
export function noExtraArguments(positionals: readonly string[], count: number): void {
  const extra = positionals.slice(count);
  if (extra.length > 0) throw new UsageError(`unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((p) => `"${p}"`).join(' ')}`);
}
