// Mentions: a searchable, filterable list with each post's sentiment explanation highlighted.
import { $, el, fmtNet, getJson, showError } from './dom.js';
import { decisive, highlighted } from './explain.js';
import { formatTime, t } from './i18n.js';
import { shadowFor } from './simplify.js';

const PAGE = 25;
let cursor = null;
let base = null;

/** The explanation as chips: term, weight and the rules that changed it (negation, intensifier…). */
function why(terms) {
  const line = el('div', null, 'why', el('span', `${t('m.why')}: `, 'muted'));
  for (const term of [...terms].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, 8)) {
    const chip = el('span', `${term.text} ${fmtNet(term.weight)}`, `chip ${term.weight >= 0 ? 'pos' : 'neg'}`);
    if (term.rules?.length) chip.append(el('small', ` ${term.rules.join(', ')}`));
    line.append(chip);
  }
  return line;
}

const explanationTerms = (m) => (Array.isArray(m.sentiment.explanation?.terms) ? m.sentiment.explanation.terms : []);

/**
 * The label with its score. The score is the polarity lean and the label a judgement with its own
 * thresholds, so a neutral post can lean -0.50: its score is shown greyed as a lean, not as if
 * it were the label's value.
 */
function sentimentBadge(sentiment) {
  const badge = el('span', t(sentiment.label), sentiment.label);
  const score = el('small', sentiment.label === 'neu' ? ` ${t('m.lean')} ${fmtNet(sentiment.score)}` : ` ${fmtNet(sentiment.score)}`, sentiment.label === 'neu' ? 'muted' : null);
  if (sentiment.label === 'neu') score.title = t('m.leanHint');
  badge.append(score);
  return badge;
}

/** One post; `shadow` is the text aligned for term lookup (see simplify.js), the text by default. */
export function renderMention(m, shadow = m.text) {
  const terms = explanationTerms(m);
  const body = el('div', null, 'text');
  if (m.title) body.append(el('strong', m.title), ' ');
  body.append(highlighted(m.text, decisive(terms), shadow));
  const who = m.author ? m.author.name || m.author.handle || m.author.id : t('m.unknownAuthor');
  const meta = el('div', `${formatTime(m.createdAt)} · ${who} · ${m.sourceId} · ${m.lang} · `, 'meta');
  meta.append(sentimentBadge(m.sentiment));
  if (m.brands.length) meta.append(` · ${m.brands.join(', ')}`);
  if (m.url && /^https?:\/\//i.test(m.url)) {
    // Only http(s) links: a crafted `javascript:` URL must not become clickable.
    const link = el('a', '↗');
    link.href = m.url;
    link.rel = 'noopener noreferrer nofollow';
    link.target = '_blank';
    meta.append(' ', link);
  }
  const item = el('li', null, 'mention', body, meta);
  item.dataset.sentiment = m.sentiment.label;
  if (terms.length) item.append(why(terms));
  item.dataset.id = String(m.id);
  return item;
}

async function load(append, signal) {
  const params = new URLSearchParams(base);
  for (const id of ['q', 'sentiment', 'lang']) if ($(`m-${id}`).value) params.set(id, $(`m-${id}`).value);
  params.set('limit', String(PAGE));
  if (append && cursor) params.set('cursor', cursor);
  const list = $('m-list');
  list.setAttribute('aria-busy', 'true');
  try {
    const page = await getJson(`/api/mentions?${params}`, signal);
    const shadows = await Promise.all(page.items.map((m) => shadowFor(m.text, decisive(explanationTerms(m)))));
    if (!append) list.replaceChildren();
    list.append(...page.items.map((m, i) => renderMention(m, shadows[i])));
    if (!append && !page.items.length) list.append(el('li', t('m.empty'), 'muted empty'));
    cursor = page.nextCursor;
    $('m-more').hidden = !cursor;
  } catch (err) {
    showError(list, err);
  } finally {
    list.removeAttribute('aria-busy');
  }
}

function select(id, options) {
  const node = el('select');
  node.id = id;
  for (const [value, label] of options) {
    const option = el('option', label);
    option.value = value;
    node.append(option);
  }
  return node;
}

/** Builds the filter form and the first page; brand and period come from the header. */
export function renderMentions(root, ctx) {
  base = new URLSearchParams({ from: ctx.from, to: ctx.to });
  if (ctx.brand) base.set('brand', ctx.brand);
  const q = el('input');
  q.id = 'm-q';
  q.type = 'search';
  q.placeholder = t('m.search');
  const form = el('form', null, 'filters', q,
    select('m-sentiment', [['', t('m.anySentiment')], ['pos', t('pos')], ['neu', t('neu')], ['neg', t('neg')]]),
    select('m-lang', [['', t('m.anyLang')], ['zh', '中文'], ['en', 'English']]),
    el('button', t('m.filter')));
  form.id = 'm-filters';
  const list = el('ol', null, 'mentions');
  list.id = 'm-list';
  const more = el('button', t('m.more'));
  more.id = 'm-more';
  more.type = 'button';
  more.hidden = true;
  root.replaceChildren(el('section', null, 'card wide', form, list, more));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load(false, ctx.signal);
  });
  for (const id of ['m-sentiment', 'm-lang']) $(id).addEventListener('change', () => void load(false, ctx.signal));
  more.addEventListener('click', () => void load(true, ctx.signal));
  return load(false, ctx.signal);
}
