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
});
