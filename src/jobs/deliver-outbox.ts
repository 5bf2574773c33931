import type { Logger } from '../collectors/types.js';
import { ChannelError } from '../alerts/channels/types.js';
import { channelBurstLimit, channelRateLimit, retryDelayMs, sendAlert } from '../alerts/send.js';
import type { ChannelConfig } from '../alerts/schema.js';
import type { DueDelivery } from '../store/alert-types.js';
import type { Store } from '../store/types.js';

export interface OutboxDeps {
  store: Store;
  channels: ChannelConfig[];
  fetch: typeof fetch;
  now: () => Date;
  log: Logger;
}

export interface OutboxOptions {
  /** Deliveries read per run. */
  limit?: number;
  /** Attempts before a delivery is marked failed. */
  maxAttempts?: number;
  timeoutMs?: number;
}

export interface OutboxSummary {
  sent: number;
  retried: number;
  failed: number;
  /** Held back by a channel's per-minute limit; sent by a later run. */
  deferred: number;
}

const MINUTE = 60_000;
const SECOND = 1_000;

/**
 * When the channel has used up its per-minute or per-second allowance, the time to try again;
 * else null. Windows are (now − length, now], so a message sent exactly a window ago no longer counts.
 */
async function rateLimitedUntil(channel: ChannelConfig, now: number, deps: OutboxDeps): Promise<number | null> {
  const windows: [number | undefined, number][] = [[channelRateLimit(channel), MINUTE], [channelBurstLimit(channel), SECOND]];
  for (const [limit, length] of windows) {
    if (limit !== undefined && (await deps.store.alerts.countSentSince(channel.id, now - length + 1)) >= limit) return now + length;
  }
  return null;
}

/**
 * Sends due deliveries from the outbox. Channels run in parallel, each channel's deliveries in
 * order, so one slow or failing platform never holds up another. Per-minute limits (DingTalk and
 * WeCom: 20) defer the rest to the next minute — queued, never dropped. Failures retry with
 * exponential backoff until `maxAttempts`; permanent errors (bad secret, 4xx) fail at once.
 * Pending rows survive a restart: the next run simply finds them due.
 *
 * @example
 * await deliverOutbox({ store, channels, fetch, now: () => new Date(), log });
 */
export async function deliverOutbox(deps: OutboxDeps, options: OutboxOptions = {}): Promise<OutboxSummary> {
  const summary: OutboxSummary = { sent: 0, retried: 0, failed: 0, deferred: 0 };
  const due = await deps.store.alerts.dueDeliveries(deps.now().getTime(), options.limit ?? 500);
  const byChannel = new Map<string, DueDelivery[]>();
  for (const item of due) byChannel.set(item.delivery.channelId, [...(byChannel.get(item.delivery.channelId) ?? []), item]);
  await Promise.all(
    [...byChannel].map(async ([channelId, items]) => {
      const channel = deps.channels.find((c) => c.id === channelId);
      for (const item of items) await deliverOne(item, channel, deps, options, summary);
    }),
  );
  return summary;
}

async function deliverOne(
  { delivery, alert }: DueDelivery,
  channel: ChannelConfig | undefined,
  deps: OutboxDeps,
  options: OutboxOptions,
  summary: OutboxSummary,
): Promise<void> {
  const now = deps.now().getTime();
  const attempts = delivery.attempts + 1;
  if (!channel) {
    await deps.store.alerts.markFailed(delivery.id, { attempts, error: `channel "${delivery.channelId}" is not configured`, status: null });
    summary.failed += 1;
    return;
  }
  const deferUntil = await rateLimitedUntil(channel, now, deps);
  if (deferUntil !== null) {
    await deps.store.alerts.defer(delivery.id, deferUntil);
    summary.deferred += 1;
    return;
  }
  try {
    const result = await sendAlert(alert, channel, { ...deps, timeoutMs: options.timeoutMs }, { idempotencyKey: delivery.idempotencyKey });
    await deps.store.alerts.markSent(delivery.id, deps.now().getTime(), { attempts, status: result.status });
    summary.sent += 1;
  } catch (err) {
    const error = err instanceof ChannelError ? err : new ChannelError(channel.id, String(err), true);
    const result = { attempts, error: error.message, status: error.status };
    if (!error.retryable || attempts >= (options.maxAttempts ?? 8)) {
      await deps.store.alerts.markFailed(delivery.id, result);
      summary.failed += 1;
      deps.log.error('alert delivery failed', { channel: channel.id, alert: alert.id, error: error.message });
    } else {
      await deps.store.alerts.markRetry(delivery.id, result, now + retryDelayMs(attempts));
      summary.retried += 1;
      deps.log.warn('alert delivery will retry', { channel: channel.id, alert: alert.id, attempts, error: error.message });
    }
  }
}
