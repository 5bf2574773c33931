import { caseSpellings, distinctiveTerms, frequentTerms, mergeCaseVariants, mergePhrases, phraseTerm, risingTerms, themeKey, withoutBrandNames, type Counts, type Theme, type TermTable } from '../analytics/themes.js';
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
/** Mentions of a phrase's smaller part read to count the phrase (see `phraseReadings`). */
const PHRASE_READ = 2000;

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

/** The newest `limit` mentions of a folded term: the store keeps each spelling apart. */
async function termSamples(store: Store, spellings: string[], query: ThemeQuery, limit: number): Promise<TermSample[]> {
  const byId = new Map<number, TermSample>();
  for (const term of spellings) {
    const rows = await store.termSamples({ term, brandId: query.brandId, from: query.from, to: query.to, limit });
    for (const row of rows) byId.set(row.id, row);
  }
  // Newest first by id, as the store orders one spelling's samples.
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, limit);
}

type ReadTerm = (term: string, limit: number) => Promise<TermSample[]>;

interface PhraseReading {
  counts: Counts;
  /** The mentions holding the phrase, newest first. */
  samples: TermSample[];
}

/**
 * The phrases the sample texts show (a term right before another), counted on every mention of the
 * phrase's smaller part: each part's mentions hold all of the phrase's, and each carries its sentiment.
 * The newest samples alone would judge 老街 + 黄焖鸡 by whichever story is newest. A part with
 * PHRASE_READ mentions or more is not read in full, so its phrases stay unmerged: the store cannot count
 * them, and the part's own counts could be far from the phrase's.
 */
async function phraseReadings(themes: Theme[], samples: Map<string, TermSample[]>, read: ReadTerm): Promise<Map<string, PhraseReading>> {
  const mentionsOf = new Map<string, TermSample[]>();
  const readings = new Map<string, PhraseReading>();
  for (const a of themes) {
    for (const b of themes) {
      if (a === b) continue;
      const seen = [...(samples.get(a.term) ?? []), ...(samples.get(b.term) ?? [])].some((row) => holdsPhrase(row.text, a.term, b.term));
      if (!seen) continue;
      const smaller = a.mentions <= b.mentions ? a : b;
      if (!mentionsOf.has(smaller.term)) mentionsOf.set(smaller.term, await read(smaller.term, PHRASE_READ));
      const rows = mentionsOf.get(smaller.term)!;
      if (rows.length >= PHRASE_READ) continue;
      const holding = rows.filter((row) => holdsPhrase(row.text, a.term, b.term));
      readings.set(phraseTerm(a.term, b.term), { counts: sentimentCounts(holding), samples: holding });
    }
  }
  return readings;
}

/** Whether a text has `a` right before `b` ("老街黄焖鸡", "food poisoning"), in any case. */
function holdsPhrase(text: string, a: string, b: string): boolean {
  const lower = text.toLowerCase();
  return lower.includes(`${themeKey(a)}${themeKey(b)}`) || lower.includes(`${themeKey(a)} ${themeKey(b)}`);
}

function sentimentCounts(rows: TermSample[]): Counts {
  const count = (label: string) => rows.filter((row) => row.sentiment === label).length;
  return { mentions: rows.length, pos: count('pos'), neu: count('neu'), neg: count('neg') };
}

/** Term → sample texts, used to find phrases and to show examples; phrases show mentions holding them. */
async function withSamples(store: Store, themes: Theme[], query: ThemeQuery, names: string[], spellings: Map<string, string[]>): Promise<ThemeWithSamples[]> {
  const read: ReadTerm = (term, limit) => termSamples(store, spellings.get(themeKey(term)) ?? [term], query, limit);
  const candidates = themes.slice(0, query.limit + 5);
  const samples = new Map<string, TermSample[]>();
  for (const theme of candidates) samples.set(theme.term, await read(theme.term, SAMPLE_TEXTS));
  const phrases = await phraseReadings(candidates, samples, read);
  // Filtered again after merging: "fresh" + "bee" can join into a brand name.
  const merged = withoutBrandNames(mergePhrases(candidates, (a, b) => phrases.get(phraseTerm(a, b))?.counts), names).slice(0, query.limit);
  return merged.map((theme) => ({ ...theme, samples: (samples.get(theme.term) ?? phrases.get(theme.term)?.samples ?? []).slice(0, 3) }));
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
