import { createHmac } from 'node:crypto';
import { toMarkdown } from '../message.js';
import { fitBytes } from '../text-limit.js';
import { checkJsonCode, JSON_HEADERS, type ChannelAdapter } from './types.js';

/** DingTalk's message size limit is about 20,000 bytes; stay under it. */
const MARKDOWN_MAX_BYTES = 18_000;
/** 130101: sending too fast (more than 20 per minute); the robot is throttled for a while. */
const RETRYABLE = [130101];

/**
 * DingTalk custom-robot signature: HMAC-SHA256 keyed with the secret over `${timestamp}\n${secret}`,
 * base64. The timestamp is in milliseconds; both go in the query string (URL-encoded).
 *
 * @example
 * dingtalkSign(1577262236757, 'SECxxx');
 */
export function dingtalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/**
 * DingTalk custom robot: a markdown message. With a secret, `timestamp` and `sign` are appended
 * to the webhook URL (which already carries `access_token`). Limit: 20 messages per minute.
 *
 * @see https://open.dingtalk.com/document/robots/custom-robot-access
 */
export const dingtalkChannel: ChannelAdapter = {
  type: 'dingtalk',
  rateLimitPerMinute: 20,
  build({ message: m, channel, now }) {
    const url = new URL(channel.url);
    if (channel.secret) {
      const timestamp = now.getTime();
      // URLSearchParams percent-encodes the base64 (+, /, =) as DingTalk requires.
      url.searchParams.set('timestamp', String(timestamp));
      url.searchParams.set('sign', dingtalkSign(timestamp, channel.secret));
    }
    const text = fitBytes((n) => toMarkdown(m, { heading: true, sampleChars: n }), MARKDOWN_MAX_BYTES);
    return { url: url.toString(), headers: JSON_HEADERS, body: JSON.stringify({ msgtype: 'markdown', markdown: { title: m.title, text } }) };
  },
  check: (status, body, channelId) => checkJsonCode(status, body, channelId, RETRYABLE),
};
