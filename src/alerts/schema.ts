import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { isClock, isTimeZone, UNKNOWN_ZONE } from '../analytics/alerts/quiet-hours.js';
import { DEFAULT_ALERT_RULES, type AlertRule } from '../analytics/alerts/rules.js';
import { ALERT_TYPES, type AlertType } from '../analytics/alerts/types.js';

/**
 * Schemas of the `alerts` config block and of `PUT /api/alert-rules`. Secrets and URLs may be
 * `{"env": "NAME"}` references; config loading resolves them before these schemas run.
 */

export const CHANNEL_TYPES = ['slack', 'teams', 'feishu', 'dingtalk', 'wecom', 'discord', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const ChannelSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a lower-case id like "ops-feishu"'),
    type: z.enum(CHANNEL_TYPES),
    url: z.url({ protocol: /^https?$/ }),
    secret: z.string().min(1).optional(),
    lang: z.enum(['zh', 'en']).default('en'),
    /** Overrides the platform's per-minute limit (DingTalk and WeCom: 20). */
    rateLimitPerMinute: z.number().int().positive().optional(),
  })
  .strict();

/** A delivery target. `secret` signs Feishu, DingTalk and webhook requests. */
export type ChannelConfig = z.infer<typeof ChannelSchema>;

const ThresholdsSchema = z
  .object({
    windowMinutes: z.number().int().min(5).max(24 * 60),
    minVolume: z.number().int().min(1),
    zScore: z.number().positive(),
    minRatio: z.number().min(1),
    seasonalDays: z.number().int().min(0).max(28),
    trailingHours: z.number().int().min(1).max(7 * 24),
    minDrop: z.number().positive().max(2),
    minCount: z.number().int().min(1),
    minFollowers: z.number().int().min(0),
    minConfidence: z.number().min(0).max(1),
    minGrowth: z.number().min(1),
    maxBaselineShare: z.number().min(0).max(1),
  })
  .partial()
  .strict();

/** Quiet hours of a rule or a digest: HH:MM start and end, in an IANA zone (default: the app's). */
export const QuietHoursSchema = z
  .object({
    start: z.string().refine(isClock, 'expected HH:MM'),
    end: z.string().refine(isClock, 'expected HH:MM'),
    timezone: z.string().refine(isTimeZone, { error: (issue) => UNKNOWN_ZONE(String(issue.input)) }).optional(),
  })
  .strict();

export const AlertRuleSchema = z
  .object({
    brand: z.string().min(1),
    type: z.enum(ALERT_TYPES as [AlertType, ...AlertType[]]),
    enabled: z.boolean().default(true),
    thresholds: ThresholdsSchema.default({}),
    channels: z.array(z.string().min(1)).optional(),
    quietHours: QuietHoursSchema.optional(),
    cooldownMinutes: z.number().int().min(0).default(120),
  })
  .strict();

export const AlertRulesSchema = z.array(AlertRuleSchema);

export const AlertsFileSchema = z
  .object({
    rules: AlertRulesSchema.optional(),
    channels: z.array(ChannelSchema).default([]),
    /** Public URL of this koubei instance, used for links in alerts. */
    baseUrl: z.url().optional(),
  })
  .strict();

/** The resolved `alerts` block. */
export interface AlertsConfig {
  rules: AlertRule[];
  channels: ChannelConfig[];
  baseUrl?: string;
}

/**
 * Applies defaults (every detector for every brand, no channels) and checks references: channel
 * ids are unique and every rule names known channels and brands.
 *
 * @example
 * resolveAlertsConfig(undefined, ['freshbee']).rules.length; // 6
 */
export function resolveAlertsConfig(file: z.infer<typeof AlertsFileSchema> | undefined, brandIds: string[]): AlertsConfig {
  const channels = file?.channels ?? [];
  const seen = new Set<string>();
  for (const channel of channels) {
    if (seen.has(channel.id)) throw new ConfigError(`alerts.channels: duplicate id "${channel.id}"`);
    seen.add(channel.id);
  }
  const rules = file?.rules ?? DEFAULT_ALERT_RULES;
  checkRuleReferences(rules, [...seen], brandIds, (i) => `alerts.rules[${i}]`).forEach((message) => {
    throw new ConfigError(message);
  });
  return { rules, channels, baseUrl: file?.baseUrl };
}

/** Messages for rules that name unknown channels or brands (empty when all is well). */
export function checkRuleReferences(rules: AlertRule[], channelIds: string[], brandIds: string[], where: (i: number) => string): string[] {
  const problems: string[] = [];
  rules.forEach((rule, i) => {
    if (rule.brand !== '*' && brandIds.length && !brandIds.includes(rule.brand)) {
      problems.push(`${where(i)}.brand: unknown brand "${rule.brand}" (known: *, ${brandIds.join(', ')})`);
    }
    for (const id of rule.channels ?? []) {
      if (!channelIds.includes(id)) problems.push(`${where(i)}.channels: unknown channel "${id}" (configured: ${channelIds.join(', ') || 'none'})`);
    }
  });
  return problems;
}
