import { describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { pgRecountAuthorsSql, pgRecountSql } from '../../src/store/postgres/rollups.js';
import type { BrandRecord, Store } from '../../src/store/types.js';
import { makePgSchema, PG_REQUIRED, PG_UNAVAILABLE } from '../helpers/pg.js';
import { describeStores, makeInput, makePost, recount, round, snapshot, type TestStore } from '../helpers/store.js';

const brand = (id: string): BrandRecord => ({ id, name: id, aliases: [], competitors: [] });
const at = (day: number, hour: number) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();

/** Mentions `kept` (already linked to freshbee and gone, on day 20) and `later` (unlinked, day 22). */
async function seed(store: Store) {
  await store.upsertBrands([brand('freshbee'), brand('gone')]);
  await store.saveMentions([
    makeInput(makePost({ externalId: 'kept', text: 'FreshBee and Gone were both late', createdAt: at(20, 1), author: { id: 'a1' } }), 'neg', ['freshbee', 'gone']),
    makeInput(makePost({ externalId: 'later', text: 'Gone was fine this time', createdAt: at(22, 5), author: { id: 'a2' } }), 'pos', []),
  ]);
  return store.scanMentionBrands(0, 10);
}

/** Links, rollup cells, author cells and daily term cells still naming `brandId`. */
async function traces(t: TestStore, brandId: string) {
  const tables = ['mention_brands', 'rollups', 'rollup_authors', 'term_rollups'];
  const rows = await Promise.all(tables.map((table) => t.raw(`SELECT brand_id FROM ${table} WHERE brand_id = '${brandId}'`)));
  return rows.flat();
}

async function expectRollupsEqualRecount(t: TestStore) {
  const expected = await recount(t);
  const incremental = await snapshot(t);
  expect(round(incremental.cells)).toEqual(round(expected.cells));
  expect(incremental.authors).toEqual(expected.authors);
}

describeStores('brand relink after the brand was deleted', (open) => {
  it('links no brand deleted since the scan: no link and no rollup count for it, rollups equal a recount', async () => {
    const t = await open();
    const scanned = await seed(t.store);
    expect(await t.store.deleteBrand('gone')).toBe(true);
    await t.store.relinkBrands(scanned.map((m) => ({ id: m.id, contentHash: m.contentHash, brandIds: ['freshbee', 'gone'] })));
    expect((await t.store.scanMentionBrands(0, 10)).map((m) => m.brandIds)).toEqual([['freshbee'], ['freshbee']]);
    expect(await traces(t, 'gone')).toEqual([]);
    const volume = await t.store.trends({ brandId: 'freshbee', interval: 'day', from: Date.UTC(2026, 10, 20), to: Date.UTC(2026, 10, 23) });
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

describe.skipIf(PG_UNAVAILABLE !== null && !PG_REQUIRED)('brand relink racing a brand deletion [postgres]', () => {
  it('waits for a deletion in progress, then links nothing to the deleted brand; rollups equal a recount', async () => {
    const schema = await makePgSchema();
    const store = createPostgresStore(schema.pool, { schema: schema.schema, ownsPool: false });
    const t: TestStore = { store, raw: schema.raw, recountSql: pgRecountSql, recountAuthorsSql: pgRecountAuthorsSql, close: schema.drop };
    const blocker = await schema.pool.connect();
    try {
      const [, later] = await seed(store);
      // Holding the deleted brand's rollup rows stops `deleteBrand` after it removed the links and
      // before it commits: the moment a re-match used to re-insert them.
      await blocker.query('BEGIN');
      await blocker.query("SELECT 1 FROM rollups WHERE brand_id = 'gone' FOR UPDATE");
      const blockerPid = Number((await blocker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      const deletion = store.deleteBrand('gone');
      const deleterPid = await poll(async () => (await blockedBy(t, blockerPid))[0], 'the deletion to wait');
      let relinkSettled = false;
      const relink = store.relinkBrands([{ id: later.id, contentHash: later.contentHash, brandIds: ['freshbee', 'gone'] }]);
      void relink.finally(() => (relinkSettled = true)).catch(() => undefined);
      const relinkWaited = await poll(async () => (relinkSettled ? false : (await blockedBy(t, deleterPid)).length > 0 ? true : undefined), 'the relink to wait or finish');
      await blocker.query('ROLLBACK');
      expect(await deletion).toBe(true);
      await relink;
      expect((await store.scanMentionBrands(0, 10)).map((m) => m.brandIds)).toEqual([['freshbee'], ['freshbee']]);
      expect(await traces(t, 'gone')).toEqual([]);
      await expectRollupsEqualRecount(t);
      expect(relinkWaited).toBe(true);
    } finally {
      blocker.release();
      await store.close();
      await schema.drop();
    }
  });
});
