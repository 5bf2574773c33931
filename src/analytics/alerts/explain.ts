import type { Digest } from '../../domain.js';
import type { AlertMention, AlertType, Severity, Signal } from './types.js';

/** A sample mention shown in an alert, with its link. */
export interface AlertSample {
  id: number;
  text: string;
  url: string | null;
  author: string | null;
  followers: number | null;
  createdAt: string;
  sentiment: 'pos' | 'neu' | 'neg';
}

/** An alert before it is stored: the new signals of one brand plus the context to act on them. */
export interface AlertDraft {
  brandId: string;
  brandName: string;
  /** The most severe signal's type, or `digest` for a scheduled digest (no signals; see `digest`). */
  type: AlertType | 'digest';
  severity: Severity;
  signals: Signal[];
  /** The recent window every signal was measured in (ISO UTC). */
  window: { from: string; to: string };
  topThemes: { theme: string; count: number }[];
  samples: AlertSample[];
  /** API query listing the window's mentions. */
  apiUrl: string;
  dashboardUrl: string;
  createdAt: string;
  /** Type `digest` only: the headline numbers, rendered in each channel's language (src/alerts/digest.ts). */
  digest?: Digest;
  /** Type `digest` only: the language every channel gets, when the config fixes one. */
  digestLang?: 'zh' | 'en';
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
const TYPE_RANK: AlertType[] = ['crisis_terms', 'negative_spike', 'volume_spike', 'sentiment_drop', 'influential_negative', 'emerging_theme'];

/** Most severe first; among equals, the type a brand manager acts on first. */
export function orderSignals(signals: Signal[]): Signal[] {
  return [...signals].sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || TYPE_RANK.indexOf(a.type) - TYPE_RANK.indexOf(b.type),
  );
}

/** Themes of the window by mention count (reposts not counted twice). */
export function topThemes(mentions: AlertMention[], ignore: string[], limit = 5): { theme: string; count: number }[] {
  const skip = new Set(ignore.map((s) => s.toLowerCase()));
  const counts = new Map<string, number>();
  for (const m of mentions) {
    if (m.duplicateOf !== null) continue;
    for (const theme of new Set(m.themes.map((t) => t.toLowerCase()))) {
      if (!skip.has(theme)) counts.set(theme, (counts.get(theme) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([theme, count]) => ({ theme, count }));
}

/** Up to `limit` evidence mentions, in signal order, originals before reposts. */
export function pickSamples(signals: Signal[], mentions: AlertMention[], limit = 3): AlertSample[] {
  const byId = new Map(mentions.map((m) => [m.id, m]));
  const ordered = [...new Set(signals.flatMap((s) => s.mentionIds))]
    .map((id) => byId.get(id))
    .filter((m): m is AlertMention => m !== undefined);
  const originals = ordered.filter((m) => m.duplicateOf === null);
  return [...originals, ...ordered.filter((m) => m.duplicateOf !== null)].slice(0, limit).map((m) => ({
    id: m.id,
    text: m.text,
    url: m.url,
    author: m.author?.handle ?? null,
    followers: m.author?.followers ?? null,
    createdAt: m.createdAt,
    sentiment: m.sentiment,
  }));
}

export interface DraftInput {
  brandId: string;
  brandName: string;
  brandTerms: string[];
  signals: Signal[];
  recentMentions: AlertMention[];
  window: { from: number; to: number };
  baseUrl: string;
  now: number;
}

/**
 * Builds the alert for the new signals of one brand: what was measured against what (in each
 * signal), top themes of the window, 3 sample mentions with links and API/dashboard links.
 *
 * @example
 * const draft = buildAlertDraft({ brandId: 'freshbee', brandName: 'FreshBee', signals, … });
 */
export function buildAlertDraft(input: DraftInput): AlertDraft {
  const signals = orderSignals(input.signals);
  const from = new Date(input.window.from).toISOString();
  const to = new Date(input.window.to).toISOString();
  const base = input.baseUrl.replace(/\/+$/, '');
  const query = new URLSearchParams({ brand: input.brandId, from, to });
  return {
    brandId: input.brandId,
    brandName: input.brandName,
    type: signals[0].type,
    severity: signals[0].severity,
    signals,
    window: { from, to },
    topThemes: topThemes(input.recentMentions, input.brandTerms),
    samples: pickSamples(signals, input.recentMentions),
    apiUrl: `${base}/api/mentions?${query}`,
    dashboardUrl: `${base}/?brand=${encodeURIComponent(input.brandId)}`,
    createdAt: new Date(input.now).toISOString(),
  };
}
