import type { NameRange } from './names.js';

/** A name as it is looked for in a lower-cased zh text: its characters, and where one separator may fall. */
export interface ZhName {
  /** Lower-cased; a latin name's words run together (pizzahut). */
  chars: string;
  /** Offsets in `chars` where the text may put one space, hyphen or underscore (Pizza Hut: 5); empty for a name found only as written. */
  breaks: ReadonlySet<number>;
}

/** A node of the name trie; `depth` is its offset in the names passing through it. */
interface TrieNode {
  depth: number;
  next: Map<number, TrieNode>;
  /** Some name through this node has a break after it, so the text may put a separator here. */
  breakAfter: boolean;
  /** The breaks of each name ending here. */
  ends: Array<ReadonlySet<number>>;
}

/**
 * The names of a zh look-up as a character trie, and a flag per char code that starts one (read
 * first: most characters of a text start no name). A trie rather than a list per first character:
 * each name is stored once, however many ways its words may be joined (spelling out every mix of
 * separators gave 64 spellings for a four-word name and made set() quadratic), and a scan costs the
 * characters a name shares with the text, not a comparison per name sharing its first character.
 */
export interface ZhNameIndex {
  starts: Uint8Array;
  root: TrieNode;
}

/** What a text may put between two words of a latin name, once. */
const SEPARATORS = new Set([' ', '-', '_'].map((c) => c.charCodeAt(0)));

/** Builds the trie of `names` (time linear in their total length); undefined without names. */
export function indexZhNames(names: readonly ZhName[]): ZhNameIndex | undefined {
  if (names.length === 0) return undefined;
  const index: ZhNameIndex = { starts: new Uint8Array(0x10000), root: trieNode(0) };
  for (const { chars, breaks } of names) {
    index.starts[chars.charCodeAt(0)] = 1;
    let node = index.root;
    for (let i = 0; i < chars.length; i++) {
      if (breaks.has(i)) node.breakAfter = true;
      const c = chars.charCodeAt(i);
      let child = node.next.get(c);
      if (child === undefined) node.next.set(c, (child = trieNode(i + 1)));
      node = child;
    }
    node.ends.push(breaks);
  }
  return index;
}

/**
 * Every place a name occurs in `text` (lower-cased), in one pass; at one start, shorter names first.
 * `original` is the text before lower-casing (same length), whose capitals mark where latin words
 * run together (vivoX60, OPPOReno).
 */
export function findZhNames(text: string, index: ZhNameIndex, original = text): NameRange[] {
  const ranges: NameRange[] = [];
  for (let at = 0; at < text.length; at++) {
    if (index.starts[text.charCodeAt(at)] === 1) follow(text, original, at, at, index.root, [], ranges);
  }
  return ranges;
}

/**
 * Walks the trie along `text` from `pos`, recording each name that ends on the way and allows the
 * separators skipped (`skipped`: the depths where one was). Where a name may break, a separator is
 * skipped on a branch of its own, since a name written as is may hold that character too.
 */
function follow(text: string, original: string, start: number, pos: number, node: TrieNode, skipped: readonly number[], ranges: NameRange[]): void {
  for (;;) {
    if (node.ends.some((breaks) => skipped.every((depth) => breaks.has(depth))) && wholeWords(text, original, start, pos)) ranges.push([start, pos]);
    if (pos === text.length) return;
    const c = text.charCodeAt(pos);
    if (node.breakAfter && SEPARATORS.has(c) && skipped[skipped.length - 1] !== node.depth) {
      follow(text, original, start, pos + 1, node, [...skipped, node.depth], ranges);
    }
    const child = node.next.get(c);
    if (child === undefined) return;
    node = child;
    pos++;
  }
}

/**
 * Whether [start, end) does not cut a latin word or a number of the text: "Mi" is a name in 小米Mi手机,
 * mi10 and XiaoMiPhone, but not inside "smile" or MIUI, and X5 is not inside X50, since zh text runs
 * latin words into Han characters (and into each other, vivoX60) with no space between them.
 */
function wholeWords(text: string, original: string, start: number, end: number): boolean {
  return isBoundary(text, original, start) && isBoundary(text, original, end);
}

/** Whether a word may start or end at `at`: not between two letters or two digits, unless the capitals of `original` mark a new word there. */
function isBoundary(text: string, original: string, at: number): boolean {
  const kind = runKind(text.charCodeAt(at - 1));
  if (kind === 0 || kind !== runKind(text.charCodeAt(at))) return true;
  return kind === 1 && isCamelBreak(original, at);
}

/**
 * vivo|X60 (lower then upper), OPPO|Reno and OPPO|R17 (upper, then upper followed by lower or a digit).
 * A single lower-case letter before the capital is a prefix, not a word (iPad, eBay: no "Pad" in iPad).
 */
function isCamelBreak(original: string, at: number): boolean {
  if (!isUpper(original.charCodeAt(at))) return false;
  const prev = original.charCodeAt(at - 1);
  if (isLower(prev)) return isLower(original.charCodeAt(at - 2)) || isUpper(original.charCodeAt(at - 2));
  const next = original.charCodeAt(at + 1);
  return isLower(next) || (next >= 48 && next <= 57);
}

function runKind(c: number): number {
  if (c >= 97 && c <= 122) return 1;
  return c >= 48 && c <= 57 ? 2 : 0;
}

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;

function trieNode(depth: number): TrieNode {
  return { depth, next: new Map(), breakAfter: false, ends: [] };
}
