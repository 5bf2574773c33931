// Dashboard: plain DOM, no inline script (CSP). Untrusted post text only ever goes through textContent.
const $ = (id) => document.getElementById(id);
const state = { cursor: null };

async function getJson(path) {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function drawChart(points) {
  const chart = $('chart');
  chart.replaceChildren();
  const max = Math.max(1, ...points.map((p) => p.volume));
  const w = 900 / Math.max(1, points.length);
  const line = [];
  points.forEach((p, i) => {
    const h = (p.volume / max) * 200;
    const bar = svg('rect', { x: i * w, y: 220 - h, width: Math.max(1, w - 1), height: h, class: 'bar', 'data-volume': p.volume });
    bar.appendChild(svg('title', {})).textContent = `${p.bucket}: ${p.volume} mentions, net ${p.netSentiment}`;
    chart.appendChild(bar);
    line.push(`${i * w + w / 2},${120 - p.netSentiment * 100}`);
  });
  chart.appendChild(svg('line', { x1: 0, x2: 900, y1: 120, y2: 120, class: 'axis' }));
  chart.appendChild(svg('polyline', { points: line.join(' '), class: 'line' }));
  const total = points.reduce((s, p) => s + p.volume, 0);
  const pos = points.reduce((s, p) => s + p.pos, 0);
  const neg = points.reduce((s, p) => s + p.neg, 0);
  $('totals').textContent = `${total} mentions · ${pos} positive · ${neg} negative · net ${total ? ((pos - neg) / total).toFixed(2) : '0'}`;
}

/** Highlights the explanation's decisive words inside the post text, without using innerHTML. */
function highlighted(text, terms) {
  const frag = document.createDocumentFragment();
  const marks = terms.filter((t) => t.text && text.includes(t.text)).slice(0, 8);
  let rest = text;
  while (rest) {
    let best = null;
    for (const t of marks) {
      const i = rest.indexOf(t.text);
      if (i >= 0 && (!best || i < best.i)) best = { i, t };
    }
    if (!best) { frag.append(rest); break; }
    frag.append(rest.slice(0, best.i));
    frag.append(el('mark', best.t.text, best.t.weight >= 0 ? 'pos' : 'neg'));
    rest = rest.slice(best.i + best.t.text.length);
  }
  return frag;
}

function renderMention(m) {
  const li = el('li');
  const body = el('div');
  body.append(highlighted(m.text, m.sentiment.explanation?.terms ?? []));
  const who = m.author ? (m.author.name || m.author.handle || m.author.id) : 'unknown';
  const meta = el('div', `${m.createdAt.slice(0, 16).replace('T', ' ')} · ${who} · ${m.sourceId} · ${m.lang} · `, 'meta');
  meta.append(el('span', `${m.sentiment.label} ${m.sentiment.score.toFixed(2)}`, m.sentiment.label));
  if (m.brands.length) meta.append(` · ${m.brands.join(', ')}`);
  li.append(body, meta);
  return li;
}

function query() {
  const days = Number($('range').value);
  const params = new URLSearchParams({ from: new Date(Date.now() - days * 86400000).toISOString() });
  if ($('brand').value) params.set('brand', $('brand').value);
  return params;
}

async function loadMentions(append) {
  const params = query();
  for (const id of ['q', 'sentiment', 'lang']) if ($(id).value) params.set(id, $(id).value);
  params.set('limit', '25');
  if (append && state.cursor) params.set('cursor', state.cursor);
  const page = await getJson(`/api/mentions?${params}`);
  if (!append) $('mentions').replaceChildren();
  $('mentions').append(...page.items.map(renderMention));
  state.cursor = page.nextCursor;
  $('more').hidden = !page.nextCursor;
}

async function refresh() {
  const trends = await getJson(`/api/trends?${query()}`);
  drawChart(trends.points);
  await loadMentions(false);
  const health = await getJson('/health');
  $('health').textContent = health.status === 'ok' ? 'sources ok' : `degraded: ${health.unhealthySources.map((s) => s.id).join(', ')}`;
  $('health').className = health.status;
}

async function init() {
  const brands = await getJson('/api/brands');
  for (const b of brands.items) {
    const option = el('option', b.name);
    option.value = b.id;
    $('brand').append(option);
  }
  $('brand').addEventListener('change', refresh);
  $('range').addEventListener('change', refresh);
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); loadMentions(false); });
  $('more').addEventListener('click', () => loadMentions(true));
  await refresh();
}

init().catch((err) => { document.body.append(el('p', `Could not load data: ${err.message}`, 'neg')); });
