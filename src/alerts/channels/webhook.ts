import { createHmac } from 'node:crypto';
import { toMarkdown } from '../message.js';
import { checkHttpStatus, JSON_HEADERS, type ChannelAdapter } from './types.js';

/**
 * Generic-webhook signature: hex HMAC-SHA256 keyed with the channel secret over
 * `${timestamp}.${body}` (timestamp in seconds, body as sent). Receivers recompute it, compare in
 * constant time and reject old timestamps to stop replays.
 *
 * @example
 * `sha256=${webhookSignature(1767225600, body, secret)}`;
 */
export function webhookSignature(timestampSeconds: number, body: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}

/**
 * Generic webhook: the whole alert as JSON plus a rendered title and markdown text. Headers:
 * `Idempotency-Key` (the same on every retry), `X-Koubei-Timestamp` and, with a secret,
 * `X-Koubei-Signature: sha256=<hex>`.
 */
export const webhookChannel: ChannelAdapter = {
  type: 'webhook',
  build({ alert, message: m, channel, now, idempotencyKey }) {
    const timestamp = Math.floor(now.getTime() / 1000);
    const body = JSON.stringify({
      id: idempotencyKey,
      type: alert.type === 'digest' ? 'koubei.digest' : 'koubei.alert',
      lang: m.lang,
      title: m.title,
      text: toMarkdown(m),
      alert,
    });
    const headers: Record<string, string> = { ...JSON_HEADERS, 'x-koubei-timestamp': String(timestamp) };
    if (channel.secret) headers['x-koubei-signature'] = `sha256=${webhookSignature(timestamp, body, channel.secret)}`;
    return { url: channel.url, headers, body };
  },
  check: checkHttpStatus,
};
