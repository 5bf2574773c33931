/**
 * Optional keyword filter for sources that return everything (feeds, public timelines).
 */
import { loadChineseConverter } from '../resources/language.js';

/**
 * True when `keywords` is empty or any keyword occurs in `text` (case-insensitive substring;
 * substring rather than word match because Chinese has no spaces between words). Both sides are
 * read in simplified characters, so the keyword 鲜蜂 keeps a post about 鮮蜂 and 鮮蜂 one about 鲜蜂.
 *
 * @example matchesKeywords('我很喜欢 Acme 手机', ['acme']); // true
 */
export function matchesKeywords(text: string, keywords: readonly string[] | undefined): boolean {
  if (!keywords || keywords.length === 0) return true;
  const simplify = loadChineseConverter();
  const haystack = simplify(text).toLowerCase();
  return keywords.some((k) => haystack.includes(simplify(k).toLowerCase()));
}
