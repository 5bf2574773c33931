import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../collectors/types.js';
import { comparePeriods } from '../reports/compare.js';
import type { Store } from '../store/types.js';
import type { Digest, DigestBrand, DigestLang, DigestPeriod } from '../domain.js';

export interface DigestOptions {
  period: DigestPeriod;
  /** End of the period; rounded down to the hour so the numbers match the hourly rollups. */
  now: Date;
  /** Public address of the dashboard, for the links in the message. */
  baseUrl: string;
  lang: DigestLang;
}

const HOUR = 3_600_000;
const LENGTH: Record<DigestPeriod, number> = { daily: 24 * HOUR, weekly: 7 * 24 * HOUR };

/** The comparison's "no data" NaN as the digest's null: the digest is stored and sent as JSON. */
const orNull = (value: number) => (Number.isNaN(value) ? null : value);

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
      // An aspect the baseline did not have has no change (NaN) and cannot have fallen.
      const worst = cmp.change.aspects.filter((a) => a.change < 0).sort((a, b) => a.change - b.change)[0];
      return {
        brandId: brand.id,
        brandName: brand.name,
        volume: cmp.current.volume,
        baselineVolume: cmp.baseline.volume,
        volumePct: cmp.change.volumePct,
        netSentiment: orNull(cmp.current.netSentiment),
        netChange: orNull(cmp.change.netSentiment),
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
