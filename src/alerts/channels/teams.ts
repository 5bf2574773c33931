import { byline } from '../message.js';
import { checkHttpStatus, JSON_HEADERS, type ChannelAdapter } from './types.js';

const STYLE = { info: 'accent', warning: 'warning', critical: 'attention' } as const;

/**
 * Microsoft Teams via a Workflows ("Post to a channel when a webhook request is received")
 * webhook: a `message` envelope carrying one Adaptive Card. Workflows answers 202 Accepted.
 *
 * @see https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
 */
export const teamsChannel: ChannelAdapter = {
  type: 'teams',
  build({ message: m, channel }) {
    const card = {
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.4',
      body: [
        { type: 'TextBlock', text: m.title, weight: 'Bolder', size: 'Medium', wrap: true, color: STYLE[m.severity] },
        { type: 'TextBlock', text: m.labels.signals, weight: 'Bolder', wrap: true, spacing: 'Medium' },
        ...m.signals.map((s) => ({ type: 'TextBlock', text: `- ${s}`, wrap: true, spacing: 'Small' })),
        { type: 'FactSet', facts: [{ title: m.labels.window, value: m.window }, { title: m.labels.themes, value: m.themes }] },
        ...(m.samples.length ? [{ type: 'TextBlock', text: m.labels.samples, weight: 'Bolder', wrap: true, spacing: 'Medium' }] : []),
        ...m.samples.map((s) => {
          const who = byline(s, m.labels);
          return { type: 'TextBlock', text: `${s.text}${who ? ` — ${who}` : ''}${s.url ? ` [link](${s.url})` : ''}`, wrap: true, isSubtle: true };
        }),
      ],
      actions: [
        { type: 'Action.OpenUrl', title: m.labels.open, url: m.dashboardUrl },
        { type: 'Action.OpenUrl', title: m.labels.api, url: m.apiUrl },
      ],
    };
    const envelope = {
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
    };
    return { url: channel.url, headers: JSON_HEADERS, body: JSON.stringify(envelope) };
  },
  check: checkHttpStatus,
};
