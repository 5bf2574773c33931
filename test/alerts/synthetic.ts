/**
 * Synthetic mention streams for detector tests: a daily cycle (quiet nights, lunch and dinner
 * peaks), optional bursts, and an in-memory `snapshotAt` that counts windows the way the job does.
 */
import { planWindows, baselineStart } from '../../src/analytics/alerts/windows.js';
import { DEFAULT_THRESHOLDS, type WindowPlan } from '../../src/analytics/alerts/rules.js';
import type { AlertMention, BrandSnapshot, WindowCounts } from '../../src/analytics/alerts/types.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const T0 = Date.parse('2026-03-01T00:00:00Z');

/** Posts per hour of day: silent nights, lunch and dinner peaks (like the demo's FreshBee). */
export const CYCLE = [1, 0, 0, 0, 0, 0, 1, 2, 3, 3, 4, 7, 9, 6, 3, 2, 3, 6, 8, 7, 4, 3, 2, 1];

export interface SynthPost {
  at: number;
  sentiment: 'pos' | 'neu' | 'neg';
  text: string;
  themes: string[];
  followers: number;
}

const THEMES = ['delivery', 'taste', 'price', 'coupon', 'packaging'];

/** `days` days of the daily cycle with a small deterministic day-to-day wobble; 60/20/20 pos/neu/neg. */
export function dailyCycle(days: number, start = T0): SynthPost[] {
  const posts: SynthPost[] = [];
  for (let h = 0; h < days * 24; h++) {
    const n = Math.max(0, CYCLE[h % 24] + ((h * 7) % 3) - 1);
    for (let i = 0; i < n; i++) {
      const k = h * 31 + i;
      const sentiment = k % 5 === 0 ? 'neg' : k % 5 === 1 ? 'neu' : 'pos';
      posts.push({ at: start + h * HOUR + Math.floor(((i + 0.5) / n) * HOUR), sentiment, text: 'ordinary order', themes: [THEMES[k % 5]], followers: 100 });
    }
  }
  return posts;
}

/** `count` posts spread over `[from, from + minutes)`; `negShare` of them negative. */
export function burst(from: number, count: number, opts: { minutes?: number; negShare?: number; text?: string; themes?: string[]; followers?: number } = {}): SynthPost[] {
  const minutes = opts.minutes ?? 50;
  return Array.from({ length: count }, (_, i) => ({
    at: from + Math.floor((i / count) * minutes * 60_000),
    sentiment: i < Math.round(count * (opts.negShare ?? 0.9)) ? ('neg' as const) : ('neu' as const),
    text: opts.text ?? 'terrible, my order never came',
    themes: opts.themes ?? ['delivery'],
    followers: opts.followers ?? 100,
  }));
}

function count(posts: SynthPost[], from: number, to: number): WindowCounts {
  const inside = posts.filter((p) => p.at >= from && p.at < to);
  const by = (s: string) => inside.filter((p) => p.sentiment === s).length;
  return { from, to, volume: inside.length, pos: by('pos'), neu: by('neu'), neg: by('neg') };
}

function toMention(post: SynthPost, id: number): AlertMention {
  return {
    id,
    text: post.text,
    simplified: post.text,
    url: `https://example.com/p/${id}`,
    createdAt: new Date(post.at).toISOString(),
    sentiment: post.sentiment,
    confidence: 0.9,
    negativeWords: post.sentiment === 'neg' ? ['terrible'] : [],
    themes: post.themes,
    author: { handle: `user${id}`, followers: post.followers },
    duplicateOf: null,
  };
}

/** What the job would fetch from the store at `now`, computed from the in-memory posts. */
export function snapshotAt(posts: SynthPost[], now: number, plan: WindowPlan = DEFAULT_THRESHOLDS): BrandSnapshot {
  const ranges = planWindows(now, plan);
  const seasonal = ranges.seasonal.filter((r) => count(posts, r.to - DAY, r.to).volume > 0);
  const start = baselineStart(ranges);
  const baseline = posts.filter((p) => p.at >= start && p.at < ranges.recent.from);
  const baselineThemes = new Map<string, number>();
  for (const p of baseline) for (const t of p.themes) baselineThemes.set(t, (baselineThemes.get(t) ?? 0) + 1);
  return {
    brandId: 'acme',
    brandName: 'Acme',
    brandTerms: ['acme'],
    now,
    series: {
      recent: count(posts, ranges.recent.from, ranges.recent.to),
      seasonal: seasonal.map((r) => count(posts, r.from, r.to)),
      trailing: ranges.trailing.map((r) => count(posts, r.from, r.to)),
    },
    recentMentions: posts.flatMap((p, i) => (p.at >= ranges.recent.from && p.at < now ? [toMention(p, i + 1)] : [])),
    baselineThemes,
    baselineMentions: baseline.length,
  };
}
