import type { AlertType } from './types.js';

/** Tunable numbers of a rule; each detector reads the ones it needs (see `DEFAULT_THRESHOLDS`). */
export interface Thresholds {
  /** Length of the recent window. */
  windowMinutes: number;
  /** Fewest mentions in the recent window before a volume or sentiment signal may fire. */
  minVolume: number;
  /** Robust z-score (median/MAD) the recent window must reach against each baseline. */
  zScore: number;
  /** The recent window must also be this many times the larger baseline median. */
  minRatio: number;
  /** Previous days used for the same-time-of-day baseline. */
  seasonalDays: number;
  /** Hours of consecutive windows before the recent one used as the trailing baseline. */
  trailingHours: number;
  /** Net sentiment must fall by at least this much (−2…2 scale of (pos−neg)/n differences). */
  minDrop: number;
  /** Fewest matching mentions (crisis terms, emerging theme). */
  minCount: number;
  /** Author followers at or above which a negative mention is "influential". */
  minFollowers: number;
  /**
   * Sentiment confidence an influential post needs: one post fires alone, so a borderline
   * "negative" (a neutral question the engine leans negative on) must not page anyone.
   */
  minConfidence: number;
  /** Theme growth factor against its expected count from the baseline. */
  minGrowth: number;
  /** Highest share (0–1) of baseline mentions a theme may have and still be "new". */
  maxBaselineShare: number;
}

export interface QuietHours {
  /** Local `HH:MM` start, e.g. `22:00`. */
  start: string;
  /** Local `HH:MM` end, e.g. `07:00`; may be earlier than start (over midnight). */
  end: string;
  /** IANA zone; defaults to the app's timezone. */
  timezone?: string;
}

/** One alert rule. `brand: '*'` applies to every brand that has no rule of the same type. */
export interface AlertRule {
  brand: string;
  type: AlertType;
  enabled: boolean;
  thresholds: Partial<Thresholds>;
  /** Channel ids to deliver to; omitted means every configured channel. */
  channels?: string[];
  /** Deliveries are held (queued, not dropped) until quiet hours end. */
  quietHours?: QuietHours;
  /** After firing, the same signal may fire again only after it resolved and this time passed. */
  cooldownMinutes: number;
}

/** Defaults chosen so a brand with ~50–100 mentions a day alerts on a real storm, not on lunch time. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  windowMinutes: 60,
  minVolume: 10,
  zScore: 4,
  minRatio: 3,
  seasonalDays: 7,
  trailingHours: 24,
  minDrop: 0.3,
  minCount: 3,
  minFollowers: 50_000,
  minConfidence: 0.7,
  minGrowth: 5,
  maxBaselineShare: 0.02,
};

/** The built-in rule set: every detector on for every brand, 2 h cooldown, all channels. */
export const DEFAULT_ALERT_RULES: AlertRule[] = (
  ['volume_spike', 'negative_spike', 'sentiment_drop', 'crisis_terms', 'influential_negative', 'emerging_theme'] as const
).map((type) => ({ brand: '*', type, enabled: true, thresholds: {}, cooldownMinutes: 120 }));

/** A rule with every threshold filled in. */
export type ResolvedRule = Omit<AlertRule, 'thresholds'> & { thresholds: Thresholds };

/**
 * The effective rule per type for one brand: a brand-specific rule wins over a `*` rule.
 * Disabled rules are dropped.
 *
 * @example
 * resolveRules(rules, 'freshbee').map((r) => r.type);
 */
export function resolveRules(rules: AlertRule[], brandId: string): ResolvedRule[] {
  const byType = new Map<AlertType, AlertRule>();
  for (const rule of rules) {
    if (rule.brand === '*' && !byType.has(rule.type)) byType.set(rule.type, rule);
  }
  for (const rule of rules) {
    if (rule.brand === brandId) byType.set(rule.type, rule);
  }
  return [...byType.values()]
    .filter((rule) => rule.enabled)
    .map((rule) => ({ ...rule, thresholds: { ...DEFAULT_THRESHOLDS, ...rule.thresholds } }));
}

export type WindowPlan = Pick<Thresholds, 'windowMinutes' | 'seasonalDays' | 'trailingHours'>;

/** Identifies a plan, so rules measured on the same windows share one fetch. */
export function planKey(plan: WindowPlan): string {
  return `${plan.windowMinutes}/${plan.seasonalDays}/${plan.trailingHours}`;
}

/**
 * The distinct window plans of a brand's rules, the longest recent window first. Each rule is
 * measured on its own windows: a 30-minute rule compared on another rule's 60-minute window would
 * count posts from outside its window and name a window it did not measure. All recent windows end
 * now, so the first one holds every other.
 */
export function windowPlans(rules: ResolvedRule[]): WindowPlan[] {
  const plans = new Map<string, WindowPlan>(rules.map((r) => [planKey(r.thresholds), r.thresholds]));
  if (!plans.size) return [DEFAULT_THRESHOLDS];
  return [...plans.values()].sort((a, b) => b.windowMinutes - a.windowMinutes);
}
