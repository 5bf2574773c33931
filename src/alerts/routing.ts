import { quietHoursEnd } from '../analytics/alerts/quiet-hours.js';
import type { ResolvedRule } from '../analytics/alerts/rules.js';
import type { Signal } from '../analytics/alerts/types.js';
import type { NewDelivery } from '../store/alert-types.js';
import type { ChannelConfig } from './schema.js';

/**
 * Which channels get an alert and when. A channel receives it when any rule that fired routes to
 * it (no `channels` list means all). It is sent now unless every such rule is in quiet hours; then
 * it waits, queued, until the earliest quiet period ends.
 *
 * @example
 * planDeliveries(fired, rules, channels, Date.now(), 'Asia/Shanghai');
 */
export function planDeliveries(
  fired: Signal[],
  rules: ResolvedRule[],
  channels: ChannelConfig[],
  now: number,
  timezone: string,
): NewDelivery[] {
  const firedRules = rules.filter((rule) => fired.some((s) => s.type === rule.type));
  return channels.flatMap((channel) => {
    const routed = firedRules.filter((rule) => !rule.channels || rule.channels.includes(channel.id));
    if (!routed.length) return [];
    const times = routed.map((rule) => (rule.quietHours ? (quietHoursEnd(now, rule.quietHours, timezone) ?? now) : now));
    return [{ channelId: channel.id, nextAttemptAt: Math.min(...times) }];
  });
}
