import type { TermCount } from '../store/types.js';

export interface Theme {
  term: string;
  /** Mentions of the period containing the term. */
  mentions: number;
  /** mentions / all mentions of the period. */
  share: number;
  /** Share in the background (other brands, or the previous period). */
  backgroundShare: number;
  /** Log-odds z-score against the background: how distinctive the term is. */
  z: number;
  pos: number;
  neu: number;
  neg: number;
  netSentiment: number;
}

export interface TermTable {
  total: number;
  terms: TermCount[];
}

/** Prior strength (pseudo-mentions) of the informative Dirichlet prior (Monroe, Colaresi & Quinn 2008); small, so that a few dozen mentions can already be significant. */
const PRIOR = 10;

/**
 * Distinctive terms of a foreground (a brand's period) against a background (all brands, or the
 * previous period): weighted log-odds with an informative Dirichlet prior, which neither overrates
 * rare words nor just returns the most frequent ones. Terms seen in fewer than `minMentions`
 * mentions are dropped. Both tables are expected case-folded (`mergeCaseVariants`).
 */
export function distinctiveTerms(foreground: TermTable, background: TermTable, minMentions = 2): Theme[] {
  // Looked up by the case-folded key: each folded table spells a term as most of its own mentions
  // do, so the background may hold "pro" where the foreground shows "Pro" (see mergeCaseVariants).
  const back = new Map<string, number>();
  for (const t of background.terms) back.set(themeKey(t.term), (back.get(themeKey(t.term)) ?? 0) + t.mentions);
  const pooledTotal = foreground.total + background.total || 1;
  const themes: Theme[] = [];
  for (const term of foreground.terms) {
    if (term.mentions < minMentions) continue;
    const b = back.get(themeKey(term.term)) ?? 0;
    const alpha = Math.max(0.01, (PRIOR * (term.mentions + b)) / pooledTotal);
    const logOdds = (y: number, n: number) => Math.log((y + alpha) / Math.max(1e-9, n + PRIOR - y - alpha));
    const delta = logOdds(term.mentions, foreground.total) - logOdds(b, background.total);
    const variance = 1 / (term.mentions + alpha) + 1 / (b + alpha);
    themes.push({
      term: term.term,
      mentions: term.mentions,
      share: foreground.total ? term.mentions / foreground.total : 0,
      backgroundShare: background.total ? b / background.total : 0,
      z: round(delta / Math.sqrt(variance)),
      pos: term.pos,
      neu: term.neu,
      neg: term.neg,
      netSentiment: round((term.pos - term.neg) / term.mentions),
    });
  }
  return themes.sort((a, b) => b.z - a.z || b.mentions - a.mentions);
}

/** Mentions and their sentiment, of a term or a phrase. */
export type Counts = Omit<TermCount, 'term'>;

/** Counts of the mentions holding the phrase `first` right before `second`; undefined when not counted. */
export type PhraseCounts = (first: string, second: string) => Counts | undefined;

/**
 * Merges terms that almost always occur together and stand next to each other in the texts
 * ("food" + "poisoning" → "food poisoning", "客服" + "电话" → "客服电话"), so a theme reads as a phrase.
 * A phrase shows the counts of the mentions holding it, never those of a part: 黄焖鸡 may be praised
 * elsewhere while 老街黄焖鸡 is a food-safety crisis. A part found almost only in the phrase is a
 * fragment of it and is not listed again; a part with many mentions of its own stays listed after it
 * (黄焖鸡 beside 老街黄焖鸡). A phrase also written as one term (鲜蜂 + 外卖, 鲜蜂外卖) is listed once with
 * the mentions of both.
 */
export function mergePhrases(themes: Theme[], phraseCounts: PhraseCounts): Theme[] {
  const listed = new Map<string, Theme>();
  const list = (entry: Theme) => {
    const seen = listed.get(themeKey(entry.term));
    listed.set(themeKey(entry.term), seen ? addedUp(seen, entry) : entry);
  };
  const taken = new Set<string>();
  for (const theme of themes) {
    if (taken.has(theme.term)) continue;
    const partner = themes.find((other) => other !== theme && !taken.has(other.term) && phraseOf(theme, other, phraseCounts));
    const phrase = partner && phraseOf(theme, partner, phraseCounts)!;
    if (phrase) {
      list(phrase);
      for (const part of [theme, partner]) if (isFragment(part, phrase)) taken.add(part.term);
    }
    if (!taken.has(theme.term)) list(theme);
    taken.add(theme.term);
  }
  return [...listed.values()];
}

/** Whether a part stands in the phrase in almost (80 %) all of its mentions. */
function isFragment(part: Theme, phrase: Theme): boolean {
  return phrase.mentions >= 0.8 * part.mentions;
}

/**
 * `a` and `b` as one phrase, in the order the texts use, if the smaller part almost always (80 %)
 * stands in it; undefined when neither order was counted or the parts mostly stand apart.
 */
function phraseOf(a: Theme, b: Theme, phraseCounts: PhraseCounts): Theme | undefined {
  const ab = phraseCounts(a.term, b.term);
  const ba = phraseCounts(b.term, a.term);
  const [first, second, counts] = (ab?.mentions ?? 0) >= (ba?.mentions ?? 0) ? [a, b, ab] : [b, a, ba];
  if (!counts || counts.mentions < 0.8 * Math.min(a.mentions, b.mentions)) return undefined;
  return {
    ...counts,
    term: phraseTerm(first.term, second.term),
    // Both parts share the period's total: mentions / share is the same for each.
    share: (first.share * counts.mentions) / first.mentions,
    // The market's phrase counts are not read; the smaller part's share bounds the phrase's from above.
    backgroundShare: Math.min(first.backgroundShare, second.backgroundShare),
    z: Math.max(first.z, second.z),
    netSentiment: round((counts.pos - counts.neg) / counts.mentions),
  };
}

