import { planKey, windowPlans, type ResolvedRule, type WindowPlan } from '../analytics/alerts/rules.js';
import type { AlertMention, BrandSnapshot, WindowView } from '../analytics/alerts/types.js';
import { baselineStart, planWindows, sinceFirstMention } from '../analytics/alerts/windows.js';
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
 * Counts for the recent, seasonal and trailing windows of one plan, the recent window's mentions
 * and the baseline's theme counts. Seasonal days on which the brand had no mention at all, and
 * trailing windows before its first mention, are left out: before the first collection there is
 * no data, which is not the same as a quiet day.
 */
async function gatherView(store: Store, brandId: string, plan: WindowPlan, now: number): Promise<WindowView> {
  const ranges = planWindows(now, plan);
  const start = baselineStart(ranges);
  // Only whether the brand was mentioned before the baseline matters: one index probe, not a sum since 1970.
  const earlier = await store.alerts.hasMentionsBefore(brandId, start);
  const [recent, ...rest] = await store.alerts.windowCounts(brandId, [ranges.recent, ...ranges.seasonal, ...ranges.trailing]);
  const seasonal = rest.slice(0, ranges.seasonal.length);
  const trailing = rest.slice(ranges.seasonal.length);
  const coverage = await store.alerts.windowCounts(brandId, ranges.seasonal.map((r) => ({ from: r.to - DAY, to: r.to })));
  const themes = await store.alerts.themeCounts(brandId, start, ranges.recent.from);
  return {
    series: {
      recent,
      seasonal: seasonal.filter((_, i) => coverage[i].volume > 0),
      trailing: sinceFirstMention(trailing, earlier),
    },
    recentMentions: await recentMentions(store, brandId, ranges.recent.from, ranges.recent.to),
    baselineThemes: themes.themes,
    baselineMentions: themes.mentions,
  };
}

/**
 * Fetches what detection needs for one brand at `now`: a view per window plan of its rules, so
 * each rule is measured on its own windows. The top level is the view with the longest recent
 * window, which holds every rule's recent mentions: the alert's window and evidence.
 */
export async function gatherSnapshot(store: Store, brand: AlertBrand, rules: ResolvedRule[], now: number): Promise<BrandSnapshot> {
  const plans = windowPlans(rules);
  const views = new Map<string, WindowView>();
  for (const plan of plans) views.set(planKey(plan), await gatherView(store, brand.id, plan, now));
  return {
    brandId: brand.id,
    brandName: brand.name,
    // Themes are counted in simplified text: a brand given as 鮮蜂外賣 appears there as 鲜蜂外卖.
    brandTerms: withSimplifiedForms([brand.id, brand.name, ...brand.aliases]),
    now,
    ...views.get(planKey(plans[0]))!,
    views,
  };
}
