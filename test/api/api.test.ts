import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { Runtime } from '../../src/runtime.js';
import { json, makeApp, makeRuntime } from '../helpers/runtime.js';

const POSTS = [
  { id: 'a1', text: '鲜蜂外卖送餐太慢了，饭都凉了，差评', created_at: '2026-11-20T11:10:00Z', author: 'u1' },
  { id: 'a2', text: 'FreshBee delivered in 15 minutes, great service!', created_at: '2026-11-20T11:40:00Z', author: 'u2' },
  { id: 'a3', text: '速达外卖的包装很用心，味道也不错', created_at: '2026-11-20T13:05:00Z', author: 'u3' },
  { id: 'a4', text: 'SwiftEats lost my order again. Terrible.', created_at: '2026-11-20T13:30:00Z', author: 'u4' },
  { id: 'a5', text: '鲜蜂的客服态度非常好，很满意，推荐！', created_at: '2026-11-20T14:00:00Z', author: 'u5' },
];

const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');

describe('API', () => {
  let runtime: Runtime;
  let app: Hono;

  beforeAll(async () => {
    runtime = await makeRuntime();
    app = makeApp(runtime);
    const res = await app.request('/api/ingest?source=crm', { method: 'POST', body: JSON.stringify(POSTS), headers: { 'content-type': 'application/json' } });
    expect(await json(res)).toMatchObject({ received: 5, inserted: 5 });
  });
  afterAll(() => runtime.close());

  it('GET /health answers ok', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ status: 'ok' });
  });

  it('POST /api/ingest is idempotent for the same ids', async () => {
    const res = await app.request('/api/ingest?source=crm', { method: 'POST', body: ndjson(POSTS) });
    expect(await json(res)).toMatchObject({ inserted: 0, unchanged: 5 });
  });

  it('POST /api/ingest rejects malformed JSON naming the line, and stores nothing', async () => {
    const res = await app.request('/api/ingest', { method: 'POST', body: '{"id":"n1","text":"fine"}\n{"id":"n2",' });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 'PARSE', message: expect.stringContaining('line 2') });
    const page = await json(app.request('/api/mentions?q=fine'));
    expect(page.items).toEqual([]);
  });

  it('POST /api/ingest stores valid posts and reports a post without text by line', async () => {
    const res = await app.request('/api/ingest', { method: 'POST', body: ndjson([{ id: 'v1', text: 'Okay app 👍' }, { id: 'v2' }]) });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ inserted: 1, rejected: [{ line: 2, reason: 'missing "text" (expected a string)' }] });
  });

  it('POST /api/ingest stores the valid posts of a batch in which one date is beyond what a JavaScript date holds', async () => {
    const res = await app.request('/api/ingest?source=far', { method: 'POST', body: JSON.stringify([{ id: 'h5', text: 'still stored' }, { id: 'h6', text: 'far', createdAt: 1e300 }]) });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ inserted: 1, rejected: [{ line: 1, reason: expect.stringMatching(/^createdAt|^created_at/) }] });
  });

  it('POST /api/ingest rejects a post dated more than a day ahead, which would top every newest-first list', async () => {
    const posts = [{ id: 'f1', text: 'from 2030', created_at: '2030-01-01T00:00:00Z' }, { id: 'f2', text: 'twelve hours ahead', created_at: '2026-11-21T12:00:00Z' }];
    const res = await app.request('/api/ingest', { method: 'POST', body: ndjson(posts) });
    expect(await json(res)).toMatchObject({ inserted: 1, rejected: [{ line: 1, reason: 'created_at: 2030-01-01T00:00:00.000Z is more than a day in the future' }] });
  });

  it('POST /api/ingest refuses a body that is not UTF-8, and says when a body holds no posts', async () => {
    const gbk = Buffer.concat([Buffer.from('{"id":"g0","text":"ok"}\n{"id":"g1","text":"'), Buffer.from([0xb8, 0xc3, 0xb5, 0xea]), Buffer.from('"}')]);
    const res = await app.request('/api/ingest', { method: 'POST', body: gbk });
    expect(res.status).toBe(400);
    expect((await json(res)).message).toBe('request body is not valid UTF-8 (first bad line: 2); send UTF-8 text (nothing was stored)');
    expect((await json(app.request('/api/mentions?q=ok'))).items).toEqual([]);
    const empty = await app.request('/api/ingest', { method: 'POST', body: '[]' });
    expect((await json(empty)).message).toBe('request body holds no posts: expected a JSON array or JSON lines of posts');
  });

  it('POST /api/ingest over the size limit is a 413 with a message', async () => {
    const big = JSON.stringify([{ text: 'x'.repeat(70 * 1024) }]);
    const res = await app.request('/api/ingest', { method: 'POST', body: big });
    expect(res.status).toBe(413);
    expect((await json(res)).message).toMatch(/exceeds the ingest limit of 65536 bytes/);
  });

  it('GET /api/mentions filters by brand, sentiment and language', async () => {
    const body = await json(app.request('/api/mentions?brand=freshbee&sentiment=neg'));
    expect(body.items.map((m: { externalId: string }) => m.externalId)).toEqual(['a1']);
    expect(body.items[0].sentiment.explanation.terms.length).toBeGreaterThan(0);
    const en = await json(app.request('/api/mentions?lang=en&brand=swifteats'));
    expect(en.items.map((m: { externalId: string }) => m.externalId)).toEqual(['a4']);
  });

  it('GET /api/mentions finds Chinese words by segmented search', async () => {
    const body = await json(app.request(`/api/mentions?q=${encodeURIComponent('客服')}`));
    expect(body.items.map((m: { externalId: string }) => m.externalId)).toEqual(['a5']);
  });

  it('GET /api/mentions paginates with nextCursor', async () => {
    const first = await json(app.request('/api/mentions?source=crm&limit=2'));
    const second = await json(app.request(`/api/mentions?source=crm&limit=2&cursor=${first.nextCursor}`));
    const third = await json(app.request(`/api/mentions?source=crm&limit=2&cursor=${second.nextCursor}`));
    expect([...first.items, ...second.items, ...third.items].map((m: { externalId: string }) => m.externalId)).toEqual(['a5', 'a4', 'a3', 'a2', 'a1']);
    expect(third.nextCursor).toBeNull();
  });

  it('GET /api/trends gives hourly volume and sentiment per brand', async () => {
    const res = await app.request('/api/trends?brand=freshbee&interval=hour&from=2026-11-20T11:00:00Z&to=2026-11-20T15:00:00Z');
    const body = await json(res);
    expect(body.points.map((p: { volume: number }) => p.volume)).toEqual([2, 0, 0, 1]);
    expect(body.points[0]).toMatchObject({ pos: 1, neg: 1, netSentiment: 0 });
  });

  it.each([
    ['/api/trends?from=2026-11-21&to=2026-11-20', 400, /before/],
    ['/api/trends?interval=minute', 400, /interval/],
    ['/api/trends?interval=hour&from=2026-01-01&to=2026-11-20', 400, /7752 hour buckets; at most 2000 \(use interval=day or narrow the range\)/],
    ['/api/trends?interval=day&from=2000-01-01&to=2026-11-20', 400, /day buckets; at most 2000 \(narrow the range\)/],
    ['/api/trends?brand=acme', 404, /brand "acme" not found/],
    ['/api/mentions?from=last-tuesday', 400, /ISO-8601/],
    ['/api/mentions?from=20261101', 400, /ISO-8601 date or epoch milliseconds, found "20261101"/],
    ['/api/mentions?from=1763870000', 400, /epoch milliseconds, found "1763870000"/],
    ['/api/trends?to=99999999999999999999', 400, /epoch milliseconds, found "99999999999999999999"/],
    ['/api/share-of-voice?brand=freshbee&from=8639999999000000&to=8640000000000001', 400, /found "8640000000000001"/],
    ['/api/share-of-voice?brand=freshbee&from=foo%201', 400, /found "foo 1"/],
    ['/api/trends?from=2026-02-30', 400, /found "2026-02-30"/],
    ['/api/mentions?from=12', 400, /found "12"/],
    ['/api/mentions?limit=5000', 400, /limit/],
    ['/api/mentions?cursor=xyz', 400, /cursor/],
    ['/api/nothing-here', 404, /no route/],
  ])('%s → %i', async (url, status, message) => {
    const res = await app.request(url);
    expect(res.status).toBe(status);
    const body = await json(res);
    expect(body.message).toMatch(message);
    expect(body.code).toBeTypeOf('string');
  });

  it('a brand added through the API is segmented whole from then on and matched in mentions stored before it', async () => {
    const before = { id: 'chayu-old', text: '上周在茶语轩买的奶茶太甜了', created_at: '2026-11-19T08:00:00Z' };
    await app.request('/api/ingest?source=crm', { method: 'POST', body: JSON.stringify([before]) });
    const text = '今天喝了茶语轩的奶茶';
    expect(runtime.pipeline.run({ text }).doc.tokens).not.toContain('茶语轩');
    const put = await app.request('/api/brands/chayu', { method: 'PUT', body: JSON.stringify({ name: 'ChaYu', aliases: ['茶语轩'] }) });
    expect(put.status).toBe(200);
    expect(runtime.pipeline.run({ text }).doc.tokens).toContain('茶语轩');
    await app.request('/api/ingest?source=crm', { method: 'POST', body: JSON.stringify([{ id: 'chayu-new', text, created_at: '2026-11-20T08:00:00Z' }]) });
    // The server re-matches stored mentions in the background after a brand change; wait for that run.
    expect(await runtime.rematchBrands()).toMatchObject({ relinked: 0 });
    const found = await json(app.request('/api/mentions?brand=chayu'));
    expect(found.items.map((m: { text: string }) => m.text).sort()).toEqual([before.text, text].sort());
    // The older post was indexed with the name split; the re-match re-indexed it, so search finds both.
    const searched = await json(app.request(`/api/mentions?q=${encodeURIComponent('茶语轩')}`));
    expect(searched.items.map((m: { text: string }) => m.text).sort()).toEqual([before.text, text].sort());
    const trend = await json(app.request('/api/trends?brand=chayu&interval=day&from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z'));
    expect(trend.points.map((p: { volume: number }) => p.volume)).toEqual([1, 1]);
  });

  it('refuses to edit or delete a brand of the config file, which the next start would write back', async () => {
    const put = await app.request('/api/brands/freshbee', { method: 'PUT', body: JSON.stringify({ name: 'Renamed' }) });
    expect(put.status).toBe(409);
    expect((await json(put)).message).toMatch(/brand "freshbee" comes from the configuration, which every start writes back: edit brands\[\] in the config file/);
    expect((await app.request('/api/brands/freshbee', { method: 'DELETE' })).status).toBe(409);
    expect(await json(app.request('/api/brands/freshbee'))).toMatchObject({ name: 'FreshBee', aliases: ['鲜蜂外卖', '鲜蜂'] });
  });

  it('finds a word inside a compound or brand name that jieba keeps whole (外卖 in 速达外卖)', async () => {
    const text = '第一次在速达外卖下单，送得挺快';
    expect(runtime.pipeline.run({ text }).doc.tokens).toContain('速达外卖');
    await app.request('/api/ingest?source=crm', { method: 'POST', body: JSON.stringify([{ id: 'compound-1', text, created_at: '2026-11-20T09:00:00Z' }]) });
    for (const q of ['外卖', '速达外卖', '速达']) {
      const found = await json(app.request(`/api/mentions?q=${encodeURIComponent(q)}`));
      expect(found.items.map((m: { text: string }) => m.text)).toContain(text);
    }
  });

  it('lets a brand be PUT back as read after one of its competitors was deleted', async () => {
    const put = (id: string, body: object) => app.request(`/api/brands/${id}`, { method: 'PUT', body: JSON.stringify(body) });
    expect((await put('rival', { name: 'Rival' })).status).toBe(200);
    expect((await put('mine', { name: 'Mine', competitors: ['rival'] })).status).toBe(200);
    expect((await app.request('/api/brands/rival', { method: 'DELETE' })).status).toBe(204);
    const { id: _, ...read } = await json(app.request('/api/brands/mine'));
    expect((await put('mine', read)).status).toBe(200);
    expect((await app.request('/api/brands/mine', { method: 'DELETE' })).status).toBe(204);
  });

  it('rejects oversized or inconsistent brand bodies with a message naming the problem', async () => {
    const put = (id: string, body: string) => app.request(`/api/brands/${id}`, { method: 'PUT', body });
    const huge = await put('huge', JSON.stringify({ name: 'Huge', aliases: Array.from({ length: 20_000 }, (_, i) => `alias-${i}`) }));
    expect(huge.status).toBe(413);
    expect((await json(huge)).message).toMatch(/exceeds 65536 bytes/);
    const many = await put('many', JSON.stringify({ name: 'Many', aliases: Array.from({ length: 201 }, (_, i) => `a${i}`) }));
    expect(many.status).toBe(400);
    const ghost = await put('newbrand', JSON.stringify({ name: 'New', competitors: ['ghost'] }));
    expect((await json(ghost)).message).toMatch(/"competitors": unknown brand "ghost" \(add it first; known: /);
    const self = await put('newbrand', JSON.stringify({ name: 'New', competitors: ['newbrand'] }));
    expect((await json(self)).message).toMatch(/cannot be its own competitor/);
    const extra = await put('newbrand', JSON.stringify({ name: 'New', colour: 'red' }));
    expect((await json(extra)).message).toBe('body: unknown field "colour"');
    expect((await app.request('/api/brands/newbrand')).status).toBe(404);
    expect((await json(app.request('/api/share-of-voice'))).message).toBe('query parameter "brand": required');
  });

  it('GET /api/openapi.json documents every route with its parameters', async () => {
    const doc = await json(app.request('/api/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/api/mentions', '/api/trends', '/api/ingest', '/api/sources', '/api/brands']));
    const names = doc.paths['/api/mentions'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['brand', 'q', 'lang', 'sentiment', 'from', 'to', 'cursor', 'limit']));
  });

  it('GET /api/openapi.json describes the bodies the routes accept: a brand without its id, posts with createdAt', async () => {
    const doc = await json(app.request('/api/openapi.json'));
    const brand = doc.paths['/api/brands/{id}'].put.requestBody.content['application/json'].schema;
    expect(brand.required).toEqual(['name']);
    expect(brand.properties).not.toHaveProperty('id');
    expect(doc.components.schemas.PostInput.properties).toHaveProperty('createdAt');
    expect(doc.paths['/api/tags/export'].get.responses).toHaveProperty('400');
  });

  it('GET /api/openapi.json says compare sentiment is null for a period without mentions', async () => {
    const { get } = (await json(app.request('/api/openapi.json'))).paths['/api/compare'];
    expect(get.description).toMatch(/without mentions has no net sentiment: .*netSentiment.* are null then, never 0/);
    expect(get.responses[200].description).toMatch(/null for a period without mentions/);
  });
});
