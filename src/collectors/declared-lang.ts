/**
 * The language a platform declares for a post, reduced to what `RawPost.lang` holds.
 */

/**
 * Primary subtag of a BCP-47 tag, lower-cased; `undefined` for empty or malformed tags.
 *
 * @example declaredLang('zh-Hant-TW'); // 'zh'
 * @example declaredLang('EN_us'); // 'en'
 */
export function declaredLang(tag: string | null | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_]/)[0].toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}
