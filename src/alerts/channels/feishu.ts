import { createHmac } from 'node:crypto';
import { toMarkdown } from '../message.js';
import { fitBytes } from '../text-limit.js';
import { checkJsonCode, JSON_HEADERS, type ChannelAdapter } from './types.js';

const TEMPLATE = { info: 'blue', warning: 'orange', critical: 'red' } as const;
/** Request bodies over 20 KB are rejected; leave room for the card structure. */
const MARKDOWN_MAX_BYTES = 16_000;
/** 11232: throttled under load; 9499: too many requests. Everything else will not fix itself. */
const RETRYABLE = [11232, 9499];

/**
 * Feishu/Lark custom-bot signature: HMAC-SHA256 keyed with `${timestamp}\n${secret}` over an empty
 * message, base64. The timestamp is in seconds and must be within an hour of Feishu's clock.
 *
 * @example
 * feishuSign(1599360473, 'secret');
 */
export function feishuSign(timestampSeconds: number, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/**
 * Feishu/Lark custom bot: an interactive card (header coloured by severity, lark_md body, buttons),
 * signed with `timestamp` + `sign` in the body when the channel has a secret.
 *
 * @see https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
 */
export const feishuChannel: ChannelAdapter = {
  type: 'feishu',
  rateLimitPerMinute: 100,
  rateLimitPerSecond: 5,
  build({ message: m, channel, now }) {
    const content = fitBytes((n) => toMarkdown(m, { sampleChars: n }), MARKDOWN_MAX_BYTES);
    const card = {
      header: { title: { tag: 'plain_text', content: m.title }, template: TEMPLATE[m.severity] },
      elements: [
        { tag: 'div', text: { tag: 'lark_md', content } },
        {
          tag: 'action',
          actions: [
            { tag: 'button', text: { tag: 'plain_text', content: m.labels.open }, url: m.dashboardUrl, type: 'primary' },
            { tag: 'button', text: { tag: 'plain_text', content: m.labels.api }, url: m.apiUrl, type: 'default' },
          ],
        },
      ],
    };
    const timestamp = Math.floor(now.getTime() / 1000);
    const signature = channel.secret ? { timestamp: String(timestamp), sign: feishuSign(timestamp, channel.secret) } : {};
    return { url: channel.url, headers: JSON_HEADERS, body: JSON.stringify({ ...signature, msg_type: 'interactive', card }) };
  },
  check: (status, body, channelId) => checkJsonCode(status, body, channelId, RETRYABLE),
};
