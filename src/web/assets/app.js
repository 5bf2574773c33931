// Dashboard shell: header (brand, range, language), hash routing between pages, and the request
// context each page renders with. Navigating aborts the previous page's requests.
import { renderAlerts } from './alerts.js';
import { renderCustomers } from './customers.js';
import { $, el, getJson, showError } from './dom.js';
import { applyStatic, lang, setLang, t } from './i18n.js';
import { initKeyButton, showKeyPanel } from './key-form.js';
import { renderMentions } from './mentions.js';
import { renderOverview } from './overview.js';
import { renderSources } from './sources.js';

const PAGES = { overview: renderOverview, mentions: renderMentions, alerts: renderAlerts, customers: renderCustomers, sources: renderSources };
let controller = null;

function currentPage() {
  const name = location.hash.replace(/^#\/?/, '');
  return PAGES[name] ? name : 'overview';
}

/** The period ends at the top of the next minute so repeated loads hit the same (cached) range. */
function context() {
  const days = Number($('range').value);
  const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
  const from = new Date(to.getTime() - days * 86_400_000);
  controller?.abort();
  controller = new AbortController();
  return { brand: $('brand').value, from: from.toISOString(), to: to.toISOString(), signal: controller.signal };
}

async function show() {
  const page = currentPage();
  for (const link of document.querySelectorAll('#nav a')) link.classList.toggle('active', link.dataset.page === page);
  // The overview is per brand; the "all brands" choice only makes sense on list pages.
  $('brand-all').disabled = page === 'overview';
  if (page === 'overview' && !$('brand').value) $('brand').selectedIndex = 1;
  const root = $('page');
  root.dataset.page = page;
  root.dataset.ready = 'false';
  const started = performance.now();
  await PAGES[page](root, context());
  root.dataset.ready = 'true';
  root.dataset.renderMs = String(Math.round(performance.now() - started));
}

async function showHealth() {
  const health = await getJson('/health').catch(() => null);
  const node = $('health');
  if (!health) return;
  node.textContent = health.status === 'ok' ? t('sources.ok') : `${t('sources.degraded')}: ${health.unhealthySources.map((s) => s.id).join(', ')}`;
  node.className = health.status;
}

async function init() {
  applyStatic();
  initKeyButton();
  const brands = await getJson('/api/brands');
  const fromUrl = new URLSearchParams(location.search).get('brand');
  for (const b of brands.items) {
    const option = el('option', b.name);
    option.value = b.id;
    $('brand').append(option);
  }
  if (fromUrl && brands.items.some((b) => b.id === fromUrl)) $('brand').value = fromUrl;
  $('brand').addEventListener('change', show);
  $('range').addEventListener('change', show);
  $('lang-switch').addEventListener('click', () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    void show();
    void showHealth();
  });
  addEventListener('hashchange', show);
  await Promise.all([show(), showHealth()]);
}

// The brand list is the first API call: without a valid key it is the one that says so.
init().catch((err) => {
  showError($('page'), err);
  if (err.status === 401) showKeyPanel(true);
});
