/**
 * zod field builders for collector config schemas. The config loader prefixes each issue with its
 * path (`sources[2] (reddit-acme).config: clientSecret: …`), so messages only say what a valid
 * value looks like, and a missing field says "required" instead of zod's generic type error.
 */
import { z } from 'zod';

/**
 * A required non-empty string; `hint` describes a valid value.
 *
 * @example requiredString('client id of a Reddit "script" app'); // missing → 'required: client id of …'
 */
export function requiredString(hint: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `required: ${hint}` : `expected a string: ${hint}`) })
    .min(1, { error: `must not be empty: ${hint}` });
}

/** A required string matching `pattern`; `hint` shows the expected form. */
export function requiredMatch(pattern: RegExp, hint: string) {
  return requiredString(hint).regex(pattern, { error: hint });
}

/** An http(s) URL; `hint` shows an example. */
export function urlField(hint: string) {
  return z.url({
    protocol: /^https?$/,
    error: (issue) => (issue.input === undefined ? `required: ${hint}` : `expected an http(s) URL: ${hint}`),
  });
}
