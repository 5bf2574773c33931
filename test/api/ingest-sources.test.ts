import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { Runtime } from '../../src/runtime.js';
import { json, makeApp, makeRuntime } from '../helpers/runtime.js';

const post = (id: string, text: string) => JSON.stringify({ id, text, created_at: '2026-11-20T10:00:00Z' });

describe('POST /api/ingest and collector sources', () => {
  let runtime: Runtime;
  let app: Hono;

  beforeAll(async () => {
    runtime = await makeRuntime({
      sources: [
        { id: 'demo', type: 'demo', schedule: '* * * * *', enabled: true, config: {} },
        { id: 'acme-news', type: 'rss', schedule: '*/15 * * * *', enabled: true, config: { url: 'https://example.com/feed.xml' } },
      ],
    });
    app = makeApp(runtime);
  });
  afterAll(() => runtime.close());

  const push = (source: string, body: string) => app.request(`/api/ingest?source=${source}`, { method: 'POST', body });
  /** Sources as `GET /api/sources` lists them: id → type. */
  const listed = async () => new Map((await json(app.request('/api/sources'))).items.map((s: { id: string; type: string }) => [s.id, s.type]));

  it.each([
    ['demo', 'demo'],
    ['acme-news', 'rss'],
  ])('refuses a push into the configured %s source with 409, naming it, and stores nothing', async (source, type) => {
    const res = await push(source, post('x1', 'pushed into a collector'));
    expect(res.status).toBe(409);
    expect(await json(res)).toMatchObject({
      code: 'CONFLICT',
      message: `source "${source}" is filled by its ${type} collector; pushed posts would mix into its stream: push them under another source id`,
    });
    expect((await json(app.request(`/api/mentions?source=${source}`))).items).toEqual([]);
    expect((await listed()).has(source)).toBe(false);
  });

  it.each([
    ['old-feed', 'rss'],
    ['old-export', 'file'],
  ])('refuses a push into %s, which its %s collector ran under, though the config no longer lists it', async (source, type) => {
    await runtime.store.claimSource(source, { type, origin: 'collector' }, Date.now());
    await runtime.store.recordRun({ sourceId: source, startedAt: 1, finishedAt: 2, status: 'ok', fetched: 1, inserted: 1, updated: 0, duplicates: 0, skipped: 0, error: null, cursor: 'c' }, 3);
    const res = await push(source, post('x2', 'late push'));
    expect(res.status).toBe(409);
    expect((await json(res)).message).toBe(
      `source "${source}" was created by a ${type} collector; pushed posts would mix into its stream: push them under another source id`,
    );
    expect((await listed()).get(source)).toBe(type);
  });

  it('refuses a push into a source koubei ingest made, keeping its type', async () => {
    await runtime.store.claimSource('imports', { type: 'file', origin: 'push' }, Date.now());
    const res = await push('imports', post('x3', 'pushed over an import'));
    expect(res.status).toBe(409);
    expect((await json(res)).message).toBe(
      'source "imports" is a file source and POST /api/ingest makes push sources; a push never changes a source\'s type: push them under another source id',
    );
    expect((await listed()).get('imports')).toBe('file');
  });

  it('keeps taking pushes into an existing push source', async () => {
    expect((await json(push('crm', post('c1', 'first push')))).inserted).toBe(1);
    const again = await push('crm', post('c2', 'second push'));
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ inserted: 1 });
    expect((await listed()).get('crm')).toBe('push');
    expect((await json(app.request('/api/mentions?source=crm'))).items).toHaveLength(2);
  });

  it('creates no source for a push whose every post is rejected', async () => {
    const res = await push('empty-crm', JSON.stringify({ id: 'e1' }));
    expect(res.status).toBe(400);
    expect((await listed()).has('empty-crm')).toBe(false);
  });
});
