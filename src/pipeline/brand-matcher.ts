import { compileBrandQuery, parseBrandQuery, type QueryMatcher } from './brand-query.js';

/** A brand as the matcher needs it: id, names/aliases in any language and an optional boolean query. */
export interface BrandTerms {
  id: string;
  name: string;
  aliases: string[];
  query?: string;
}

export type BrandMatcher = (simplifiedText: string, tokens?: readonly string[]) => string[];

/** The brand's query, or its name and aliases OR-ed together as quoted phrases. */
export function brandQueryText(brand: BrandTerms): string {
  if (brand.query?.trim()) return brand.query;
  return [...new Set([brand.name, ...brand.aliases])].map((alias) => `"${alias.replace(/"/g, '')}"`).join(' OR ');
}

/**
 * Matches brands in simplified, normalised text by each brand's boolean query (see `brand-query.ts`).
 * Queries are parsed once here; a bad query throws a ValidationError naming its position. `simplify`
 * (traditional → simplified) is applied to each query first: the text is simplified before matching,
 * so a brand configured only as 鮮蜂外賣 would otherwise match no post, not even one written 鮮蜂外賣.
 *
 * @example createBrandMatcher([{ id: 'freshbee', name: 'FreshBee', aliases: ['鲜蜂'] }])('鲜蜂外卖太慢'); // ['freshbee']
 */
export function createBrandMatcher(brands: BrandTerms[], simplify: (text: string) => string = (text) => text): BrandMatcher {
  const compiled: [string, QueryMatcher][] = brands.map((brand) => [brand.id, compileBrandQuery(parseBrandQuery(simplify(brandQueryText(brand))))]);
  return (text, tokens = []) => {
    const lower = text.toLowerCase();
    const tokenSet = new Set(tokens.map((t) => t.toLowerCase()));
    return compiled.filter(([, matches]) => matches(lower, tokenSet)).map(([id]) => id);
  };
}
