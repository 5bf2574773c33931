import { describe, expect, it } from 'vitest';
import { createApiKeyToken } from '../../src/api/auth.js';
import { makeProfiles, makeTestApp, post } from './helpers.js';

async function setup(required: boolean) {
  const ctx = await makeProfiles();
  await post(ctx, 'mum', '带娃出门太难了，满减券真香', 'pos', ['freshbee']);
  await post(ctx, 'mum', '鲜蜂外卖又准时到了', 'pos', ['freshbee'], 3);
  const app = makeTestApp(ctx.store, ctx.service, required);
  const key = async (scopes: string[]) => {
    const k = createApiKeyToken();
    await ctx.store.keys.create({ id: k.id, name: 'test', scopes, secret: k.secret }, 0);
    return { Authorization: `Bearer ${k.token}` };
  };
  return { ...ctx, app, key };
}

describe('profiles API', () => {
  it('serves a profile with tags, evidence, lifecycle and influence', async () => {
    const { app } = await setup(false);
    const res = await app.request('/api/authors/test:mum/profile');
    expect(res.status).toBe(200);
    const body = await res.json() as any;
    expect(body.tags.map((t: { tag: string }) => t.tag)).toEqual(expect.arrayContaining(['parenting', 'price_sensitive', 'promoter', 'lifecycle_active']));
    expect(body.tags.find((t: { tag: string }) => t.tag === 'parenting')).toMatchObject({ label: { en: 'Parenting & family' }, evidence: [{ cue: '带娃' }] });
    expect(body.lifecycle[0]).toMatchObject({ brandId: 'freshbee', stage: 'active' });
    expect(body.influence).toMatchObject({ tier: 'regular' });
  });

  it('answers segments with members and a count, and rejects unknown tags', async () => {
    const { app } = await setup(false);
    const ok = await (await app.request('/api/segments?expr=' + encodeURIComponent('price_sensitive AND parenting AND NOT detractor') + '&brand=freshbee')).json() as any;
    expect(ok).toMatchObject({ count: 1, nextCursor: null, items: [{ authors: [{ platformId: 'mum' }] }] });
    const bad = await app.request('/api/segments?expr=parenting%20AND%20religion');
    expect(bad.status).toBe(400);
    expect((await bad.json() as any).message).toMatch(/unknown tag "religion"/);
  });

  it('pages the change feed by cursor and exports JSONL and CSV', async () => {
    const { app } = await setup(false);
    const first = await (await app.request('/api/tags/changes?limit=2')).json() as any;
    expect(first.items).toHaveLength(2);
    const rest = await (await app.request(`/api/tags/changes?cursor=${first.nextCursor}&limit=100`)).json() as any;
    expect(rest.items[0].seq).toBeGreaterThan(first.items[1].seq);
    const again = await (await app.request(`/api/tags/changes?cursor=${rest.nextCursor}`)).json() as any;
    expect(again).toMatchObject({ items: [], nextCursor: rest.nextCursor });
    const jsonl = await (await app.request('/api/tags/export?format=jsonl')).text();
    expect(JSON.parse(jsonl.split('\n')[0])).toMatchObject({ authors: ['test:mum'] });
    const csv = await (await app.request('/api/tags/export?format=csv')).text();
    expect(csv.split('\n')[0]).toBe('profile_id,authors,tag,brand,confidence,first_seen,last_seen,updated_at');
  });

  it('refuses to link an author to itself', async () => {
    const { app } = await setup(false);
    const res = await app.request('/api/authors/test:mum/links', { method: 'POST', body: JSON.stringify({ authorId: 'test:mum' }) });
    expect(res.status).toBe(400);
    expect((await res.json() as any).message).toMatch(/are the same author .*link two different accounts/);
  });

  it('links two authors and erases one through the API', async () => {
    const { app } = await setup(false);
    await app.request('/api/authors/test:mum/profile');
    const res = await app.request('/api/authors/test:mum', { method: 'DELETE' });
    expect(await res.json() as any).toMatchObject({ erased: true, mentions: 2 });
    expect((await app.request('/api/authors/test:mum/profile')).status).toBe(404);
  });
});

describe('API keys', () => {
  it('leaves every route open when auth is not required (the embedded default)', async () => {
    const { app } = await setup(false);
    expect((await app.request('/api/tags/changes')).status).toBe(200);
  });

  it('answers 401 without a key or with a bad one, 403 without the scope, 200 with it', async () => {
    const { app, key } = await setup(true);
    const missing = await app.request('/api/segments?expr=parenting');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('WWW-Authenticate')).toMatch(/Bearer/);
    expect((await missing.json() as any).message).toMatch(/missing API key/);
    const bad = await app.request('/api/segments?expr=parenting', { headers: { Authorization: 'Bearer kb_000000000000.wrongwrongwrongwrongwrongwrongwrongwrong' } });
    expect(bad.status).toBe(401);
    const trendsOnly = await key(['read:trends']);
    const forbidden = await app.request('/api/segments?expr=parenting', { headers: trendsOnly });
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json() as any).message).toMatch(/lacks scope "read:tags"/);
    const reader = await key(['read:tags']);
    expect((await app.request('/api/segments?expr=parenting', { headers: reader })).status).toBe(200);
    expect((await app.request('/api/authors/test:mum', { method: 'DELETE', headers: reader })).status).toBe(403);
    expect((await app.request('/api/authors/test:mum', { method: 'DELETE', headers: await key(['write:authors']) })).status).toBe(200);
  });

  it('keeps /health and the OpenAPI document open, and rejects revoked keys', async () => {
    const { app, key, store } = await setup(true);
    expect((await app.request('/health')).status).toBe(200);
    expect((await app.request('/api/openapi.json')).status).toBe(200);
    const headers = await key(['admin']);
    expect((await app.request('/api/tags/changes', { headers })).status).toBe(200);
    const [k] = await store.keys.list();
    await store.keys.revoke(k.id, 1);
    expect((await app.request('/api/tags/changes', { headers })).status).toBe(401);
  });

  it('stores only a salted hash of the secret', async () => {
    const { store, db } = await setup(false);
    const k = createApiKeyToken();
    await store.keys.create({ id: k.id, name: null, scopes: ['read:tags'], secret: k.secret }, 0);
    const row = db.prepare('SELECT * FROM api_keys WHERE id = ?').get(k.id) as Record<string, string>;
    expect(JSON.stringify(row)).not.toContain(k.secret);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
