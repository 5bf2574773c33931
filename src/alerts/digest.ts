import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { AlertDraft } from '../analytics/alerts/explain.js';
import { isClock, quietHoursEnd } from '../analytics/alerts/quiet-hours.js';
import type { Digest, DigestPeriod } from '../domain.js';
import { digestBrandLines, digestTitle } from '../reports/digest-text.js';
import type { NewDelivery } from '../store/alert-types.js';
import { LABELS, type MessageLang } from './i18n.js';
import type { AlertMessage } from './message.js';
import { QuietHoursSchema, type ChannelConfig } from './schema.js';

/**
 * A scheduled digest travels through the alert outbox as an alert of type `digest` (severity
 * `info`, brand `*`, no signals; the numbers in `digest`), so it gets the same storage-before-send,
 * idempotency keys, retries, per-minute limits and quiet hours as alerts, with no new table.
 */

export const DigestFileSchema = z
  .object({
    schedule: z.enum(['daily', 'weekly']),
    /** Local send time (app time zone); weekly digests go out on Mondays. */
    time: z.string().refine(isClock, 'expected HH:MM').default('09:00'),
    /** Brand ids; default every brand. */
    brands: z.array(z.string().min(1)).optional(),
    /** Alert channel ids; default every alert channel. */
    channels: z.array(z.string().min(1)).optional(),
    /** One language for every channel; default each channel's own `lang`. */
    lang: z.enum(['zh', 'en']).optional(),
    quietHours: QuietHoursSchema.optional(),
  })
  .strict();

/** The resolved `digest` block (absent: no digest is sent). */
export interface DigestConfig {
  period: DigestPeriod;
  /** node-cron expression built from `schedule` and `time`. */
  cron: string;
  brands?: string[];
  channels: string[];
  lang?: MessageLang;
  quietHours?: { start: string; end: string; timezone?: string };
}

/**
 * Checks the digest block against the configured alert channels and brands.
 *
 * @example
 * resolveDigestConfig({ schedule: 'weekly', time: '08:30' }, ['ops'], ['freshbee'])?.cron; // "30 8 * * 1"
 */
export function resolveDigestConfig(file: z.infer<typeof DigestFileSchema> | undefined, channelIds: string[], brandIds: string[]): DigestConfig | undefined {
  if (!file) return undefined;
  for (const id of file.channels ?? []) {
    if (!channelIds.includes(id)) throw new ConfigError(`digest.channels: unknown channel "${id}" (configured in alerts.channels: ${channelIds.join(', ') || 'none'})`);
  }
  for (const id of file.brands ?? []) {
    if (brandIds.length && !brandIds.includes(id)) throw new ConfigError(`digest.brands: unknown brand "${id}" (known: ${brandIds.join(', ')})`);
  }
  const [hour, minute] = file.time.split(':').map(Number);
  return {
    period: file.schedule,
    cron: `${minute} ${hour} * * ${file.schedule === 'weekly' ? '1' : '*'}`,
    brands: file.brands,
    channels: file.channels ?? channelIds,
    lang: file.lang,
    quietHours: file.quietHours,
  };
}

/** The digest as an outbox entry: an `info` alert of type `digest` for brand `*`. */
export function digestAlertDraft(digest: Digest, now: Date, lang?: MessageLang): AlertDraft {
  return {
    brandId: '*',
    brandName: '*',
    type: 'digest',
    severity: 'info',
    signals: [],
    window: { from: digest.from, to: digest.to },
    topThemes: [],
    samples: [],
    apiUrl: digest.brands[0]?.reportUrl ?? digest.link,
    dashboardUrl: digest.link,
    createdAt: now.toISOString(),
    digest,
    digestLang: lang,
  };
}

/** One pending delivery per digest channel, held until the quiet period ends like an alert's. */
export function planDigestDeliveries(config: DigestConfig, channels: ChannelConfig[], now: number, timezone: string): NewDelivery[] {
  const nextAttemptAt = config.quietHours ? (quietHoursEnd(now, config.quietHours, timezone) ?? now) : now;
  return channels.filter((c) => config.channels.includes(c.id)).map((c) => ({ channelId: c.id, nextAttemptAt }));
}

const DIGEST_LABELS = {
  en: { signals: 'Brands', window: 'Period', themes: 'Total', open: 'Open dashboard', api: 'Report', total: (n: number, neg: number, brands: number) => `${n} mentions, ${neg} negative, ${brands} brand(s)` },
  zh: { signals: '品牌', window: '周期', themes: '合计', open: '查看看板', api: '报告', total: (n: number, neg: number, brands: number) => `${n} 条提及，负面 ${neg} 条，${brands} 个品牌` },
} as const;

/**
 * Renders a stored digest into the platform-neutral message every channel adapter takes: one
 * "signal" line per brand (headline numbers, themes, falling aspect), the totals, no samples, and
 * buttons to the dashboard and the busiest brand's report.
 */
export function renderDigestMessage(alert: AlertDraft & { digest: Digest }, channelLang: MessageLang, options: { test?: boolean } = {}): AlertMessage {
  const lang = alert.digestLang ?? channelLang;
  const digest = { ...alert.digest, lang };
  const words = DIGEST_LABELS[lang];
  const sep = lang === 'zh' ? '；' : '; ';
  const total = digest.brands.reduce((acc, b) => ({ n: acc.n + b.volume, neg: acc.neg + b.neg }), { n: 0, neg: 0 });
  const clock = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  return {
    lang,
    labels: { ...LABELS[lang], signals: words.signals, window: words.window, themes: words.themes, open: words.open, api: words.api },
    severity: 'info',
    color: '2F80ED',
    title: `${options.test ? `${LABELS[lang].test} · ` : ''}${digestTitle(digest)}`,
    signals: digest.brands.map((b) => digestBrandLines(b, lang).join(sep)),
    window: `${clock(digest.from)} – ${clock(digest.to)} UTC`,
    themes: words.total(total.n, total.neg, digest.brands.length),
    samples: [],
    dashboardUrl: digest.link,
    apiUrl: digest.brands[0]?.reportUrl ?? digest.link,
  };
}
