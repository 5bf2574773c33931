/**
 * Checking that a platform's JSON has the shape a collector relies on. Schemas list only the
 * fields we read (zod objects strip the rest), so additive API changes do not break collectors,
 * while a real change fails loudly with the path that moved.
 */
import type { z } from 'zod';
import { ParseError } from '../errors.js';
import { snippet } from './fetch-body.js';

/**
 * Parses `data` with `schema` or throws `ParseError` saying what was expected, where it differed
 * and the start of what was found.
 *
 * @example const statuses = expectShape(StatusesSchema, data, 'an array of Mastodon statuses', url);
 */
export function expectShape<T>(schema: z.ZodType<T>, data: unknown, what: string, url: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = issue.path.length ? ` at "${issue.path.join('.')}"` : '';
  throw new ParseError(
    `expected ${what} from ${url}, instead found a document that differs${at} (${issue.message}): ${snippet(JSON.stringify(data) ?? 'undefined')}`,
  );
}
