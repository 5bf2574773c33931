// Customers: segment builder over the profiles API (`GET /api/segments?expr=…`). The profiles
// module is built separately, so the response is read defensively and a missing route is a state,
// not an error. Author names, tags and evidence cues are untrusted text.
import { el, getOptional, showError } from './dom.js';
import { t } from './i18n.js';

const SAMPLES = 10;

const tagName = (tag) => tag.tag ?? tag.id ?? tag.name ?? String(tag);
const authorName = (m) => m.name ?? m.handle ?? m.author?.handle ?? m.authorId ?? m.id ?? '?';

function evidenceList(tag) {
  const list = el('ul', null, 'evidence');
  for (const e of (tag.evidence ?? []).slice(0, 3)) {
    const cue = e.cue ?? e.text ?? e.term ?? '';
    list.append(el('li', `${cue}${e.mentionId !== undefined ? ` (#${e.mentionId})` : ''}`));
  }
  return list;
}

function profileCard(member) {
  const tags = member.tags ?? member.profile?.tags ?? [];
  const head = el('div', null, 'profile-head', el('strong', authorName(member)));
  if (member.platform) head.append(el('span', ` · ${member.platform}`, 'muted'));
  const body = el('ul', null, 'tags');
  for (const tag of tags.slice(0, 8)) {
    const conf = typeof tag.confidence === 'number' ? ` ${tag.confidence.toFixed(2)}` : '';
    const item = el('li', null, null, el('span', `${tagName(tag)}${conf}`, 'chip'));
    if (tag.evidence?.length) item.append(el('span', `${t('c.evidence')}:`, 'muted'), evidenceList(tag));
    body.append(item);
  }
  return el('li', null, 'profile', head, body);
}

async function run(result, form, ctx) {
  const params = new URLSearchParams({ limit: String(SAMPLES) });
  // Without an expression this only probes whether the route exists (and lists any authors).
  if (form.expr.value.trim()) params.set('expr', form.expr.value.trim());
  if (form.minConfidence.value) params.set('minConfidence', form.minConfidence.value);
  if (ctx.brand) params.set('brand', ctx.brand);
  result.replaceChildren(el('p', t('loading'), 'muted'));
  const data = await getOptional(`/api/segments?${params}`, ctx.signal);
  if (data === null) return result.replaceChildren(el('p', t('c.notAvailable'), 'muted not-configured'));
  const members = data.items ?? data.members ?? [];
  const count = data.count ?? data.total ?? members.length;
  const list = el('ol', null, 'profiles', ...members.slice(0, SAMPLES).map(profileCard));
  result.replaceChildren(el('p', null, null, `${t('c.count')}: `, el('strong', String(count))),
    members.length ? el('h3', t('c.samples')) : el('p', t('c.empty'), 'muted'), list);
}

export function renderCustomers(root, ctx) {
  const form = el('form', null, 'filters segment-form');
  const expr = el('input');
  expr.name = 'expr';
  expr.size = 48;
  expr.placeholder = t('c.exprHint');
  const conf = el('input');
  conf.name = 'minConfidence';
  conf.type = 'number';
  conf.min = '0';
  conf.max = '1';
  conf.step = '0.05';
  conf.value = '0.5';
  form.append(el('label', `${t('c.expr')} `, null, expr), el('label', `${t('c.minConf')} `, null, conf), el('button', t('c.run')));
  const result = el('div');
  result.id = 'c-result';
  root.replaceChildren(el('section', null, 'card wide', el('h2', t('nav.customers')), form, result));
  const go = () => run(result, form, ctx).catch((err) => showError(result, err));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void go();
  });
  return go();
}
