// Alerts: history with per-channel delivery status, and the rule settings in force. Either route may
// be missing on a server without the alerts module; each card then says so instead of failing.
import { $, el, getOptional, showError, table } from './dom.js';
import { formatTime, t } from './i18n.js';

function deliveries(list) {
  const cell = el('span', null, 'deliveries');
  if (!list?.length) cell.append(el('span', '–', 'muted'));
  for (const d of list ?? []) {
    const chip = el('span', `${d.channelId}: ${d.status}`, `chip delivery-${d.status}`);
    const details = [`attempts ${d.attempts}`, d.lastStatus ? `HTTP ${d.lastStatus}` : '', d.lastError ?? ''].filter(Boolean);
    chip.title = details.join(' · ');
    cell.append(chip);
  }
  return cell;
}

function signalsText(alert) {
  return (alert.signals ?? [])
    .map((s) => `${t(`type.${s.type}`)} ${s.metric}=${s.observed}${s.baseline !== null && s.baseline !== undefined ? ` (${s.baseline})` : ''}${s.terms?.length ? ` [${s.terms.join(', ')}]` : ''}`)
    .join('; ');
}

async function loadHistory(body, ctx) {
  const params = new URLSearchParams({ limit: '50' });
  if (ctx.brand) params.set('brand', ctx.brand);
  if ($('a-failed')?.checked) params.set('failed', 'true');
  const data = await getOptional(`/api/alerts?${params}`, ctx.signal);
  if (data === null) return body.replaceChildren(el('p', t('a.notConfigured'), 'muted not-configured'));
  if (!data.items.length) return body.replaceChildren(el('p', t('a.empty'), 'muted'));
  const rows = data.items.map((a) => [
    formatTime(a.createdAt),
    a.brandName,
    el('span', a.severity, `badge ${a.severity}`),
    signalsText(a),
    deliveries(a.deliveries),
  ]);
  body.replaceChildren(table([t('a.time'), t('brand'), t('a.severity'), t('a.signals'), t('a.delivery')], rows));
}

function rulesTable(settings) {
  const rows = settings.rules.map((r) => [
    r.brand,
    t(`type.${r.type}`),
    el('span', r.enabled ? t('a.enabled') : t('a.disabled'), r.enabled ? 'pos' : 'muted'),
    Object.entries(r.thresholds ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || '–',
    `${t('a.cooldown')} ${r.cooldownMinutes} min`,
    (r.channels ?? ['*']).join(', '),
  ]);
  return table([t('brand'), t('a.type'), '', t('a.thresholds'), '', t('a.channels')], rows);
}

async function loadRules(body, ctx) {
  const settings = await getOptional('/api/alert-rules', ctx.signal);
  if (settings === null) return body.replaceChildren(el('p', t('a.rulesMissing'), 'muted not-configured'));
  const channels = settings.channels.map((c) => `${c.id} (${c.type}, ${c.lang})`).join(', ') || t('none');
  body.replaceChildren(
    el('p', `${t('a.origin')}: ${settings.origin}${settings.updatedAt ? ` · ${formatTime(settings.updatedAt)}` : ''}`, 'muted'),
    el('p', `${t('a.channels')}: ${channels}`),
    rulesTable(settings),
  );
}

export function renderAlerts(root, ctx) {
  const history = el('div', t('loading'));
  const rules = el('div', t('loading'));
  const failed = el('input');
  failed.type = 'checkbox';
  failed.id = 'a-failed';
  const toggle = el('label', null, 'toggle', failed, ` ${t('a.failedOnly')}`);
  failed.addEventListener('change', () => void loadHistory(history, ctx).catch((err) => showError(history, err)));
  root.replaceChildren(
    el('section', null, 'card wide', el('h2', t('a.history')), toggle, history),
    el('section', null, 'card wide', el('h2', t('a.rules')), rules),
  );
  return Promise.all([
    loadHistory(history, ctx).catch((err) => showError(history, err)),
    loadRules(rules, ctx).catch((err) => showError(rules, err)),
  ]);
}
