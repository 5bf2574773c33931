/** A range [start, end): characters of a zh text, or token indexes of an en post. */
export type NameRange = readonly [number, number];

/**
 * Brand names and aliases, which aspect matching looks through: a term inside a name (外卖 in
 * 鲜蜂外卖, tea in "Honey Tea") names the brand, not an opinion on delivery or taste. The runtime
 * sets them at start and on every brand change, as it teaches jieba the names; without names
 * (scripts, tests) nothing is skipped.
 */
export interface AspectNames {
  set(names: readonly string[]): void;
  /** Where the names occur in a lower-cased zh text. */
  zh(lowered: string): NameRange[];
  /** Where the names occur in an en post's (lower-case) tokens. */
  en(tokens: readonly string[]): NameRange[];
}

/**
 * @param tokenizeEn the en segmenter, so a name is looked for as posts are tokenised
 * @param simplify traditional → simplified, as aspect matching reads the simplified text (鮮蜂外賣 → 鲜蜂外卖)
 * @example
 * const names = createAspectNames(segmenters.en, convertChinese);
 * names.set(['鲜蜂外卖', 'Honey Tea']);
 * names.zh('鲜蜂外卖太慢了'); // [[0, 4]]
 * names.en(['honey', 'tea', 'is', 'sweet']); // [[0, 2]]
 */
export function createAspectNames(tokenizeEn: (text: string) => string[], simplify: (text: string) => string = (text) => text): AspectNames {
  let zhNames = new Map<number, string[]>();
  let enNames = new Map<string, string[][]>();
  return {
    set(names) {
      zhNames = byFirstChar([...new Set(names.map((n) => simplify(n).toLowerCase().trim()).filter(Boolean))]);
      enNames = byFirstToken(names.map(tokenizeEn));
    },
    zh: (lowered) => (zhNames.size === 0 ? [] : occurrences(lowered, zhNames)),
    en(tokens) {
      const ranges: NameRange[] = [];
      for (let i = 0; i < tokens.length; i++) {
        for (const name of enNames.get(tokens[i]) ?? []) {
          if (name.every((t, k) => tokens[i + k] === t)) ranges.push([i, i + name.length]);
        }
      }
      return ranges;
    },
  };
}

/**
 * Every place a name starts in `text`, in one pass: only the names sharing the character at a
 * position are compared (one indexOf per name and post cost 65 µs a post with 600 names).
 */
function occurrences(text: string, byFirst: ReadonlyMap<number, string[]>): NameRange[] {
  const ranges: NameRange[] = [];
  for (let at = 0; at < text.length; at++) {
    const names = byFirst.get(text.charCodeAt(at));
    if (names === undefined) continue;
    for (const name of names) if (text.startsWith(name, at)) ranges.push([at, at + name.length]);
  }
  return ranges;
}

function byFirstChar(names: string[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const name of names) map.set(name.charCodeAt(0), [...(map.get(name.charCodeAt(0)) ?? []), name]);
  return map;
}

function byFirstToken(names: string[][]): Map<string, string[][]> {
  const map = new Map<string, string[][]>();
  for (const name of names) if (name.length > 0) map.set(name[0], [...(map.get(name[0]) ?? []), name]);
  return map;
}
