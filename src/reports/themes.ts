import { caseSpellings, distinctiveTerms, frequentTerms, mergeCaseVariants, mergePhrases, risingTerms, themeKey, withoutBrandNames, type Theme, type TermTable } from '../analytics/themes.js';
import type { Store, TermQuery, TermSample } from '../store/types.js';
import { withSimplifiedForms } from '../resources/language.js';

export interface ThemeQuery {
  brandId?: string;
  from: number;
  to: number;
  limit: number;
}

export type ThemeWithSamples = Theme & { samples: TermSample[] };

const CANDIDATES = 300;
const SAMPLE_TEXTS = 12;

interface FoldedTerms {
  table: TermTable;
  /** Folded key → the spellings the store counts apart, for reading their samples. */
  spellings: Map<string, string[]>;
}

/** A period's term counts with case variants folded ("Pro" and "pro" are one theme). */
async function termTable(store: Store, query: TermQuery): Promise<FoldedTerms> {
  const raw = await store.termCounts(query);
  return { table: mergeCaseVariants(raw), spellings: caseSpellings(raw) };
}

/** The newest sample mentions of a folded term: the store keeps each spelling apart. */
async function termSamples(store: Store, spellings: string[], query: ThemeQuery): Promise<TermSample[]> {
  const byId = new Map<number, TermSample>();
  for (const term of spellings) {
    const rows = await store.termSamples({ term, brandId: query.brandId, from: query.from, to: query.to, limit: SAMPLE_TEXTS });
    for (const row of rows) byId.set(row.id, row);
  }
  // Newest first by id, as the store orders one spelling's samples.
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, SAMPLE_TEXTS);
}

/** Term → sample texts, used to merge adjacent co-occurring terms into phrases and to show examples. */
async function withSamples(store: Store, themes: Theme[], query: ThemeQuery, names: string[], spellings: Map<string, string[]>): Promise<ThemeWithSamples[]> {
  const samples = new Map<string, TermSample[]>();
  for (const theme of themes.slice(0, query.limit + 5)) {
    samples.set(theme.term, await termSamples(store, spellings.get(themeKey(theme.term)) ?? [theme.term], query));
  }
  const textsOf = (term: string) => (samples.get(term) ?? []).map((row) => row.text.toLowerCase());
  const coMentions = (a: string, b: string) => {
    const texts = textsOf(a);
    const share = texts.length ? texts.filter((t) => t.includes(b)).length / texts.length : 0;
    return share * (themes.find((t) => t.term === a)?.mentions ?? 0);
  };
  const adjacent = (a: string, b: string) => textsOf(a).some((t) => t.includes(`${a}${b}`) || t.includes(`${a} ${b}`));
  // Filtered again after merging: "fresh" + "bee" can join into a brand name.
  const merged = withoutBrandNames(mergePhrases(themes.filter((t) => samples.has(t.term)), coMentions, adjacent), names).slice(0, query.limit);
  return merged.map((theme) => {
    const head = theme.term.split(' ')[0];
    const rows = samples.get(theme.term) ?? samples.get(head) ?? [...samples.entries()].find(([term]) => theme.term.startsWith(term))?.[1] ?? [];
    return { ...theme, samples: rows.slice(0, 3) };
  });
}

/**
 * The main ideas of customer speech for a brand and period: terms distinctive against all mentions
 * of the same period (the market), with volume, sentiment and sample mentions. Without a brand there
 * is no market to contrast with, so themes are the most frequent terms.
 */
export async function getThemes(store: Store, query: ThemeQuery): Promise<ThemeWithSamples[]> {
  const names = await brandNames(store, query.brandId);
  const foreground = await termTable(store, { brandId: query.brandId, from: query.from, to: query.to, limit: CANDIDATES });
  if (!query.brandId) return withSamples(store, withoutBrandNames(frequentTerms(foreground.table), names), query, names, foreground.spellings);
  const market = await termTable(store, { from: query.from, to: query.to, limit: CANDIDATES * 3 });
  return withSamples(store, withoutBrandNames(distinctiveTerms(foreground.table, market.table), names), query, names, foreground.spellings);
}

/**
 * The brand's own names and aliases, also simplified (terms are counted in simplified text); without a
 * brand, every brand's (they would top the list).
 */
async function brandNames(store: Store, brandId: string | undefined): Promise<string[]> {
  const brands = (await store.listBrands()).filter((b) => !brandId || b.id === brandId);
  return withSimplifiedForms(brands.flatMap((b) => [b.name, ...b.aliases]));
}

/** Themes whose share grew most against the previous period of the same length. */
export async function getRisingThemes(store: Store, query: ThemeQuery): Promise<ThemeWithSamples[]> {
  const length = query.to - query.from;
  const current = await termTable(store, { brandId: query.brandId, from: query.from, to: query.to, limit: CANDIDATES });
  const previous = await termTable(store, { brandId: query.brandId, from: query.from - length, to: query.from, limit: CANDIDATES * 3 });
  const names = await brandNames(store, query.brandId);
  return withSamples(store, withoutBrandNames(risingTerms(current.table, previous.table), names), query, names, current.spellings);
}
