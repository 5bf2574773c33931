/** A brand as the matcher needs it: id plus names/aliases in any language. */
export interface BrandTerms {
  id: string;
  name: string;
  aliases: string[];
}

export type BrandMatcher = (simplifiedText: string) => string[];

interface CompiledAlias {
  brandId: string;
  alias: string;
  /** Latin aliases must sit on word boundaries ("Aurora" must not match "auroral"). */
  latin: boolean;
}

/**
 * Matches brand names and aliases in simplified, normalised text. Chinese aliases match as
 * substrings (segmentation may split an unknown brand name); Latin aliases match case-insensitively
 * on word boundaries.
 *
 * @example createBrandMatcher([{ id: 'freshbee', name: 'FreshBee', aliases: ['鲜蜂'] }])('鲜蜂外卖太慢'); // ['freshbee']
 */
export function createBrandMatcher(brands: BrandTerms[]): BrandMatcher {
  const aliases: CompiledAlias[] = brands.flatMap((brand) =>
    [...new Set([brand.name, ...brand.aliases])].map((alias) => ({
      brandId: brand.id,
      alias: alias.toLowerCase(),
      latin: /^[\x00-\x7F]+$/.test(alias),
    })),
  );
  return (text) => {
    const lower = text.toLowerCase();
    const found = new Set<string>();
    for (const entry of aliases) {
      if (!found.has(entry.brandId) && containsAlias(lower, entry)) found.add(entry.brandId);
    }
    return [...found];
  };
}

function containsAlias(text: string, entry: CompiledAlias): boolean {
  let index = text.indexOf(entry.alias);
  while (index !== -1) {
    if (!entry.latin || isBoundary(text, index - 1) && isBoundary(text, index + entry.alias.length)) return true;
    index = text.indexOf(entry.alias, index + 1);
  }
  return false;
}

function isBoundary(text: string, index: number): boolean {
  return index < 0 || index >= text.length || !/[a-z0-9]/.test(text[index]);
}
