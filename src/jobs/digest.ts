import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../collectors/types.js';
import { comparePeriods } from '../reports/compare.js';
import type { Store } from '../store/types.js';

export type DigestPeriod = 'daily' | 'weekly';
export type DigestLang = 'zh' | 'en';

export interface DigestOptions {
  period: DigestPeriod;
  /** End of the period; rounded down to the hour so the numbers match the hourly rollups. */
  now: Date;
  /** Public address of the dashboard, for the links in the message. */
  baseUrl: string;
  lang: DigestLang;
}

/** Headline numbers of one brand: this period against the one right before. */
export interface DigestBrand {
  brandId: string;
  brandName: string;
  volume: number;
  baselineVolume: number;
  /** Relative change in volume; null when the previous period had none. */
  volumePct: number | null;
  netSentiment: number;
  netChange: number;
  neg: number;
  topThemes: string[];
  newThemes: string[];
  /** The aspect whose net sentiment fell most, when one fell. */
  worstAspect: { aspect: string; change: number } | null;
  reportUrl: string;
}

export interface Digest {
  period: DigestPeriod;
  lang: DigestLang;
  from: string;
  to: string;
  brands: DigestBrand[];
  /** The dashboard overview. */
  link: string;
}

const HOUR = 3_600_000;
const LENGTH: Record<DigestPeriod, number> = { daily: 24 * HOUR, weekly: 7 * 24 * HOUR };

/** Default send times (server time zone): 09:00 every day, or Monday 09:00. */
export const DIGEST_CRON: Record<DigestPeriod, string> = { daily: '0 9 * * *', weekly: '0 9 * * 1' };

/**
 * Builds the digest from `comparePeriods` (the same numbers as `/api/compare`, the report page and
 * the CSV), one entry per brand, busiest first.
 *
 * @example
 * const digest = await buildDigest(store, brands, { period: 'daily', now: new Date(), baseUrl: 'https://koubei.example', lang: 'zh' });
 * console.log(renderDigestText(digest));
 */
export async function buildDigest(store: Store, brands: { id: string; name: string }[], options: DigestOptions): Promise<Digest> {
  const to = Math.floor(options.now.getTime() / HOUR) * HOUR;
  const from = to - LENGTH[options.period];
  const base = options.baseUrl.replace(/\/+$/, '');
  const period = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  const entries = await Promise.all(
    brands.map(async (brand): Promise<DigestBrand> => {
      const cmp = await comparePeriods(store, brand.id, { from, to });
      const worst = cmp.change.aspects.filter((a) => a.change < 0).sort((a, b) => a.change - b.change)[0];
      return {
        brandId: brand.id,
        brandName: brand.name,
        volume: cmp.current.volume,
        baselineVolume: cmp.baseline.volume,
        volumePct: cmp.change.volumePct,
        netSentiment: cmp.current.netSentiment,
        netChange: cmp.change.netSentiment,
        neg: cmp.current.neg,
        topThemes: cmp.current.topThemes.slice(0, 3).map((t) => t.term),
        newThemes: cmp.change.newThemes.slice(0, 3),
        worstAspect: worst ? { aspect: worst.aspect, change: worst.change } : null,
        reportUrl: `${base}/report?brand=${encodeURIComponent(brand.id)}&${period}`,
      };
    }),
  );
  return {
    period: options.period,
    lang: options.lang,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    brands: entries.sort((a, b) => b.volume - a.volume),
    link: `${base}/`,
  };
}

/** The brands a digest covers: those of `ids` (all when absent) among the store's brands. */
export async function digestBrands(store: Store, ids?: string[]): Promise<{ id: string; name: string }[]> {
  const all = await store.listBrands();
  return ids ? all.filter((b) => ids.includes(b.id)) : all;
}

const signed = (value: number, digits = 2) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;

const WORDS = {
  en: { daily: 'Daily', weekly: 'Weekly', title: 'word-of-mouth digest', mentions: 'mentions', vs: 'vs', net: 'net', neg: 'negative', themes: 'themes', new: 'new', worst: 'falling', open: 'Dashboard', report: 'report', none: 'no mentions', sep: ', ' },
  zh: { daily: '每日', weekly: '每周', title: '口碑简报', mentions: '条提及', vs: '上期', net: '净情感', neg: '负面', themes: '话题', new: '新话题', worst: '下滑', open: '查看看板', report: '报告', none: '无提及', sep: '、' },
} as const;

/** "Daily word-of-mouth digest · 2026-11-20 09:00 – 2026-11-21 09:00 UTC" in the digest's language. */
export function digestTitle(digest: Digest): string {
  const w = WORDS[digest.lang];
  const clock = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  return `${w[digest.period]}${digest.lang === 'en' ? ' ' : ''}${w.title} · ${clock(digest.from)} – ${clock(digest.to)} UTC`;
}

/** One brand's lines: headline numbers, then themes and the falling aspect when there are any (no link). */
export function digestBrandLines(b: DigestBrand, lang: DigestLang): string[] {
  const w = WORDS[lang];
  const pct = b.volumePct === null ? w.new : `${signed(b.volumePct * 100, 1)}%`;
  const lines = [`${b.brandName}: ${b.volume} ${w.mentions} (${w.vs} ${b.baselineVolume}, ${pct}) · ${w.net} ${signed(b.netSentiment)} (${signed(b.netChange)}) · ${w.neg} ${b.neg}`];
  if (b.volume === 0) lines.push(w.none);
  if (b.topThemes.length) lines.push(`${w.themes}: ${b.topThemes.join(w.sep)}${b.newThemes.length ? ` · ${w.new}: ${b.newThemes.join(w.sep)}` : ''}`);
  if (b.worstAspect) lines.push(`${w.worst}: ${b.worstAspect.aspect} ${signed(b.worstAspect.change)}`);
  return lines;
}

/** Plain text for any chat channel: a title line, one block per brand, and the dashboard link. */
export function renderDigestText(digest: Digest): string {
  const w = WORDS[digest.lang];
  const lines = [digestTitle(digest), ''];
  for (const b of digest.brands) {
    const [head, ...rest] = digestBrandLines(b, digest.lang);
    lines.push(`■ ${head}`, ...rest.map((line) => `  ${line}`), `  ${w.report}: ${b.reportUrl}`);
  }
  lines.push('', `${w.open}: ${digest.link}`);
  return `${lines.join('\n')}\n`;
}

export interface DigestScheduleOptions {
  period: DigestPeriod;
  timezone: string;
  /** Defaults to `DIGEST_CRON[period]`. */
  schedule?: string;
  build: () => Promise<Digest>;
  /** Delivery (chat channels); injected so the job does not depend on one transport. */
  send: (digest: Digest) => Promise<void>;
  log: Logger;
}

/**
 * The scheduler hook: one node-cron task (`noOverlap`) that builds and sends the digest. A failure
 * is logged and never thrown, like a failed collector run.
 */
export function scheduleDigest(options: DigestScheduleOptions): { task: ScheduledTask; runOnce: () => Promise<void> } {
  const runOnce = async () => {
    try {
      await options.send(await options.build());
    } catch (err) {
      options.log.error('digest failed', { period: options.period, error: err instanceof Error ? err.message : String(err) });
    }
  };
  const task = cron.createTask(options.schedule ?? DIGEST_CRON[options.period], runOnce, {
    name: `digest:${options.period}`,
    timezone: options.timezone,
    noOverlap: true,
  });
  return { task, runOnce };
}
