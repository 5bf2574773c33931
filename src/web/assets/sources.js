// Sources: health of every collector (failure streak, last run counts, next run, last error).
import { el, getJson, showError, table } from './dom.js';
import { formatTime, t } from './i18n.js';

export function renderSources(root, ctx) {
  const body = el('div', t('loading'));
  root.replaceChildren(el('section', null, 'card wide', el('h2', t('nav.sources')), body));
  return getJson('/api/sources', ctx.signal)
    .then((data) => {
      const rows = data.items.map((s) => [
        s.id,
        s.type,
        el('span', s.healthy ? t('s.healthy') : t('s.unhealthy'), s.healthy ? 'pos' : 'neg'),
        `${formatTime(s.lastRunAt)}${s.lastStatus ? ` (${s.lastStatus})` : ''}`,
        formatTime(s.nextRunAt),
        String(s.lastRun?.fetched ?? '–'),
        String(s.lastRun?.inserted ?? '–'),
        String(s.consecutiveFailures),
        el('span', s.lastError ?? '', 'error-text'),
      ]);
      body.replaceChildren(
        rows.length
          ? table([t('s.id'), t('s.type'), t('s.health'), t('s.lastRun'), t('s.nextRun'), t('s.fetched'), t('s.inserted'), t('s.failures'), t('s.error')], rows)
          : el('p', t('none'), 'muted'),
      );
    })
    .catch((err) => showError(body, err));
}
