import type { z } from 'zod';
import { ValidationError } from '../errors.js';

/** Parses query/body input with a zod schema; the error names each bad parameter. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, where: string): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(parsed.error.issues.map((issue) => describeIssue(issue, input, where)).join('; '));
}

/** One issue in words a caller can act on: the unknown keys by name, a missing value as "required". */
function describeIssue(issue: z.core.$ZodIssue, input: unknown, where: string): string {
  if (issue.code === 'unrecognized_keys') {
    return `${where}: unknown ${issue.keys.length > 1 ? 'fields' : 'field'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  const name = issue.path.join('.') || '?';
  if (issue.code === 'invalid_type' && issue.path.length > 0 && valueAt(input, issue.path) === undefined) {
    return `${where} parameter "${name}": required`;
  }
  return `${where} parameter "${name}": ${issue.message}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
