import { distinctiveTerms, frequentTerms, mergeCaseVariants, mergePhrases, risingTerms, withoutBrandNames, type Theme, type TermTable } from '../analytics/themes.js';
import type { Store, TermQuery, TermSample } from '../store/types.js';

export interface ThemeQuery {
  brandId?: string;
  from: number;
  to: number;
  limit: number;
}

export type ThemeWithSamples = Theme & { samples: TermSample[] };

const CANDIDATES = 300;
const SAMPLE_TEXTS = 12;

/** The store's term counts with case variants folded ("Pro" and "pro" are one theme). */
async function termTable(store: Store, query: TermQuery): Promise<TermTable> {
  return mergeCaseVariants(await store.termCounts(query));
}

/** Term → sample texts, used to merge adjacent co-occurring terms into phrases and to show examples. */
async function withSamples(store: Store, themes: Theme[], query: ThemeQuery, names: string[]): Promise<ThemeWithSamples[]> {
  const samples = new Map<string, TermSample[]>();
  for (const theme of themes.slice(0, query.limit + 5)) {
    samples.set(theme.term, await store.termSamples({ term: theme.term, brandId: query.brandId, from: query.from, to: query.to, limit: SAMPLE_TEXTS }));
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
  if (!query.brandId) return withSamples(store, withoutBrandNames(frequentTerms(foreground), names), query, names);
  const market = await termTable(store, { from: query.from, to: query.to, limit: CANDIDATES * 3 });
  return withSamples(store, withoutBrandNames(distinctiveTerms(foreground, market), names), query, names);
}

/** The brand's own names and aliases; without a brand, every brand's (they would top the list). */
async function brandNames(store: Store, brandId: string | undefined): Promise<string[]> {
  const brands = (await store.listBrands()).filter((b) => !brandId || b.id === brandId);
  return brands.flatMap((b) => [b.name, ...b.aliases]);
}

/** Themes whose share grew most against the previous period of the same length. */
export async function getRisingThemes(store: Store, query: ThemeQuery): Promise<ThemeWithSamples[]> {
  const length = query.to - query.from;
  const current = await termTable(store, { brandId: query.brandId, from: query.from, to: query.to, limit: CANDIDATES });
  const previous = await termTable(store, { brandId: query.brandId, from: query.from - length, to: query.from, limit: CANDIDATES * 3 });
  const names = await brandNames(store, query.brandId);
  return withSamples(store, withoutBrandNames(risingTerms(current, previous), names), query, names);
}
