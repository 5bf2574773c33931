import type { AspectCount, Store } from '../store/types.js';
import { getThemes, type ThemeWithSamples } from './themes.js';

export interface PeriodSummary {
  from: string;
  to: string;
  volume: number;
  pos: number;
  neu: number;
  neg: number;
  /** (pos − neg) / volume; NaN when the period had no mentions (see `ratio`). */
  netSentiment: number;
  topThemes: ThemeWithSamples[];
  aspects: AspectCount[];
}

export interface PeriodComparison {
  brandId: string;
  current: PeriodSummary;
  baseline: PeriodSummary;
  change: {
    volume: number;
    /** Relative change in volume; null when the baseline had none (a new topic, not +∞ %). */
    volumePct: number | null;
    /** NaN when either period had no mentions. */
    netSentiment: number;
    /** Themes in the current top list that were not in the baseline's. */
    newThemes: string[];
    /**
     * Per aspect with enough mentions: net sentiment ((pos − neg) / mentions) now and before, NaN in
     * a period without that aspect; largest change first, then the aspects with no change to show.
     */
    aspects: { aspect: string; mentions: number; current: number; baseline: number; change: number }[];
  };
}

async function summarize(store: Store, brandId: string, from: number, to: number): Promise<PeriodSummary> {
  const [volume] = await store.shareOfVoice([brandId], from, to);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    volume: volume.volume,
    pos: volume.pos,
    neu: volume.neu,
    neg: volume.neg,
    netSentiment: ratio(volume.pos - volume.neg, volume.volume),
    topThemes: await getThemes(store, { brandId, from, to, limit: 8 }),
    aspects: await store.aspectCounts({ brandId, from, to }),
  };
}

const MIN_ASPECT_MENTIONS = 3;

/**
 * A rounded ratio, NaN for 0/0: a period without mentions has no sentiment, and a 0 would read as
 * "neutral" and make up a change. NaN stays a `number` for every renderer, prints as no value in
 * the CSV (`csvCell`) and serialises as `null` in JSON.
 */
const ratio = (part: number, whole: number) => (whole ? round(part / whole) : Number.NaN);

const net = (a: AspectCount | undefined) => ratio((a?.pos ?? 0) - (a?.neg ?? 0), a?.mentions ?? 0);

/** Largest |change| first; aspects without a change to show (NaN) after them, busiest first. */
function byChange(x: { mentions: number; change: number }, y: { mentions: number; change: number }): number {
  const [xs, ys] = [Number.isNaN(x.change), Number.isNaN(y.change)];
  if (xs || ys) return xs === ys ? y.mentions - x.mentions : xs ? 1 : -1;
  return Math.abs(y.change) - Math.abs(x.change);
}

/**
 * "Effect evaluation": a period (a week, a campaign window) against a baseline — by default the
 * same length immediately before — with the change in volume, sentiment, themes and aspects.
 */
export async function comparePeriods(
  store: Store,
  brandId: string,
  current: { from: number; to: number },
  baseline: { from: number; to: number } = { from: 2 * current.from - current.to, to: current.from },
): Promise<PeriodComparison> {
  const now = await summarize(store, brandId, current.from, current.to);
  const before = await summarize(store, brandId, baseline.from, baseline.to);
  const beforeThemes = new Set(before.topThemes.map((t) => t.term));
  const aspects = [...new Set([...now.aspects, ...before.aspects].map((a) => a.aspect))].map((aspect) => {
    const current = now.aspects.find((a) => a.aspect === aspect);
    const previous = before.aspects.find((a) => a.aspect === aspect);
    const mentions = (current?.mentions ?? 0) + (previous?.mentions ?? 0);
    const [c, b] = [net(current), net(previous)];
    return { aspect, mentions, current: c, baseline: b, change: round(c - b) };
  });
  return {
    brandId,
    current: now,
    baseline: before,
    change: {
      volume: now.volume - before.volume,
      volumePct: before.volume ? round((now.volume - before.volume) / before.volume) : null,
      netSentiment: round(now.netSentiment - before.netSentiment),
      newThemes: now.topThemes.map((t) => t.term).filter((t) => !beforeThemes.has(t)),
      // One or two mentions swing net sentiment by ±1; they are not a change worth reporting.
      aspects: aspects.filter((a) => a.mentions >= MIN_ASPECT_MENTIONS).sort(byChange),
    },
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
