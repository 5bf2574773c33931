import { byline, clip, inertMarkdown, markdownUrl, type AlertMessage } from '../message.js';
import { fitBytes } from '../text-limit.js';
import { checkJsonCode, JSON_HEADERS, type ChannelAdapter } from './types.js';

/** WeCom markdown content is limited to 4096 UTF-8 bytes. */
export const WECOM_MAX_BYTES = 4096;
/** 45009: API frequency limit (20 messages per minute per robot). */
const RETRYABLE = [45009];
const FONT = { info: 'info', warning: 'warning', critical: 'warning' } as const;

/** WeCom's markdown subset: headings, bold, links, quotes and `<font color>`; no lists or tables. */
function toWecomMarkdown(m: AlertMessage, sampleChars: number): string {
  const lines = [`### <font color="${FONT[m.severity]}">${inertMarkdown(m.title)}</font>`, `**${m.labels.signals}**`, ...m.signals.map((s) => `> ${inertMarkdown(s)}`)];
  lines.push(`**${m.labels.window}**：${m.window}`, `**${m.labels.themes}**：${inertMarkdown(m.themes)}`);
  if (m.samples.length) lines.push(`**${m.labels.samples}**`);
  for (const s of m.samples) {
    const who = inertMarkdown(byline(s, m.labels));
    const text = sampleChars > 0 ? inertMarkdown(clip(s.text, sampleChars)) : '';
    lines.push(`> ${text}${who ? ` — ${who}` : ''}${s.url ? ` [link](${markdownUrl(s.url)})` : ''}`);
  }
  lines.push(`[${m.labels.open}](${m.dashboardUrl})`);
  return lines.join('\n');
}

/**
 * WeCom (企业微信) group robot: a markdown message of at most 4096 bytes (samples are shortened
 * to fit). Limit: 20 messages per minute per robot.
 *
 * @see https://developer.work.weixin.qq.com/document/path/91770
 */
export const wecomChannel: ChannelAdapter = {
  type: 'wecom',
  rateLimitPerMinute: 20,
  build({ message: m, channel }) {
    const content = fitBytes((n) => toWecomMarkdown(m, n), WECOM_MAX_BYTES);
    return { url: channel.url, headers: JSON_HEADERS, body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }) };
  },
  check: (status, body, channelId) => checkJsonCode(status, body, channelId, RETRYABLE),
};
