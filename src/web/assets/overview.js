// Overview of one brand: every card loads in parallel from rollup-backed endpoints and fills in as
// its answer arrives, so one slow card (themes) never holds up the charts.
import { drawNet, drawVolume } from './charts.js';
import { el, fmtNet, fmtPct, getJson, getOptional, sentimentClass, showError, stackedBar, table } from './dom.js';
import { aspectName, formatTime, t } from './i18n.js';

function card(id, titleKey, wide) {
  const body = el('div', t('loading'), 'card-body');
  body.id = id;
  return { node: el('section', null, wide ? 'card wide' : 'card', el('h2', t(titleKey)), body), body };
}

function renderKpis(body, points) {
  const sum = (k) => points.reduce((s, p) => s + p[k], 0);
  const volume = sum('volume');
  const [pos, neu, neg] = [sum('pos'), sum('neu'), sum('neg')];
  const net = volume ? (pos - neg) / volume : 0;
  const kpi = (label, value, className) => el('div', null, 'kpi', el('span', label, 'kpi-label'), el('strong', value, className));
  body.replaceChildren(
    el('div', null, 'kpis', kpi(t('ov.volume'), String(volume)), kpi(t('ov.net'), fmtNet(net), sentimentClass(net)),
      kpi(t('pos'), String(pos), 'pos'), kpi(t('neu'), String(neu), 'neu'), kpi(t('neg'), String(neg), 'neg')),
    stackedBar([[pos, 'pos'], [neu, 'neu'], [neg, 'neg']], 480, 16),
  );
  body.dataset.volume = String(volume);
}

function renderShare(body, data, brandId) {
  const rows = data.items.map((b) => [
    el('span', b.brandId, b.brandId === brandId ? 'self' : ''),
    String(b.volume),
    fmtPct(b.share),
    stackedBar([[b.share, 'share'], [1 - b.share, 'rest']], 160, 12),
    el('span', fmtNet(b.netSentiment), sentimentClass(b.netSentiment)),
  ]);
  body.replaceChildren(rows.length ? table([t('brand'), t('ov.volume'), t('share'), '', t('net')], rows) : el('p', t('none'), 'muted'));
}

/** Theme terms come from posts: rendered as text, sample posts only in the `title` tooltip (text too). */
function renderThemes(body, data) {
  if (!data.items.length) return body.replaceChildren(el('p', t('none'), 'muted'));
  const list = el('ol', null, 'themes');
  for (const theme of data.items) {
    const item = el('li', null, null, el('span', theme.term, 'term'), el('span', `${theme.mentions} ${t('mentions')}`, 'muted'),
      el('span', fmtNet(theme.netSentiment ?? 0), sentimentClass(theme.netSentiment ?? 0)));
    if (theme.samples?.length) item.title = theme.samples.map((s) => s.text.slice(0, 140)).join('\n—\n');
    list.append(item);
  }
  body.replaceChildren(list);
}

function renderAspects(body, data) {
  const rows = data.items
    .filter((a) => a.mentions > 0)
    .sort((a, b) => b.mentions - a.mentions)
    .slice(0, 12)
    .map((a) => {
      const net = (a.pos - a.neg) / a.mentions;
      return [aspectName(a.aspect), String(a.mentions), stackedBar([[a.pos, 'pos'], [a.neu, 'neu'], [a.neg, 'neg']], 160, 12), el('span', fmtNet(net), sentimentClass(net))];
    });
  body.replaceChildren(rows.length ? table([t('aspect'), t('ov.volume'), t('ov.split'), t('net')], rows) : el('p', t('none'), 'muted'));
}

export function renderAlertList(body, data, limit) {
  if (data === null) return body.replaceChildren(el('p', t('a.notConfigured'), 'muted not-configured'));
  if (!data.items.length) return body.replaceChildren(el('p', t('a.empty'), 'muted'));
  const list = el('ul', null, 'alerts');
  for (const alert of data.items.slice(0, limit)) {
    list.append(el('li', null, `severity-${alert.severity}`, el('span', alert.severity, `badge ${alert.severity}`),
      ` ${formatTime(alert.createdAt)} · ${alert.brandName} · ${t(`type.${alert.type}`)}`));
  }
  body.replaceChildren(list);
}

/** Builds the overview of `ctx.brand` over `ctx.from`…`ctx.to` (ISO strings). */
export function renderOverview(root, ctx) {
  const cards = {
    kpis: card('ov-kpis', 'ov.split', true),
    volume: card('chart-volume', 'ov.volumeChart', true),
    net: card('chart-net', 'ov.netChart', true),
    sov: card('ov-sov', 'ov.sov'),
    aspects: card('ov-aspects', 'ov.aspects'),
    themes: card('ov-themes', 'ov.themes'),
    rising: card('ov-rising', 'ov.rising'),
    alerts: card('ov-alerts', 'ov.alerts', true),
  };
  const links = el('p', null, 'report-links');
  const report = el('a', t('report'));
  const csv = el('a', t('csv'));
  const period = new URLSearchParams({ brand: ctx.brand, from: ctx.from, to: ctx.to });
  report.href = `/report?${period}`;
  csv.href = `/api/report.csv?${period}`;
  links.append(report, ' · ', csv);
  root.replaceChildren(links, el('div', null, 'grid', ...Object.values(cards).map((c) => c.node)));
  const q = new URLSearchParams({ brand: ctx.brand, from: ctx.from, to: ctx.to });
  const { signal } = ctx;
  const load = (promise, render, target) => promise.then(render).catch((err) => showError(target, err));
  return Promise.all([
    load(getJson(`/api/trends?${q}`, signal), (d) => {
      renderKpis(cards.kpis.body, d.points);
      drawVolume(cards.volume.body, d.points);
      drawNet(cards.net.body, d.points);
    }, cards.volume.body),
    load(getJson(`/api/share-of-voice?${q}`, signal), (d) => renderShare(cards.sov.body, d, ctx.brand), cards.sov.body),
    load(getJson(`/api/themes?${q}&limit=10`, signal), (d) => renderThemes(cards.themes.body, d), cards.themes.body),
    load(getJson(`/api/themes/rising?${q}&limit=10`, signal), (d) => renderThemes(cards.rising.body, d), cards.rising.body),
    load(getJson(`/api/aspects?${q}`, signal), (d) => renderAspects(cards.aspects.body, d), cards.aspects.body),
    load(getOptional(`/api/alerts?brand=${encodeURIComponent(ctx.brand)}&limit=5`, signal), (d) => renderAlertList(cards.alerts.body, d, 5), cards.alerts.body),
  ]);
}
