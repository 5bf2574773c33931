import { expect, it } from 'vitest';
import type { AspectOpinion } from '../../src/domain.js';
import { RECOUNT_ASPECTS_SQL } from '../../src/store/sqlite/analysis-rollups.js';
import { PG_RECOUNT_ASPECTS_SQL } from '../../src/store/postgres/analysis-rollups.js';
import type { Store } from '../../src/store/types.js';
import { expectRollupsEqualRecount } from '../helpers/brand-traces.js';
import { brandRecords, describeStores, makeInput, makePost, round, type TestStore } from '../helpers/store.js';

const DAY = Date.UTC(2026, 10, 20);
const delivery: AspectOpinion = { aspect: 'delivery', term: '外卖', label: 'neg', score: -0.8 };
const taste: AspectOpinion = { aspect: 'taste', term: '菜', label: 'neg', score: -0.4 };

/** Two mentions of freshbee with a delivery opinion each, on two days. */
async function seed(store: Store) {
  await store.upsertBrands(brandRecords('freshbee'));
  const inputs = ['鲜蜂外卖太慢了', '鲜蜂外卖又慢了'].map((text, i) => {
    const input = makeInput(makePost({ externalId: `m${i}`, text, createdAt: new Date(DAY + i * 86_400_000 + 3_600_000).toISOString() }), 'neg', ['freshbee']);
    input.analysis.aspects = [delivery];
    return input;
  });
  await store.saveMentions(inputs);
  return store.scanMentionBrands(0, 10);
}

const aspectTotals = async (store: Store, brandId?: string) =>
  (await store.aspectCounts({ brandId, from: DAY, to: DAY + 3 * 86_400_000 })).map((a) => [a.aspect, a.mentions, a.neg]);

async function expectAspectRollupsEqualRecount(t: TestStore, recountSql: string): Promise<void> {
  const sorted = async (sql: string) => round(await t.raw(`SELECT * FROM (${sql}) r ORDER BY 1, 2, 3`));
  expect(await sorted('SELECT * FROM aspect_rollups')).toEqual(await sorted(recountSql));
}

describeStores('brand relink with new aspects', (open, backend) => {
  const recountSql = backend.name === 'sqlite' ? RECOUNT_ASPECTS_SQL : PG_RECOUNT_ASPECTS_SQL;

  it('replaces the stored aspects and their rows, and the aspect counts of every brand move with them', async () => {
    const t = await open();
    const [first, second] = await seed(t.store);
    expect(first.aspects).toEqual([delivery]);
    expect(await aspectTotals(t.store, 'freshbee')).toEqual([['delivery', 2, 2]]);
    await t.store.relinkBrands([
      { id: first.id, contentHash: first.contentHash, brandIds: ['freshbee'], aspects: [] },
      { id: second.id, contentHash: second.contentHash, brandIds: ['freshbee'], aspects: [delivery, taste] },
    ]);
    expect((await t.store.scanMentionBrands(0, 10)).map((m) => m.aspects)).toEqual([[], [delivery, taste]]);
    const listed = await t.store.listMentions({ limit: 10 });
    expect(listed.items.map((m) => [m.externalId, m.aspects])).toEqual([['m1', [delivery, taste]], ['m0', []]]);
    expect(await aspectTotals(t.store, 'freshbee')).toEqual([['delivery', 1, 1], ['taste', 1, 1]]);
    expect(await aspectTotals(t.store)).toEqual([['delivery', 1, 1], ['taste', 1, 1]]);
    // A one-day period reads the aspect rows rather than the daily rollups.
    expect((await t.store.aspectCounts({ from: DAY, to: DAY + 86_400_000 })).map((a) => a.aspect)).toEqual([]);
    await expectAspectRollupsEqualRecount(t, recountSql);
    await expectRollupsEqualRecount(t);
  });

  it('leaves the aspects of a mention whose text changed since the scan, and keeps what no change names', async () => {
    const t = await open();
    const [first, second] = await seed(t.store);
    await t.store.saveMentions([makeInput(makePost({ externalId: 'm0', text: '鲜蜂外卖今天很快', createdAt: new Date(DAY + 3_600_000).toISOString() }), 'pos', ['freshbee'])]);
    await t.store.relinkBrands([
      { id: first.id, contentHash: first.contentHash, brandIds: ['freshbee'], aspects: [taste] },
      { id: second.id, contentHash: second.contentHash, brandIds: [] },
    ]);
    expect((await t.store.scanMentionBrands(0, 10)).map((m) => m.aspects)).toEqual([[], [delivery]]);
    await expectAspectRollupsEqualRecount(t, recountSql);
  });

  it('records the brand names the stored aspects looked through (none before the first re-match)', async () => {
    const t = await open();
    expect(await t.store.aspectNames()).toBeNull();
    await t.store.setAspectNames(['FreshBee', '鲜蜂外卖']);
    expect(await t.store.aspectNames()).toEqual(['FreshBee', '鲜蜂外卖']);
    await t.store.setAspectNames([]);
    expect(await t.store.aspectNames()).toEqual([]);
  });
});
