import { describe, expect, it } from 'vitest';
import type { BrandRecord, Store } from '../../src/store/types.js';
import { PG_REQUIRED, PG_UNAVAILABLE } from '../helpers/pg.js';
import { duringDeletion, expectRollupsEqualRecount, openPgTestStore, traces } from '../helpers/brand-traces.js';
import { describeStores, makeInput, makePost } from '../helpers/store.js';

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

describe.skipIf(PG_UNAVAILABLE !== null && !PG_REQUIRED)('brand relink racing a brand deletion [postgres]', () => {
  it('waits for a deletion in progress, then links nothing to the deleted brand; rollups equal a recount', async () => {
    const pg = await openPgTestStore();
    try {
      const [, later] = await seed(pg.store);
      // The moment a re-match used to re-insert the deleted brand's links.
      const relinkWaited = await duringDeletion(pg, 'gone', () =>
        pg.store.relinkBrands([{ id: later.id, contentHash: later.contentHash, brandIds: ['freshbee', 'gone'] }]),
      );
      expect((await pg.store.scanMentionBrands(0, 10)).map((m) => m.brandIds)).toEqual([['freshbee'], ['freshbee']]);
      expect(await traces(pg.t, 'gone')).toEqual([]);
      await expectRollupsEqualRecount(pg.t);
      expect(relinkWaited).toBe(true);
    } finally {
      await pg.store.close();
      await pg.t.close();
    }
  });
});
