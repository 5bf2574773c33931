import type { AlertDraft } from '../analytics/alerts/explain.js';
import type { Severity } from '../analytics/alerts/types.js';
import { renderDigestMessage } from './digest.js';
import { describeSignal, LABELS, type Labels, type MessageLang } from './i18n.js';

/** A rendered alert, independent of any platform; channel files turn it into their payload. */
export interface AlertMessage {
  lang: MessageLang;
  labels: Labels;
  severity: Severity;
  /** Hex colour without `#` for the severity. */
  color: string;
  title: string;
  signals: string[];
  window: string;
  themes: string;
  samples: { text: string; url: string | null; author: string | null; followers: number | null }[];
  dashboardUrl: string;
  apiUrl: string;
}

const COLORS: Record<Severity, string> = { info: '2F80ED', warning: 'F2994A', critical: 'EB5757' };

const clock = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** Shortens text to `max` characters (by code point), marking the cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * Renders an alert in a channel's language: title, one line per signal (measured vs baseline),
 * window, top themes, 3 samples and links.
 *
 * @example
 * renderAlertMessage(alert, 'zh').title; // "【严重】FreshBee：危机词"
 */
export function renderAlertMessage(alert: AlertDraft, lang: MessageLang, options: { test?: boolean } = {}): AlertMessage {
  if (alert.digest) return renderDigestMessage({ ...alert, digest: alert.digest }, lang, options);
  const labels = LABELS[lang];
  const kinds = [...new Set(alert.signals.map((s) => labels.type[s.type]))].join(lang === 'zh' ? '、' : ', ');
  const severity = labels.severity[alert.severity];
  const prefix = options.test ? `${labels.test} · ` : '';
  const title = lang === 'zh' ? `${prefix}【${severity}】${alert.brandName}：${kinds}` : `${prefix}[${severity}] ${alert.brandName}: ${kinds}`;
  const sep = lang === 'zh' ? '、' : ', ';
  const themes = alert.topThemes.length ? alert.topThemes.map((t) => `${t.theme} (${t.count})`).join(sep) : labels.none;
  return {
    lang,
    labels,
    severity: alert.severity,
    color: COLORS[alert.severity],
    title,
    signals: alert.signals.map((s) => describeSignal(s, lang)),
    window: `${clock(alert.window.from)} – ${clock(alert.window.to)} UTC`,
    themes,
    samples: alert.samples.map((s) => ({ text: clip(s.text.replace(/\s+/g, ' '), 200), url: s.url, author: s.author, followers: s.followers })),
    dashboardUrl: alert.dashboardUrl,
    apiUrl: alert.apiUrl,
  };
}

/** "@handle (12,000 followers)" or "" — shared by the markdown-style channels. */
export function byline(sample: AlertMessage['samples'][number], labels: Labels): string {
  if (!sample.author) return '';
  return sample.followers !== null ? `@${sample.author} (${sample.followers} ${labels.followers})` : `@${sample.author}`;
}

const FULL_WIDTH: Record<string, string> = { '<': '＜', '>': '＞', '[': '［', ']': '］' };

/**
 * Post text set into a markdown channel (Feishu lark_md, DingTalk, WeCom) that can neither mention
 * nor link: `<at id=all></at>`, `<@userid>` and `[点此领取退款](https://…)` are shown, not obeyed. The
 * brackets turn full-width, which reads the same and has no meaning in any of these dialects.
 */
export function inertMarkdown(text: string): string {
  return text.replace(/[<>[\]]/g, (c) => FULL_WIDTH[c]);
}

/** A post's URL as a markdown link target: characters that would end the link are percent-encoded. */
export function markdownUrl(url: string): string {
  return url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Markdown body used by Feishu, DingTalk and WeCom (bold, links, quotes); text from posts is inert. */
export function toMarkdown(m: AlertMessage, options: { heading?: boolean; sampleChars?: number } = {}): string {
  const lines: string[] = [];
  if (options.heading) lines.push(`### ${m.title}`, '');
  lines.push(`**${m.labels.signals}**`, ...m.signals.map((s) => `- ${inertMarkdown(s)}`), '');
  lines.push(`**${m.labels.window}**: ${m.window}`, `**${m.labels.themes}**: ${inertMarkdown(m.themes)}`, '');
  if (m.samples.length) lines.push(`**${m.labels.samples}**`);
  for (const s of m.samples) {
    const text = inertMarkdown(clip(s.text, options.sampleChars ?? 200));
    const who = inertMarkdown(byline(s, m.labels));
    lines.push(`> ${text}${who ? ` — ${who}` : ''}${s.url ? ` [link](${markdownUrl(s.url)})` : ''}`, '');
  }
  lines.push(`[${m.labels.open}](${m.dashboardUrl}) · [${m.labels.api}](${m.apiUrl})`);
  return lines.join('\n');
}
