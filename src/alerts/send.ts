import type { AlertDraft } from '../analytics/alerts/explain.js';
import { CHANNELS } from './channels/index.js';
import { ChannelError } from './channels/types.js';
import { renderAlertMessage } from './message.js';
import type { ChannelConfig } from './schema.js';

export interface SendDeps {
  fetch: typeof fetch;
  now: () => Date;
  /** Per-request timeout; a hung platform must not hold up the outbox. */
  timeoutMs?: number;
}

export interface SendOptions {
  idempotencyKey: string;
  /** Mark the message as a test (`koubei alerts test`). */
  test?: boolean;
}

/**
 * One delivery attempt of an alert to one channel: render in the channel's language, build and
 * sign the platform payload, POST it, check the answer. Every failure is a `ChannelError`; the
 * error never contains the webhook URL, which is itself a credential.
 *
 * @example
 * await sendAlert(alert, channel, { fetch, now: () => new Date() }, { idempotencyKey: 'k1' });
 */
export async function sendAlert(
  alert: AlertDraft & { id: number },
  channel: ChannelConfig,
  deps: SendDeps,
  options: SendOptions,
): Promise<{ status: number }> {
  const adapter = CHANNELS[channel.type];
  const message = renderAlertMessage(alert, channel.lang, { test: options.test });
  const request = adapter.build({ alert, message, channel, now: deps.now(), idempotencyKey: options.idempotencyKey });
  let response: Response;
  try {
    response = await deps.fetch(request.url, {
      method: 'POST',
      headers: { ...request.headers, 'idempotency-key': options.idempotencyKey, 'user-agent': 'koubei-alerts' },
      body: request.body,
      signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
    });
  } catch (err) {
    const reason = err instanceof Error ? (err.name === 'TimeoutError' ? 'timed out' : err.message) : String(err);
    throw new ChannelError(channel.id, `request failed: ${reason}`, true, null, { cause: err });
  }
  const body = await response.text().catch(() => '');
  adapter.check(response.status, body, channel.id);
  return { status: response.status };
}

/** Messages per minute a channel may receive: its own setting, else the platform's limit. */
export function channelRateLimit(channel: ChannelConfig): number | undefined {
  return channel.rateLimitPerMinute ?? CHANNELS[channel.type].rateLimitPerMinute;
}

/** Messages per second a channel may receive, when its platform documents a burst limit. */
export function channelBurstLimit(channel: ChannelConfig): number | undefined {
  return CHANNELS[channel.type].rateLimitPerSecond;
}

/**
 * Exponential backoff: 30 s, 1 min, 2 min, … capped at 1 h. Deterministic (each delivery is claimed
 * by one run before it is sent, so there is no thundering herd to spread out).
 */
export function retryDelayMs(attempts: number, baseMs = 30_000, maxMs = 3_600_000): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);
}
