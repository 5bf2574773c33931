import type { PreparedMention } from './prepare.js';

/**
 * Who is who in a post naming two brands. "已经换成速达外卖" / "switched to SwiftEats": the brand right
 * after a switch word is where the author went, not what they left. "比鲜蜂快多了" / "faster than
 * FreshBee": the brand right after a comparison word is the one that lost, unless the words say it is
 * the better one ("速达不如鲜蜂", "SwiftEats is not as good as FreshBee", "worse than FreshBee",
 * "速达比鲜蜂慢"): then it won, and the other brand lost. Without this, a churner's farewell would make
 * them a detractor of the brand they moved to, and praise of a brand would count as churn from it.
 */

const SWITCH = /(换成|换到|转投|改用|投奔|switched to|switching to|moved to|moving to|went with)\s*$/;
const BEATS = /(比|胜过|than|over|instead of|compared to)\s*(the\s+)?$/;
// Checked before BEATS: "worse than" ends in "than" too.
const TRAILS = /(不如|比不上|不及|逊色?于|输给|(not|n't)\s+(as|so)\s+[\p{L}-]+\s+as|(worse|slower|pricier|costlier|more\s+expensive|less\s+[\p{L}-]+)\s+than|inferior\s+to)\s*(the\s+)?$/u;
// After 比 the comparative follows the brand: "速达比鲜蜂慢" says 鲜蜂 is the better one.
const BI = /比\s*$/;
const WORSE_AFTER = /^\s*(还|更|要)?(差|慢|贵|难吃|难用|烂)/;
/** Enough text before an alias for the longest switch or comparison phrase. */
const WINDOW = 32;

export type BrandRole = 'target' | 'left' | 'loser' | null;

/** The text right before and after the first alias of `brand` (the longest one at that place), or null. */
function around(mention: PreparedMention, brand: string, aliases: ReadonlyMap<string, readonly string[]>): { before: string; after: string } | null {
  let start = -1;
  let end = -1;
  for (const alias of aliases.get(brand) ?? []) {
    const at = mention.lower.indexOf(alias.toLowerCase());
    if (at >= 0 && (start < 0 || at < start || (at === start && at + alias.length > end))) [start, end] = [at, at + alias.length];
  }
  return start < 0 ? null : { before: mention.lower.slice(Math.max(0, start - WINDOW), start), after: mention.lower.slice(end) };
}

/** How `brand` came out of a comparison in the mention, if it is the brand compared with. */
function comparedAs(words: { before: string; after: string }): 'won' | 'lost' | null {
  if (TRAILS.test(words.before)) return 'won';
  if (!BEATS.test(words.before)) return null;
  return BI.test(words.before) && WORSE_AFTER.test(words.after) ? 'won' : 'lost';
}

/** The role of `brand` in a multi-brand mention, from the words around its first alias. */
export function brandRole(mention: PreparedMention, brand: string, aliases: ReadonlyMap<string, readonly string[]>): BrandRole {
  if (mention.brands.length < 2) return null;
  const words = around(mention, brand, aliases);
  if (!words) return null;
  if (SWITCH.test(words.before)) return 'target';
  const outcome = comparedAs(words);
  if (outcome) return outcome === 'lost' ? 'loser' : null;
  // Another brand is where the author went, so this one is what they left; another brand won, so this one lost.
  const others = mention.brands.filter((b) => b !== brand).map((b) => around(mention, b, aliases));
  if (others.some((w) => w && SWITCH.test(w.before))) return 'left';
  return others.some((w) => w && comparedAs(w) === 'won') ? 'loser' : null;
}

/**
 * The mention as it speaks about `brand`: the brand switched to gets a positive "new" signal and no
 * exit or complaint cue; the brand that lost a comparison gets the opposite of a positive post.
 */
export function viewFor(mention: PreparedMention, brand: string, aliases: ReadonlyMap<string, readonly string[]>): PreparedMention {
  const role = brandRole(mention, brand, aliases);
  if (role === 'target') return { ...mention, sentiment: 'pos', cues: { new: 'switched-to' } };
  if (role === 'left') return { ...mention, sentiment: 'neg', cues: { ...mention.cues, exit: mention.cues.exit ?? 'switched-away' } };
  if (role === 'loser' && mention.sentiment === 'pos') return { ...mention, sentiment: 'neg', cues: { risk: 'compared-unfavourably' } };
  return mention;
}
