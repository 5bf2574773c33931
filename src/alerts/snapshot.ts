import { windowPlanFor, type ResolvedRule } from '../analytics/alerts/rules.js';
import type { AlertMention, BrandSnapshot } from '../analytics/alerts/types.js';
import { baselineStart, planWindows } from '../analytics/alerts/windows.js';
import type { MentionRow, Store } from '../store/types.js';
import { loadChineseConverter, withSimplifiedForms } from '../resources/language.js';

/** What detection needs to know about a brand (config and API brands both fit). */
export interface AlertBrand {
  id: string;
  name: string;
  aliases: string[];
}

const DAY = 86_400_000;
/** Recent-window mentions read per brand; beyond this the counts still come from SQL aggregates. */
const MAX_RECENT = 2000;

/** Lexicon terms with negative weight from a stored explanation (learned n-grams excluded). */
function negativeWords(explanation: unknown): string[] {
  const terms = (explanation as { terms?: { text: string; weight: number; rules?: string[] }[] } | null)?.terms ?? [];
  return terms.filter((t) => t.weight < 0 && !t.rules?.includes('learned')).map((t) => t.text);
}

function toAlertMention(row: MentionRow): AlertMention {
  const text = row.title && !row.text.includes(row.title) ? `${row.title}\n${row.text}` : row.text;
  return {
    id: row.id,
    text,
    simplified: loadChineseConverter()(text),
    url: row.url,
    createdAt: row.createdAt,
    sentiment: row.sentiment.label,
    confidence: row.sentiment.confidence,
    negativeWords: negativeWords(row.sentiment.explanation),
    themes: row.themes,
    author: row.author ? { handle: row.author.handle ?? row.author.name ?? row.author.id, followers: row.author.followers } : null,
    duplicateOf: row.duplicateOf,
  };
}

async function recentMentions(store: Store, brandId: string, from: number, to: number): Promise<AlertMention[]> {
  const out: AlertMention[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listMentions({ brandId, from, to, limit: 200, cursor });
    out.push(...page.items.map(toAlertMention));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < MAX_RECENT);
  return out;
}

/**
 * Fetches what detection needs for one brand at `now`: counts for the recent, seasonal and
 * trailing windows, the recent window's mentions and the baseline's theme counts. Seasonal days
 * on which the brand had no mention at all are left out — before the first collection there is
 * no data, which is not the same as a quiet day.
 */
export async function gatherSnapshot(store: Store, brand: AlertBrand, rules: ResolvedRule[], now: number): Promise<BrandSnapshot> {
  const ranges = planWindows(now, windowPlanFor(rules));
  const [recent, ...rest] = await store.alerts.windowCounts(brand.id, [ranges.recent, ...ranges.seasonal, ...ranges.trailing]);
  const seasonal = rest.slice(0, ranges.seasonal.length);
  const trailing = rest.slice(ranges.seasonal.length);
  const coverage = await store.alerts.windowCounts(brand.id, ranges.seasonal.map((r) => ({ from: r.to - DAY, to: r.to })));
  const start = baselineStart(ranges);
  const themes = await store.alerts.themeCounts(brand.id, start, ranges.recent.from);
  return {
    brandId: brand.id,
    brandName: brand.name,
    // Themes are counted in simplified text: a brand given as 鮮蜂外賣 appears there as 鲜蜂外卖.
    brandTerms: withSimplifiedForms([brand.id, brand.name, ...brand.aliases]),
    now,
    series: { recent, seasonal: seasonal.filter((_, i) => coverage[i].volume > 0), trailing },
    recentMentions: await recentMentions(store, brand.id, ranges.recent.from, ranges.recent.to),
    baselineThemes: themes.themes,
    baselineMentions: themes.mentions,
  };
}
