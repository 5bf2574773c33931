import { expect, it } from 'vitest';
import { describeStores, makeInput, makePost, recount, round, snapshot } from '../helpers/store.js';

/** Small deterministic PRNG (mulberry32) so a failure reproduces from its seed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describeStores('rollups', (open) => {
  it.each([1, 2, 3, 4, 5])('stay equal to a full recount after random inserts, re-ingests and deletes (seed %i)', async (seed) => {
    const random = rng(seed);
    const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)];
    const t = await open();
    const { store } = t;
    const texts = ['鲜蜂外卖送餐太慢了，饭都凉了', 'FreshBee delivery was quick and friendly', '转发：鲜蜂外卖送餐太慢了，饭都凉了', 'Stellar X5 battery is amazing today', 'meh'];
    for (let step = 0; step < 300; step++) {
      const action = random();
      const externalId = `p${Math.floor(random() * 60)}`;
      const source = pick(['weibo', 'reddit']);
      if (action < 0.85) {
        const post = makePost({
          source,
          externalId,
          text: pick(texts) + (random() < 0.3 ? ` #${Math.floor(random() * 3)}` : ''),
          createdAt: new Date(Date.UTC(2026, 10, 20) + Math.floor(random() * 72) * 1_800_000).toISOString(),
          author: { id: `a${Math.floor(random() * 8)}` },
          engagement: { likes: Math.floor(random() * 5) },
        });
        const input = makeInput(post, pick(['pos', 'neg', 'neu']), random() < 0.5 ? ['freshbee'] : random() < 0.5 ? ['freshbee', 'stellar'] : []);
        input.analysis.lang = pick(['zh', 'en']);
        await store.saveMentions([input]);
      } else {
        await store.markDeleted(source, [externalId], Date.now());
      }
    }
    const incremental = await snapshot(t);
    expect(incremental.cells.length).toBeGreaterThan(10);
    const expected = await recount(t);
    expect(round(incremental.cells)).toEqual(round(expected.cells));
    expect(incremental.authors).toEqual(expected.authors);
    await store.rebuildRollups();
    expect(round((await snapshot(t)).cells)).toEqual(round(incremental.cells));
  });

  it('move with relinked brands: counts leave the old brand and reach the new one, equal to a recount', async () => {
    const t = await open();
    const { store } = t;
    await store.upsertBrands(['freshbee', 'stellar'].map((id) => ({ id, name: id, aliases: [], competitors: [] })));
    const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h)).toISOString();
    await store.saveMentions([
      makeInput(makePost({ externalId: 'r1', text: 'Stellar X5 battery is amazing', createdAt: at(1), author: { id: 'a1' } }), 'pos', ['freshbee']),
      makeInput(makePost({ externalId: 'r2', text: 'Stellar X5 battery died', createdAt: at(2), author: { id: 'a2' } }), 'neg', []),
      makeInput(makePost({ externalId: 'r3', text: 'gone soon', createdAt: at(3) }), 'neu', ['stellar']),
    ]);
    await store.markDeleted('test', ['r3'], Date.now());
    const scanned = await store.scanMentionBrands(0, 10);
    expect(scanned.map((m) => [m.text, m.brandIds])).toEqual([
      ['Stellar X5 battery is amazing', ['freshbee']],
      ['Stellar X5 battery died', []],
    ]);
    await store.relinkBrands(scanned.map((m) => ({ id: m.id, contentHash: m.contentHash, brandIds: ['stellar'] })));
    expect((await store.scanMentionBrands(0, 10)).map((m) => m.brandIds)).toEqual([['stellar'], ['stellar']]);
    // New search tokens (a brand word the segmenter learned later) replace the indexed ones.
    await store.relinkBrands([{ id: scanned[1].id, contentHash: scanned[1].contentHash, brandIds: ['stellar'], searchTokens: ['stellarx5', 'died'] }]);
    expect((await store.listMentions({ terms: ['stellarx5'], limit: 10 })).items.map((m) => m.text)).toEqual(['Stellar X5 battery died']);
    // A mention re-ingested with new text since the scan keeps the links its new text was saved with.
    await store.relinkBrands([{ id: scanned[0].id, contentHash: 'stale', brandIds: ['freshbee'] }]);
    expect((await store.scanMentionBrands(0, 10)).map((m) => m.brandIds)).toEqual([['stellar'], ['stellar']]);
    const volume = async (brandId: string) =>
      (await store.trends({ brandId, interval: 'day', from: Date.UTC(2026, 10, 20), to: Date.UTC(2026, 10, 21) })).reduce((n, p) => n + p.volume, 0);
    expect(await volume('stellar')).toBe(2);
    expect(await volume('freshbee')).toBe(0);
    const terms = await store.termCounts({ brandId: 'stellar', from: Date.UTC(2026, 10, 20), to: Date.UTC(2026, 10, 21), limit: 5 });
    expect(terms.terms.find((x) => x.term === 'battery')?.mentions).toBe(2);
    const expected = await recount(t);
    const incremental = await snapshot(t);
    expect(round(incremental.cells)).toEqual(round(expected.cells));
    expect(incremental.authors).toEqual(expected.authors);
  });
});
