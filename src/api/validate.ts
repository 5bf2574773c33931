import type { z } from 'zod';
import { ValidationError } from '../errors.js';

/** Parses query/body input with a zod schema; the error names each bad parameter. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, where: string): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues
    .map((issue) => `${where} parameter "${issue.path.join('.') || '?'}": ${issue.message}`)
    .join('; ');
  throw new ValidationError(message);
}
