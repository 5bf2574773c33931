import type { AspectCount, Store } from '../store/types.js';
import { getThemes, type ThemeWithSamples } from './themes.js';

export interface PeriodSummary {
  from: string;
  to: string;
  volume: number;
  pos: number;
  neu: number;
  neg: number;
  /** (pos − neg) / volume. */
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
    /** Relative change in volume; null when the baseline had none. */
    volumePct: number | null;
    netSentiment: number;
    /** Themes in the current top list that were not in the baseline's. */
    newThemes: string[];
    /** Per aspect with enough mentions: change in net sentiment ((pos − neg) / mentions), largest first. */
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
    netSentiment: round(volume.netSentiment),
    topThemes: await getThemes(store, { brandId, from, to, limit: 8 }),
    aspects: await store.aspectCounts({ brandId, from, to }),
  };
}

const MIN_ASPECT_MENTIONS = 3;

const net = (a: AspectCount | undefined) => (a && a.mentions ? (a.pos - a.neg) / a.mentions : 0);

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
    return { aspect, mentions, current: round(c), baseline: round(b), change: round(c - b) };
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
      aspects: aspects.filter((a) => a.mentions >= MIN_ASPECT_MENTIONS).sort((x, y) => Math.abs(y.change) - Math.abs(x.change)),
    },
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
