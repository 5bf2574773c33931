// Customers: segment builder over the profiles API. `GET /api/tags` gives the taxonomy (clickable
// chips that append to the expression), `GET /api/segments?expr=` the count and members, and
// `GET /api/authors/:id/profile` the evidence of a few sample members. A server without the profiles
// module answers 404 and the page says so. Names, tags and evidence cues are untrusted text.
import { el, getJson, getOptional, showError } from './dom.js';
import { lang, t } from './i18n.js';

const SAMPLES = 5;
let labels = new Map();

const tagLabel = (id) => {
  const label = labels.get(id);
  return label ? `${label[lang()] ?? label.en ?? id}` : id;
};
const authorName = (a) => a?.name || a?.handle || `${a?.platform ?? ''}:${a?.platformId ?? a?.id ?? '?'}`;

function profileCard(member, profile) {
  const author = member.authors[0];
  const head = el('div', null, 'profile-head', el('strong', authorName(author)), el('span', ` · ${author?.platform ?? ''}`, 'muted'));
  const list = el('ul', null, 'tags');
  const tags = profile?.tags ?? member.tags;
  for (const tag of tags.slice(0, 8)) {
    const brand = tag.brand || tag.brandId;
    const item = el('li', null, null, el('span', `${tagLabel(tag.tag)}${brand ? ` @${brand}` : ''} ${tag.confidence.toFixed(2)}`, 'chip'));
    const evidence = (tag.evidence ?? []).slice(0, 3).map((e) => `“${e.cue}” #${e.mentionId}`);
    if (evidence.length) item.append(el('span', ` ${t('c.evidence')}: ${evidence.join(' · ')}`, 'muted'));
    list.append(item);
  }
  return el('li', null, 'profile', head, list);
}

async function run(result, form, ctx) {
  const expr = form.expr.value.trim();
  if (!expr) return result.replaceChildren(el('p', t('c.exprHint'), 'muted'));
  const params = new URLSearchParams({ expr, minConfidence: form.minConfidence.value || '0.5', limit: String(SAMPLES) });
  if (ctx.brand) params.set('brand', ctx.brand);
  result.replaceChildren(el('p', t('loading'), 'muted'));
  const page = await getOptional(`/api/segments?${params}`, ctx.signal);
  if (page === null) return result.replaceChildren(el('p', t('c.notAvailable'), 'muted not-configured'));
  // Evidence lives on the full profile; a handful of requests in parallel, failures shown as the bare member.
  const profiles = await Promise.all(
    page.items.map((m) => (m.authors[0] ? getJson(`/api/authors/${m.authors[0].id}/profile`, ctx.signal).catch(() => null) : null)),
  );
  const count = el('strong', String(page.count));
  count.id = 'c-count';
  result.replaceChildren(
    el('p', null, null, `${t('c.count')}: `, count),
    page.items.length ? el('h3', t('c.samples')) : el('p', t('c.empty'), 'muted'),
    el('ol', null, 'profiles', ...page.items.map((m, i) => profileCard(m, profiles[i]))),
  );
}

function palette(taxonomy, input) {
  const box = el('div', null, 'palette');
  for (const tag of taxonomy.items) {
    const chip = el('button', tagLabel(tag.id), 'chip');
    chip.type = 'button';
    chip.title = tag.id;
    chip.addEventListener('click', () => {
      input.value = input.value.trim() ? `${input.value.trim()} AND ${tag.id}` : tag.id;
      input.focus();
    });
    box.append(chip);
  }
  return box;
}

export async function renderCustomers(root, ctx) {
  const form = el('form', null, 'filters segment-form');
  const expr = el('input');
  expr.name = 'expr';
  expr.size = 56;
  expr.placeholder = t('c.exprHint');
  // A useful first view: who is unhappy with the brand in the header (or any brand).
  expr.value = 'detractor OR churn_risk';
  const conf = el('input');
  Object.assign(conf, { name: 'minConfidence', type: 'number', min: '0', max: '1', step: '0.05', value: '0.5' });
  form.append(el('label', `${t('c.expr')} `, null, expr), el('label', `${t('c.minConf')} `, null, conf), el('button', t('c.run')));
  const result = el('div');
  result.id = 'c-result';
  const card = el('section', null, 'card wide', el('h2', t('nav.customers')));
  root.replaceChildren(card);
  const taxonomy = await getOptional('/api/tags', ctx.signal).catch(() => null);
  if (taxonomy === null) return card.append(el('p', t('c.notAvailable'), 'muted not-configured'));
  labels = new Map(taxonomy.items.map((tag) => [tag.id, tag.label]));
  card.append(form, palette(taxonomy, expr), result);
  const go = () => run(result, form, ctx).catch((err) => showError(result, err));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void go();
  });
  return go();
}
