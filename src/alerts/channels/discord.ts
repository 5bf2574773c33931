import { byline, clip } from '../message.js';
import { checkHttpStatus, JSON_HEADERS, type ChannelAdapter } from './types.js';

// Embed limits: title 256, description 4096, field name 256 / value 1024, 25 fields, 6000 in total.
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 3500;
const FIELD_MAX = 1024;

/**
 * Discord webhook: one embed coloured by severity. `allowed_mentions.parse = []` so text from
 * posts ("@everyone", "<@id>") can never ping anyone. Discord answers 204 No Content.
 *
 * @see https://discord.com/developers/docs/resources/webhook#execute-webhook
 */
export const discordChannel: ChannelAdapter = {
  type: 'discord',
  build({ message: m, channel, alert }) {
    const samples = m.samples.map((s, i) => {
      const who = byline(s, m.labels);
      return { name: `${m.labels.samples} ${i + 1}${who ? ` — ${clip(who, 200)}` : ''}`, value: clip(`${s.text}${s.url ? `\n${s.url}` : ''}`, FIELD_MAX), inline: false };
    });
    const embed = {
      title: clip(m.title, TITLE_MAX),
      url: m.dashboardUrl,
      color: Number.parseInt(m.color, 16),
      description: clip(m.signals.map((s) => `• ${s}`).join('\n'), DESCRIPTION_MAX),
      fields: [
        { name: m.labels.window, value: m.window, inline: true },
        { name: m.labels.themes, value: clip(m.themes, FIELD_MAX), inline: true },
        ...samples,
        { name: m.labels.api, value: clip(m.apiUrl, FIELD_MAX), inline: false },
      ],
      timestamp: alert.createdAt,
      footer: { text: 'koubei' },
    };
    return { url: channel.url, headers: JSON_HEADERS, body: JSON.stringify({ username: 'koubei', embeds: [embed], allowed_mentions: { parse: [] } }) };
  },
  check: checkHttpStatus,
};
