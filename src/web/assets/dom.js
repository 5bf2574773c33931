// DOM and fetch helpers. Untrusted text (posts, authors, themes) only ever reaches the page through
// `textContent`/`createTextNode` here: there is deliberately no helper that takes HTML.
import { apiHeaders } from './api-key.js';
import { t } from './i18n.js';

export const $ = (id) => document.getElementById(id);

/** `el('li', 'text', 'class')`; children may be nodes or strings (strings become text nodes). */
export function el(tag, text, className, ...children) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

export function svg(tag, attrs = {}) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/**
 * An error that remembers the HTTP status, so pages can tell "route missing" from "broken", and the
 * API's own message (it says which key or scope is missing).
 */
export class HttpError extends Error {
  constructor(path, status, detail) {
    super(`${path}: HTTP ${status}${detail ? ` — ${detail}` : ''}`);
    this.status = status;
  }
}

async function failure(path, res) {
  const body = await res.json().catch(() => null);
  return new HttpError(path, res.status, typeof body?.message === 'string' ? body.message : '');
}

export async function getJson(path, signal) {
  const res = await fetch(path, { signal, headers: apiHeaders() });
  if (!res.ok) throw await failure(path, res);
  return res.json();
}

/** Like getJson but a 404 (a route another team has not shipped yet) resolves to `null`. */
export async function getOptional(path, signal) {
  try {
    return await getJson(path, signal);
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return null;
    throw err;
  }
}

/** What to do about an error the API refused: enter a key (401) or use one with more scopes (403). */
const AUTH_ADVICE = { 401: 'auth.required', 403: 'auth.forbidden' };

/** Replaces a container's content with an error line instead of leaving a spinner forever. */
export function showError(container, err) {
  if (err?.name === 'AbortError') return;
  const advice = AUTH_ADVICE[err?.status];
  container.replaceChildren(el('p', `${t('error')}: ${err?.message ?? err}`, 'neg'), ...(advice ? [el('p', t(advice), 'auth-advice')] : []));
}

export function table(headers, rows) {
  const head = el('tr', null, null, ...headers.map((h) => el('th', h)));
  const body = rows.map((cells) => el('tr', null, null, ...cells.map((c) => (c instanceof Node ? el('td', null, null, c) : el('td', c)))));
  return el('table', null, null, el('thead', null, null, head), el('tbody', null, null, ...body));
}

/** A signed score; "—" when there is none (a period without mentions has no sentiment, not 0). */
export const fmtNet = (value) => (value === null || value === undefined || Number.isNaN(value) ? '—' : `${value >= 0 ? '+' : ''}${Number(value).toFixed(2)}`);
export const fmtPct = (value) => `${(Number(value ?? 0) * 100).toFixed(1)}%`;
export const sentimentClass = (net) => (net > 0.05 ? 'pos' : net < -0.05 ? 'neg' : 'neu');

/**
 * A horizontal bar made of SVG rects (widths are attributes, not inline styles, so the strict CSP
 * holds). `parts` are `[value, className]`; they are drawn left to right in proportion.
 */
export function stackedBar(parts, width = 240, height = 14) {
  const total = parts.reduce((s, [v]) => s + v, 0) || 1;
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'bar-svg', role: 'img' });
  let x = 0;
  for (const [value, className] of parts) {
    const w = (value / total) * width;
    if (w > 0) root.append(svg('rect', { x, y: 0, width: w, height, class: className }));
    x += w;
  }
  return root;
}
