import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { pgRecountAuthorsSql, pgRecountSql } from '../../src/store/postgres/rollups.js';
import type { Runtime } from '../../src/runtime.js';
import { makePgSchema, PG_REQUIRED, PG_UNAVAILABLE } from '../helpers/pg.js';
import { json, makeApp, makeRuntime } from '../helpers/runtime.js';
import { describeRuntimeStores } from '../helpers/runtime-backends.js';
import { brandRecords, describeStores, makeInput, makePost, recount, round, snapshot, type TestStore } from '../helpers/store.js';

const at = (hour: number) => new Date(Date.UTC(2026, 10, 20, hour)).toISOString();
const DAY = { from: Date.UTC(2026, 10, 20), to: Date.UTC(2026, 10, 21) };

/** Links, rollup cells, author cells and daily term cells naming `brandId`. */
async function traces(t: TestStore, brandId: string) {
  const tables = ['mention_brands', 'rollups', 'rollup_authors', 'term_rollups'];
  return (await Promise.all(tables.map((table) => t.raw(`SELECT brand_id FROM ${table} WHERE brand_id = '${brandId}'`)))).flat();
}

async function expectRollupsEqualRecount(t: TestStore) {
  const [expected, incremental] = [await recount(t), await snapshot(t)];
  expect(round(incremental.cells)).toEqual(round(expected.cells));
  expect(incremental.authors).toEqual(expected.authors);
}

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

/** Backends blocked by `pid` (waiting for one of its locks). */
async function blockedBy(t: TestStore, pid: number): Promise<number[]> {
  return (await t.raw('SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid])).map(([p]) => Number(p));
}

async function poll<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    const value = await probe();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(PG_UNAVAILABLE !== null && !PG_REQUIRED)('saving mentions while a brand is being deleted [postgres]', () => {
  it('waits for the deletion, then links nothing to the deleted brand; rollups equal a recount', async () => {
    const schema = await makePgSchema();
    const store = createPostgresStore(schema.pool, { schema: schema.schema, ownsPool: false });
    const t: TestStore = { store, raw: schema.raw, recountSql: pgRecountSql, recountAuthorsSql: pgRecountAuthorsSql, close: schema.drop };
    const blocker = await schema.pool.connect();
    try {
      await store.upsertBrands(brandRecords('freshbee', 'gone'));
      await store.saveMentions([makeInput(makePost({ externalId: 'old', text: 'Gone was late', createdAt: at(1) }), 'neg', ['gone'])]);
      // Holding the brand's rollup rows stops `deleteBrand` after it removed the links and before it
      // commits: a save reading the brands then would still find it.
      await blocker.query('BEGIN');
      await blocker.query("SELECT 1 FROM rollups WHERE brand_id = 'gone' FOR UPDATE");
      const blockerPid = Number((await blocker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      const deletion = store.deleteBrand('gone');
      const deleterPid = await poll(async () => (await blockedBy(t, blockerPid))[0], 'the deletion to wait');
      let settled = false;
      const save = store.saveMentions([makeInput(makePost({ externalId: 'new', text: 'FreshBee and Gone', createdAt: at(2) }), 'neg', ['freshbee', 'gone'])]);
      void save.finally(() => (settled = true)).catch(() => undefined);
      const waited = await poll(async () => (settled ? false : (await blockedBy(t, deleterPid)).length > 0 ? true : undefined), 'the save to wait or finish');
      await blocker.query('ROLLBACK');
      expect(await deletion).toBe(true);
      await save;
      const listed = await store.listMentions({ limit: 10 });
      expect(Object.fromEntries(listed.items.map((m) => [m.externalId, m.brands]))).toEqual({ new: ['freshbee'], old: [] });
      expect(await traces(t, 'gone')).toEqual([]);
      await expectRollupsEqualRecount(t);
      expect(waited).toBe(true);
    } finally {
      blocker.release();
      await store.close();
      await schema.drop();
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
