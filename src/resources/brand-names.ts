import { withSimplifiedForms } from './language.js';

type NamedBrand = { name: string; aliases: readonly string[] };

/** Every name and alias of `brands`: what aspect and sentiment scoring read as names, not opinions. */
export function brandNames(brands: readonly NamedBrand[]): string[] {
  return brands.flatMap((b) => [b.name, ...b.aliases]);
}

/**
 * Brand names and aliases as jieba words (spaces removed, as the user dictionary stores them), with
 * their simplified forms, since jieba cuts the simplified text (鮮蜂外賣 → 鲜蜂外卖).
 */
export function brandWords(brands: readonly NamedBrand[]): string[] {
  return withSimplifiedForms(brandNames(brands).map((word) => word.replace(/\s+/g, '')).filter(Boolean));
}
