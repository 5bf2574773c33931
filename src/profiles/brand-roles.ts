import type { PreparedMention } from './prepare.js';

/**
 * Who is who in a post naming two brands. "已经换成速达外卖" / "switched to SwiftEats": the brand right
 * after a switch word is where the author went, not what they left. "比鲜蜂快多了" / "faster than
 * FreshBee": the brand right after a comparison word is the one that lost. Without this, a churner's
 * farewell would make them a detractor of the brand they moved to.
 */

const SWITCH = /(换成|换到|转投|改用|投奔|switched to|switching to|moved to|moving to|went with)\s*$/;
const COMPARE = /(比|不如|胜过|than|over|instead of|compared to)\s*(the\s+)?$/;

export type BrandRole = 'target' | 'left' | 'loser' | null;

/** First position of any alias of `brand` in the lower-cased text, or -1. */
function firstAlias(lower: string, aliases: readonly string[]): number {
  const hits = aliases.map((a) => lower.indexOf(a.toLowerCase())).filter((i) => i >= 0);
  return hits.length ? Math.min(...hits) : -1;
}

/** The role of `brand` in a multi-brand mention, from the words right before its first alias. */
export function brandRole(mention: PreparedMention, brand: string, aliases: ReadonlyMap<string, readonly string[]>): BrandRole {
  if (mention.brands.length < 2) return null;
  const at = firstAlias(mention.lower, aliases.get(brand) ?? []);
  if (at < 0) return null;
  const before = mention.lower.slice(Math.max(0, at - 16), at);
  if (SWITCH.test(before)) return 'target';
  if (COMPARE.test(before)) return 'loser';
  // Another brand is where the author went, so this one is what they left.
  const others = mention.brands.filter((b) => b !== brand);
  return others.some((b) => switchedTo(mention, b, aliases)) ? 'left' : null;
}

function switchedTo(mention: PreparedMention, brand: string, aliases: ReadonlyMap<string, readonly string[]>): boolean {
  const at = firstAlias(mention.lower, aliases.get(brand) ?? []);
  return at >= 0 && SWITCH.test(mention.lower.slice(Math.max(0, at - 16), at));
}

/**
 * The mention as it speaks about `brand`: the brand switched to gets a positive "new" signal and no
 * exit or complaint cue; the brand compared against gets the opposite of a positive post.
 */
export function viewFor(mention: PreparedMention, brand: string, aliases: ReadonlyMap<string, readonly string[]>): PreparedMention {
  const role = brandRole(mention, brand, aliases);
  if (role === 'target') return { ...mention, sentiment: 'pos', cues: { new: 'switched-to' } };
  if (role === 'left') return { ...mention, sentiment: 'neg', cues: { ...mention.cues, exit: mention.cues.exit ?? 'switched-away' } };
  if (role === 'loser' && mention.sentiment === 'pos') return { ...mention, sentiment: 'neg', cues: { risk: 'compared-unfavourably' } };
  return mention;
}
