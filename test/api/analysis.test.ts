import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { Store } from '../../src/store/types.js';
import { makeInput, makePost, makeStore } from '../helpers/store.js';
import { json, makeStoreApp } from '../helpers/runtime.js';
import type { Analysis } from '../../src/domain.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-10T00:00:00Z');

/** A mention with hand-set analysis: brand, day offset, sentiment, keywords and aspects. */
function mention(id: string, brand: string, day: number, label: 'pos' | 'neg' | 'neu', keywords: string[], aspects: Analysis['aspects'] = []) {
  const input = makeInput(makePost({ externalId: id, text: `${brand}: ${keywords.join(' / ')} (post ${id})`, createdAt: new Date(T0 + day * DAY + 3_600_000).toISOString(), author: { id: `a${id}` } }), label, [brand]);
  input.analysis.keywords = keywords;
  input.analysis.themes = keywords;
  input.analysis.aspects = aspects;
  input.searchTokens = [brand, ...keywords, 'post', id];
  return input;
}

describe('analysis API', () => {
  let store: Store;
  let app: Hono;
  beforeAll(async () => {
    store = makeStore();
    await store.upsertBrands([
      { id: 'freshbee', name: 'FreshBee', aliases: [], competitors: ['swifteats'] },
      { id: 'swifteats', name: 'SwiftEats', aliases: [], competitors: ['freshbee'] },
    ]);
    const inputs = [];
    // Baseline week (days 0–6): FreshBee praised for taste; SwiftEats about delivery.
    for (let i = 0; i < 12; i++) inputs.push(mention(`b${i}`, 'freshbee', i % 7, 'pos', ['taste', 'lunch'], [{ aspect: 'taste', term: 'taste', label: 'pos', score: 0.6 }]));
    for (let i = 0; i < 8; i++) inputs.push(mention(`s${i}`, 'swifteats', i % 7, 'neu', ['delivery', 'lunch']));
    // Current week (days 7–13): FreshBee complaint storm about poisoning and refunds.
    for (let i = 0; i < 20; i++) {
      inputs.push(mention(`c${i}`, 'freshbee', 7 + (i % 7), i < 16 ? 'neg' : 'pos', i < 16 ? ['poisoning', 'refund', 'lunch'] : ['taste', 'lunch'], [
        { aspect: i < 16 ? 'hygiene' : 'taste', term: 'x', label: i < 16 ? 'neg' : 'pos', score: i < 16 ? -0.8 : 0.5 },
      ]));
    }
    for (let i = 0; i < 10; i++) inputs.push(mention(`t${i}`, 'swifteats', 7 + (i % 7), 'pos', ['delivery', 'lunch']));
    await store.saveMentions(inputs);
    app = makeStoreApp(store, new Date(T0 + 14 * DAY));
  });

  it('share of voice covers the brand and its competitors and sums to 1', async () => {
    const body = await json(app.request('/api/share-of-voice?brand=freshbee'));
    expect(body.items.map((i: { brandId: string; volume: number }) => [i.brandId, i.volume])).toEqual([['freshbee', 20], ['swifteats', 10]]);
    expect(body.items[0].share + body.items[1].share).toBeCloseTo(1);
    expect(body.items[0].netSentiment).toBeCloseTo((4 - 16) / 20);
  });

  it('themes of a brand are the words distinctive against the market, with samples', async () => {
    const body = await json(app.request('/api/themes?brand=freshbee&limit=3'));
    const terms = body.items.map((t: { term: string }) => t.term);
    expect(terms.slice(0, 2).sort()).toEqual(['poisoning', 'refund']);
    expect(terms).not.toContain('lunch');
    expect(body.items[0].samples.length).toBeGreaterThan(0);
    expect(body.items[0].netSentiment).toBe(-1);
  });

  it('rising themes compare against the previous period of the same length', async () => {
    const body = await json(app.request(`/api/themes/rising?brand=freshbee&from=${T0 + 7 * DAY}&to=${T0 + 14 * DAY}`));
    expect(body.items.map((t: { term: string }) => t.term).sort()).toEqual(['poisoning', 'refund']);
  });

  it('aspects give sentiment per aspect, per day when asked', async () => {
    const totals = await json(app.request('/api/aspects?brand=freshbee'));
    expect(totals.items).toEqual(expect.arrayContaining([expect.objectContaining({ aspect: 'hygiene', neg: 16, bucket: null })]));
    const daily = await json(app.request(`/api/aspects?brand=freshbee&interval=day&from=${T0}&to=${T0 + 14 * DAY}`));
    expect(daily.items.filter((a: { aspect: string }) => a.aspect === 'taste').length).toBeGreaterThan(5);
  });

  it('period comparison reports the change in volume, sentiment, themes and aspects', async () => {
    const body = await json(app.request(`/api/compare?brand=freshbee&from=${T0 + 7 * DAY}&to=${T0 + 14 * DAY}`));
    expect(body.current.volume).toBe(20);
    expect(body.baseline.volume).toBe(12);
    expect(body.change.volumePct).toBeCloseTo(8 / 12, 3);
    expect(body.change.netSentiment).toBeCloseTo(-0.6 - 1, 3);
    expect(body.change.newThemes).toEqual(expect.arrayContaining(['poisoning', 'refund']));
    expect(body.change.aspects).toContainEqual(expect.objectContaining({ aspect: 'hygiene', current: -1, baseline: null, change: null }));
  });

  it.each([
    ['/api/share-of-voice', 400, /brand/],
    ['/api/share-of-voice?brand=nope', 404, /not found/],
    ['/api/themes?brand=nope', 404, /not found/],
    ['/api/compare?brand=freshbee&from=2026-11-20&to=2026-11-10', 400, /before/],
    ['/api/compare?brand=freshbee&from=2026-11-20&to=2026-11-21&baselineFrom=2026-11-19&baselineTo=2026-11-18', 400, /"baselineFrom": must be before "baselineTo"/],
    ['/api/report.csv?brand=freshbee&from=2026-11-20&to=2026-11-21&baselineFrom=2026-11-19&baselineTo=2026-11-18', 400, /"baselineFrom": must be before "baselineTo"/],
    ['/api/aspects?interval=week', 400, /interval/],
  ])('%s → %i', async (url, status, message) => {
    const res = await app.request(url);
    expect(res.status).toBe(status);
    expect((await json(res)).message).toMatch(message);
  });

  it('brands can be created, queried and deleted through the API', async () => {
    const put = await app.request('/api/brands/honeytea', { method: 'PUT', body: JSON.stringify({ name: 'HoneyTea', aliases: ['蜜雪茶坊'], query: '蜜雪 OR HoneyTea' }) });
    expect(put.status).toBe(200);
    expect((await json(app.request('/api/brands/honeytea'))).aliases).toEqual(['蜜雪茶坊']);
    const bad = await app.request('/api/brands/x', { method: 'PUT', body: JSON.stringify({ name: 'X', query: '(a OR' }) });
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toMatch(/query: expected/);
    expect((await app.request('/api/brands/honeytea', { method: 'DELETE' })).status).toBe(204);
    expect((await app.request('/api/brands/honeytea')).status).toBe(404);
  });
});
