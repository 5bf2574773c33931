/**
 * Optional keyword filter for sources that return everything (feeds, public timelines).
 */

/**
 * True when `keywords` is empty or any keyword occurs in `text` (case-insensitive substring;
 * substring rather than word match because Chinese has no spaces between words).
 *
 * @example matchesKeywords('我很喜欢 Acme 手机', ['acme']); // true
 */
export function matchesKeywords(text: string, keywords: readonly string[] | undefined): boolean {
  if (!keywords || keywords.length === 0) return true;
  const haystack = text.toLowerCase();
  return keywords.some((k) => haystack.includes(k.toLowerCase()));
}
