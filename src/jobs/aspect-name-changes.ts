import type { AspectOpinion } from '../domain.js';

/**
 * The brand names whose mentions the re-match re-analyses aspects for. Aspect matching looks through
 * brand names (外卖 in 鲜蜂外卖 names no delivery aspect), so a mention's aspects can change only when
 * its text holds a name added, edited or removed since the stored aspects were computed: those are
 * the names in one list and not the other. `stored` is what the last complete pass recorded; null
 * (no pass yet) means the stored aspects may have looked through any of today's names or none.
 * `everyName` re-checks every name, current or dropped, which catches up on mentions a worker
 * analysed with brands it had not yet re-read.
 *
 * @example
 * namesToRecheck(['鲜蜂外卖', 'FreshBee'], ['FreshBee', '速达外卖'], false); // ['速达外卖', '鲜蜂外卖']
 */
export function namesToRecheck(stored: readonly string[] | null, current: readonly string[], everyName: boolean): string[] {
  const now = new Set(current);
  if (stored === null) return [...now];
  const before = new Set(stored);
  const dropped = [...before].filter((name) => !now.has(name));
  const added = everyName ? [...now] : [...now].filter((name) => !before.has(name));
  return [...added, ...dropped];
}

/** Letters and digits only, lower-cased: how names and texts are compared (see `createNameFinder`). */
function nameKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Whether a (simplified) text holds any of `names`. Spaces, punctuation and case are ignored on both
 * sides, so every text in which aspect matching finds a name (a zh substring, an en token sequence
 * however the tokens are separated) is found, and some more, which only costs a comparison. Names
 * are looked for as written and simplified (鮮蜂外賣 → 鲜蜂外卖), and only those sharing the
 * character at hand are compared, so hundreds of names cost one pass over the text.
 */
export function createNameFinder(names: readonly string[], simplify: (name: string) => string): (text: string) => boolean {
  const byFirst = new Map<string, string[]>();
  for (const key of new Set(names.flatMap((name) => [nameKey(name), nameKey(simplify(name))]))) {
    if (key) byFirst.set(key[0], [...(byFirst.get(key[0]) ?? []), key]);
  }
  if (byFirst.size === 0) return () => false;
  return (text) => {
    const key = nameKey(text);
    for (let at = 0; at < key.length; at++) {
      for (const name of byFirst.get(key[at]) ?? []) if (key.startsWith(name, at)) return true;
    }
    return false;
  };
}

/** Whether two aspect lists say the same, in the same order (the aspect step's output is deterministic). */
export function sameAspects(a: readonly AspectOpinion[], b: readonly AspectOpinion[]): boolean {
  return a.length === b.length && a.every((x, i) => x.aspect === b[i].aspect && x.term === b[i].term && x.label === b[i].label && x.score === b[i].score);
}
