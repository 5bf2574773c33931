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
 * @example
 * const names = createAspectNames(segmenters.en);
 * names.set(['鲜蜂外卖', 'Honey Tea']);
 * names.zh('鲜蜂外卖太慢了'); // [[0, 4]]
 * names.en(['honey', 'tea', 'is', 'sweet']); // [[0, 2]]
 */
export function createAspectNames(tokenizeEn: (text: string) => string[]): AspectNames {
  let zhNames: string[] = [];
  let enNames = new Map<string, string[][]>();
  return {
    set(names) {
      zhNames = [...new Set(names.map((n) => n.toLowerCase().trim()).filter(Boolean))];
      enNames = byFirstToken(names.map(tokenizeEn));
    },
    zh: (lowered) => zhNames.flatMap((name) => occurrences(lowered, name)),
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

function occurrences(text: string, name: string): NameRange[] {
  const ranges: NameRange[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) ranges.push([at, at + name.length]);
  return ranges;
}

function byFirstToken(names: string[][]): Map<string, string[][]> {
  const map = new Map<string, string[][]>();
  for (const name of names) if (name.length > 0) map.set(name[0], [...(map.get(name[0]) ?? []), name]);
  return map;
}
