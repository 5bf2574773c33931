import { expect, it } from 'vitest';
import { INTERVAL_MS } from '../../src/store/sqlite/intervals.js';
import { describeStores, makeInput, makePost, type TestStore } from '../helpers/store.js';

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

async function snapshot(t: TestStore) {
  const cells = await t.raw('SELECT * FROM rollups ORDER BY interval, brand_id, bucket, source_id, lang');
  const authors = await t.raw('SELECT * FROM rollup_authors ORDER BY interval, brand_id, bucket, source_id, lang, author_id');
  return { cells, authors };
}

/** The rollups recomputed from scratch, in the same row order as `snapshot`. */
export async function recount(t: TestStore) {
  const sorted = (sql: string, n: number) => `SELECT * FROM (${sql}) r ORDER BY ${Array.from({ length: n }, (_, i) => i + 1).join(', ')}`;
  const intervals = Object.entries(INTERVAL_MS).sort(([a], [b]) => a.localeCompare(b));
  const cells: unknown[][] = [];
  const authors: unknown[][] = [];
  for (const [i, size] of intervals) {
    cells.push(...(await t.raw(sorted(t.recountSql(i, size), 5))));
    authors.push(...(await t.raw(sorted(t.recountAuthorsSql(i, size), 6))));
  }
  return { cells, authors };
}

export const round = (rows: unknown[][]) => rows.map((row) => row.map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 || 0 : v)));

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
