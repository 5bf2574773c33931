// Printable sentiment report for `/report?brand=&from=&to=[&baselineFrom=&baselineTo=]`: a period
// (a week, a campaign window) against a baseline, from /api/compare, plus share of voice and a
// daily volume chart. Theme terms and brand ids are data and go through textContent only.
import { drawVolume } from './charts.js';
import { apiKey } from './api-key.js';
import { $, el, fmtNet, fmtPct, getJson, showError, table } from './dom.js';
import { applyStatic, aspectName, formatTime, lang, setLang, t } from './i18n.js';
import { initKeyButton, showKeyPanel } from './key-form.js';

const params = new URLSearchParams(location.search);

function section(titleKey, ...children) {
  return el('section', null, null, el('h3', t(titleKey)), ...children);
}

function num(value) {
  const cell = el('span', String(value));
  cell.className = 'num';
  return cell;
}

function summaryTable(cmp) {
  const { current: c, baseline: b, change } = cmp;
  // No baseline mentions: the volume is new rather than +∞ %, and the nets below show "—".
  const pct = change.volumePct === null ? t('r.new') : `${change.volumePct >= 0 ? '+' : ''}${(change.volumePct * 100).toFixed(1)}%`;
  const rows = [
    [t('ov.volume'), num(c.volume), num(b.volume), num(`${change.volume >= 0 ? '+' : ''}${change.volume} (${pct})`)],
    [t('pos'), num(c.pos), num(b.pos), num(c.pos - b.pos)],
    [t('neu'), num(c.neu), num(b.neu), num(c.neu - b.neu)],
    [t('neg'), num(c.neg), num(b.neg), num(c.neg - b.neg)],
    [t('ov.net'), num(fmtNet(c.netSentiment)), num(fmtNet(b.netSentiment)), num(fmtNet(change.netSentiment))],
  ];
  return table([t('r.metric'), t('r.current'), t('r.baseline'), t('r.change')], rows);
}

function themesTable(themes) {
  if (!themes.length) return el('p', t('none'), 'muted');
  return table([t('ov.themes'), t('ov.volume'), t('net')], themes.map((th) => [th.term, num(th.mentions), num(fmtNet(th.netSentiment ?? 0))]));
}

function aspectsTable(aspects) {
  if (!aspects.length) return el('p', t('none'), 'muted');
  return table([t('aspect'), t('r.current'), t('r.baseline'), t('r.change')],
    aspects.slice(0, 12).map((a) => [aspectName(a.aspect), num(fmtNet(a.current)), num(fmtNet(a.baseline)), num(fmtNet(a.change))]));
}

async function render() {
  applyStatic();
  const root = $('report');
  const brand = params.get('brand');
  if (!brand) {
    const brands = await getJson('/api/brands');
    const list = el('ul', null, null, ...brands.items.map((b) => {
      const link = el('a', b.name);
      link.href = `/report?brand=${encodeURIComponent(b.id)}`;
      return el('li', null, null, link);
    }));
    root.replaceChildren(el('p', t('r.pickBrand')), list);
    return;
  }
  const query = new URLSearchParams({ brand });
  for (const key of ['from', 'to', 'baselineFrom', 'baselineTo']) if (params.get(key)) query.set(key, params.get(key));
  const cmp = await getJson(`/api/compare?${query}`);
  const period = new URLSearchParams({ brand, from: cmp.current.from, to: cmp.current.to });
  const [sov, trends] = await Promise.all([
    getJson(`/api/share-of-voice?${period}`),
    getJson(`/api/trends?${period}&interval=day`),
  ]);
  const csv = el('a', t('csv'));
  csv.href = `/api/report.csv?${query}`;
  csv.addEventListener('click', (e) => {
    if (!apiKey()) return;
    e.preventDefault();
    void downloadWithKey(csv.href).catch((err) => showError($('actions'), err));
  });
  const print = el('button', t('r.print'));
  print.type = 'button';
  print.addEventListener('click', () => window.print());
  $('actions').replaceChildren(print, ' ', csv);
  const chart = el('div', null, 'chart');
  chart.id = 'report-chart';
  root.replaceChildren(
    el('div', null, 'report-head', el('h2', `${t('r.title')} · ${brand}`),
      el('p', `${t('r.period')}: ${formatTime(cmp.current.from)} – ${formatTime(cmp.current.to)} · ${t('r.baseline')}: ${formatTime(cmp.baseline.from)} – ${formatTime(cmp.baseline.to)}`, 'muted')),
    section('ov.split', summaryTable(cmp)),
    section('ov.volumeChart', chart),
    section('ov.sov', table([t('brand'), t('ov.volume'), t('share'), t('net')],
      sov.items.map((v) => [v.brandId, num(v.volume), num(fmtPct(v.share)), num(fmtNet(v.netSentiment))]))),
    section('ov.themes', themesTable(cmp.current.topThemes),
      el('p', `${t('r.newThemes')}: ${cmp.change.newThemes.join(lang() === 'zh' ? '、' : ', ') || t('none')}`)),
    section('ov.aspects', aspectsTable(cmp.change.aspects)),
  );
  drawVolume(chart, trends.points);
}

/**
 * A link cannot send the Authorization header, so with a key the CSV is fetched and saved from a
 * blob URL, under the file name the server gives.
 */
async function downloadWithKey(href) {
  const res = await fetch(href, { headers: { authorization: `Bearer ${apiKey()}` } });
  if (!res.ok) throw new Error(`${href}: HTTP ${res.status}`);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'koubei-report.csv';
  const link = el('a');
  link.href = URL.createObjectURL(await res.blob());
  link.download = name;
  link.click();
  // Revoked later: the download may still be reading the blob right after the click.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

initKeyButton();

$('lang-switch').addEventListener('click', () => {
  setLang(lang() === 'zh' ? 'en' : 'zh');
  void run();
});

function run() {
  const root = $('report');
  root.dataset.ready = 'false';
  return render()
    .catch((err) => {
      showError(root, err);
      if (err.status === 401) showKeyPanel(true);
    })
    .finally(() => (root.dataset.ready = 'true'));
}

void run();
