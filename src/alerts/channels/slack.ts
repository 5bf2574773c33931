import { byline, clip } from '../message.js';
import { checkHttpStatus, JSON_HEADERS, type ChannelAdapter } from './types.js';

// Block Kit limits: header text 150 chars, section text 3000 chars, 50 blocks.
const HEADER_MAX = 150;
const SECTION_MAX = 3000;

/**
 * Text from posts in mrkdwn, escaped as Slack asks: `<!channel>`, `<@U123>` and `<https://…|refund>`
 * in a post are shown, not obeyed (no channel-wide ping, no disguised link).
 */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack incoming webhook with Block Kit blocks; `text` is the notification fallback. Slack answers
 * 200 with the body `ok`.
 *
 * @see https://api.slack.com/messaging/webhooks
 */
export const slackChannel: ChannelAdapter = {
  type: 'slack',
  build({ message: m, channel }) {
    const samples = m.samples.map((s) => {
      const who = escapeMrkdwn(byline(s, m.labels));
      return `>${escapeMrkdwn(clip(s.text, 300))}${who ? ` — ${who}` : ''}${s.url ? ` <${escapeMrkdwn(s.url).replace(/\|/g, '%7C')}|link>` : ''}`;
    });
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: clip(m.title, HEADER_MAX), emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: clip(`*${m.labels.signals}*\n${m.signals.map((s) => `• ${escapeMrkdwn(s)}`).join('\n')}`, SECTION_MAX) } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*${m.labels.window}*\n${m.window}` },
          { type: 'mrkdwn', text: clip(`*${m.labels.themes}*\n${escapeMrkdwn(m.themes)}`, 2000) },
        ],
      },
      ...(samples.length ? [{ type: 'section', text: { type: 'mrkdwn', text: clip(`*${m.labels.samples}*\n${samples.join('\n')}`, SECTION_MAX) } }] : []),
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: m.labels.open }, url: m.dashboardUrl, style: 'primary' },
          { type: 'button', text: { type: 'plain_text', text: m.labels.api }, url: m.apiUrl },
        ],
      },
    ];
    return { url: channel.url, headers: JSON_HEADERS, body: JSON.stringify({ text: m.title, blocks }) };
  },
  check: checkHttpStatus,
};
