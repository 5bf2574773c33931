import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { PG_REQUIRED, PG_UNAVAILABLE } from '../helpers/pg.js';
import { duringDeletion, expectRollupsEqualRecount, openPgTestStore, traces } from '../helpers/brand-traces.js';
import { json, makeApp, makeRuntime } from '../helpers/runtime.js';
import { describeRuntimeStores } from '../helpers/runtime-backends.js';
import { brandRecords, describeStores, makeInput, makePost } from '../helpers/store.js';

const at = (hour: number) => new Date(Date.UTC(2026, 10, 20, hour)).toISOString();
const DAY = { from: Date.UTC(2026, 10, 20), to: Date.UTC(2026, 10, 21) };

describeStores('saving mentions that name a deleted brand', (open) => {
  it('links only brands still in the store, on insert and on a text change, and counts nothing for the others', async () => {
    const t = await open();
    await t.store.upsertBrands(brandRecords('freshbee', 'gone'));
    await t.store.saveMentions([makeInput(makePost({ externalId: 'old', text: 'FreshBee was late', createdAt: at(1) }), 'neg', ['freshbee'])]);
    expect(await t.store.deleteBrand('gone')).toBe(true);
    // A worker still matching with the brands it read before the deletion.
    const saved = await t.store.saveMentions([
      makeInput(makePost({ externalId: 'new', text: 'FreshBee and Gone were both late', createdAt: at(2) }), 'neg', ['freshbee', 'gone']),
      makeInput(makePost({ externalId: 'old', text: 'FreshBee was late, Gone too', createdAt: at(1) }), 'neg', ['gone', 'freshbee']),
      makeInput(makePost({ externalId: 'only', text: 'Gone was fine', createdAt: at(3) }), 'pos', ['gone']),
    ]);
    expect(saved).toMatchObject({ inserted: 2, updated: 1 });
    const listed = await t.store.listMentions({ limit: 10 });
    expect(Object.fromEntries(listed.items.map((m) => [m.externalId, m.brands]))).toEqual({ new: ['freshbee'], old: ['freshbee'], only: [] });
    expect(await traces(t, 'gone')).toEqual([]);
    const volume = await t.store.trends({ brandId: 'freshbee', interval: 'day', ...DAY });
    expect(volume.reduce((n, p) => n + p.volume, 0)).toBe(2);
    await expectRollupsEqualRecount(t);
  });
});

describe.skipIf(PG_UNAVAILABLE !== null && !PG_REQUIRED)('saving mentions while a brand is being deleted [postgres]', () => {
  it('waits for the deletion, then links nothing to the deleted brand; rollups equal a recount', async () => {
    const pg = await openPgTestStore();
    try {
      await pg.store.upsertBrands(brandRecords('freshbee', 'gone'));
      await pg.store.saveMentions([makeInput(makePost({ externalId: 'old', text: 'Gone was late', createdAt: at(1) }), 'neg', ['gone'])]);
      const waited = await duringDeletion(pg, 'gone', () =>
        pg.store.saveMentions([makeInput(makePost({ externalId: 'new', text: 'FreshBee and Gone', createdAt: at(2) }), 'neg', ['freshbee', 'gone'])]),
      );
      const listed = await pg.store.listMentions({ limit: 10 });
      expect(Object.fromEntries(listed.items.map((m) => [m.externalId, m.brands]))).toEqual({ new: ['freshbee'], old: [] });
      expect(await traces(pg.t, 'gone')).toEqual([]);
      await expectRollupsEqualRecount(pg.t);
      expect(waited).toBe(true);
    } finally {
      await pg.store.close();
      await pg.t.close();
    }
  });
});

describeRuntimeStores('a worker that has not yet seen a brand deletion', (target) => {
  const runtimes: Runtime[] = [];
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((r) => r.close()));
  });

  it('stores the post without the deleted brand, as the API then shows it', async () => {
    const where = await target();
    const serve = await makeRuntime(where);
    runtimes.push(serve);
    const api = makeApp(serve);
    expect((await api.request('/api/brands/chayu', { method: 'PUT', body: JSON.stringify({ name: 'ChaYu', aliases: ['茶语轩'] }) })).status).toBe(200);
    // A second process (a queue worker) reads the brands at its start, chayu among them.
    const worker = await makeRuntime(where);
    runtimes.push(worker);
    expect((await api.request('/api/brands/chayu', { method: 'DELETE' })).status).toBe(204);
    await serve.rematchBrands(); // the deleting process's background re-match is done: it cannot mend what follows
    const stored = await worker.ingest([{ source: 'crm', externalId: 'p1', text: '茶语轩的奶茶不错，鲜蜂外卖送得也快', createdAt: at(9) }], 'crm');
    expect(stored).toMatchObject({ inserted: 1 });
    const found = await json(api.request(`/api/mentions?q=${encodeURIComponent('茶语轩')}`));
    expect(found.items.map((m: { brands: string[] }) => m.brands)).toEqual([['freshbee']]);
    expect((await api.request('/api/mentions?brand=chayu')).status).toBe(404);
  });
});
