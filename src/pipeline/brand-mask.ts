/** What a brand's tokens read as to the sentiment and emotion scorers. */
export const BRAND_PLACEHOLDER = '<brand>';

/**
 * Hides brand names from the sentiment and emotion scorers: "Swift Eats was late" must not gain
 * "swift" (+1.2) from a name, nor "Best Buy" "best". Set with each brand's name and aliases as
 * tokens (both segmenters' readings); `apply` returns the tokens with every occurrence replaced by
 * BRAND_PLACEHOLDER, or the same array when none occurs. The last answer is kept, so the sentiment
 * and emotion scorers of one post get the same array (and share its extracted features).
 *
 * @example
 * const mask = createBrandMask();
 * mask.set([['swift', 'eats']]);
 * mask.apply(['swift', 'eats', 'was', 'late']); // ['<brand>', '<brand>', 'was', 'late']
 */
export interface BrandMask {
  set(phrases: readonly (readonly string[])[]): void;
  apply(tokens: readonly string[]): readonly string[];
}

export function createBrandMask(): BrandMask {
  let byFirst = new Map<string, (readonly string[])[]>();
  let lastIn: readonly string[] | null = null;
  let lastOut: readonly string[] = [];
  return {
    set(phrases) {
      const next = new Map<string, (readonly string[])[]>();
      for (const phrase of phrases) {
        if (phrase.length === 0) continue;
        const list = next.get(phrase[0]) ?? [];
        list.push(phrase);
        next.set(phrase[0], list.sort((a, b) => b.length - a.length));
      }
      byFirst = next;
      lastIn = null;
    },
    apply(tokens) {
      if (tokens === lastIn) return lastOut;
      let out: string[] | null = null;
      for (let i = 0; i < tokens.length; i++) {
        const phrases = byFirst.get(tokens[i]);
        const match = phrases?.find((p) => p.every((t, k) => tokens[i + k] === t));
        if (!match) continue;
        out ??= tokens.slice();
        out.fill(BRAND_PLACEHOLDER, i, i + match.length);
        i += match.length - 1;
      }
      lastIn = tokens;
      lastOut = out ?? tokens;
      return lastOut;
    },
  };
}