/**
 * How a phrase is written: parts join without a space where either side is Chinese ("客服电话",
 * "珍珠Q弹", as Chinese text writes them), with one between other words ("food poisoning").
 */
export function phraseTerm(first: string, second: string): string {
  const joiner = /[\p{Script=Han}]$/u.test(first) || /^[\p{Script=Han}]/u.test(second) ? '' : ' ';
  return `${first}${joiner}${second}`;
}

/** One theme for two spellings of it, whose mentions differ (a text is segmented one way), so counts add up. */
function addedUp(a: Theme, b: Theme): Theme {
  const [mentions, pos, neu, neg] = [a.mentions + b.mentions, a.pos + b.pos, a.neu + b.neu, a.neg + b.neg];
  const shares = { share: a.share + b.share, backgroundShare: a.backgroundShare + b.backgroundShare };
  return { term: a.term, mentions, ...shares, z: Math.max(a.z, b.z), pos, neu, neg, netSentiment: round((pos - neg) / mentions) };
}

/**
 * Folds terms that differ only in case ("Pro" from a Chinese post, where jieba keeps the spelling,
 * and "pro" from an English one, which the en segmenter lower-cases) into one term, spelled as most
 * mentions spell it, so one product name is not shown as two themes. Counts add up; a mention
 * holding both spellings is counted twice, which is rare since a post is segmented in one language.
 *
 * @example
 * mergeCaseVariants({ total: 9, terms: [{ term: 'Pro', mentions: 5, … }, { term: 'pro', mentions: 3, … }] }).terms;
 * // [{ term: 'Pro', mentions: 8, … }]
 */
export function mergeCaseVariants(table: TermTable): TermTable {
  const byKey = new Map<string, TermCount>();
  const spelling = new Map<string, TermCount>();
  for (const t of table.terms) {
    const key = themeKey(t.term);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...t });
      spelling.set(key, t);
      continue;
    }
    seen.mentions += t.mentions;
    seen.pos += t.pos;
    seen.neu += t.neu;
    seen.neg += t.neg;
    if (t.mentions > spelling.get(key)!.mentions) spelling.set(key, t);
  }
  const terms = [...byKey].map(([key, t]) => ({ ...t, term: spelling.get(key)!.term }));
  return { total: table.total, terms: terms.sort((a, b) => b.mentions - a.mentions) };
}

/**
 * The spellings of each case-folded term, most mentioned first, so a folded theme's sample
 * mentions can be read under every spelling the store holds it by.
 *
 * @example
 * caseSpellings({ total: 9, terms: [{ term: 'Pro', mentions: 5, … }, { term: 'pro', mentions: 3, … }] }).get('pro'); // ['Pro', 'pro']
 */
export function caseSpellings(table: TermTable): Map<string, string[]> {
  const spellings = new Map<string, string[]>();
  for (const t of [...table.terms].sort((a, b) => b.mentions - a.mentions)) {
    const key = themeKey(t.term);
    spellings.set(key, [...(spellings.get(key) ?? []), t.term]);
  }
  return spellings;
}

/** The key that case variants of a term share ("Pro", "pro" → "pro"), in themes and alerts alike. */
export function themeKey(term: string): string {
  return term.toLowerCase();
}

/** Most frequent terms (no background to contrast with), with their sentiment. */
export function frequentTerms(table: TermTable, minMentions = 2): Theme[] {
  return table.terms
    .filter((t) => t.mentions >= minMentions)
    .map((t) => ({
      term: t.term,
      mentions: t.mentions,
      share: table.total ? t.mentions / table.total : 0,
      backgroundShare: 0,
      z: 0,
      pos: t.pos,
      neu: t.neu,
      neg: t.neg,
      netSentiment: round((t.pos - t.neg) / t.mentions),
    }));
}

/** Rising themes: terms whose share grew most against the previous period (by log-odds z, share must grow). */
export function risingTerms(current: TermTable, previous: TermTable, minMentions = 3): Theme[] {
  return distinctiveTerms(current, previous, minMentions).filter((t) => t.share > t.backgroundShare && t.z > 1.96);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Drops a brand's own names from its themes: "鲜蜂外卖" is in nearly every FreshBee mention and says
 * nothing about what people discuss. Chinese names also drop their fragments and extensions (jieba
 * may cut 鲜蜂外卖 into 鲜蜂 + 外卖, or keep 鲜蜂外卖 whole), Latin names match whole words only.
 */
export function withoutBrandNames(themes: Theme[], names: string[]): Theme[] {
  const lowered = names.map((name) => name.toLowerCase().replace(/\s+/g, ' ').trim()).filter(Boolean);
  const isName = (term: string) =>
    lowered.some((name) =>
      /\p{Script=Han}/u.test(name) && /\p{Script=Han}/u.test(term) ? name.includes(term) && term.length >= 2 || term.includes(name) : name === term || name.replace(/ /g, '') === term,
    );
  return themes.filter((theme) => !isName(theme.term.toLowerCase()));
}
