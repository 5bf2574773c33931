import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { recountAuthorsSql, recountSql } from '../../src/store/sqlite/rollups.js';
import { INTERVAL_MS } from '../../src/store/sqlite/intervals.js';
import { makeInput, makePost } from '../helpers/store.js';

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

function snapshot(db: Db) {
  const cells = db.prepare('SELECT * FROM rollups ORDER BY interval, brand_id, bucket, source_id, lang').raw().all();
  const authors = db.prepare('SELECT * FROM rollup_authors ORDER BY interval, brand_id, bucket, source_id, lang, author_id').raw().all();
  return { cells, authors };
}

function recount(db: Db) {
  const sorted = (sql: string) => `SELECT * FROM (${sql}) ORDER BY 1, 2, 3, 4, 5${sql.includes('author_id') ? ', 6' : ''}`;
  const intervals = Object.entries(INTERVAL_MS).sort(([a], [b]) => a.localeCompare(b));
  return {
    cells: intervals.flatMap(([i, size]) => db.prepare(sorted(recountSql(i, size))).raw().all()),
    authors: intervals.flatMap(([i, size]) => db.prepare(sorted(recountAuthorsSql(i, size))).raw().all()),
  };
}

const round = (rows: unknown[][]) => rows.map((row) => row.map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 || 0 : v)));

describe('rollups', () => {
  it.each([1, 2, 3, 4, 5])('stay equal to a full recount after random inserts, re-ingests and deletes (seed %i)', async (seed) => {
    const random = rng(seed);
    const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)];
    const db = openDb(':memory:');
    const store = createSqliteStore(db);
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
    const incremental = snapshot(db);
    expect(incremental.cells.length).toBeGreaterThan(10);
    const expected = recount(db);
    expect(round(incremental.cells as unknown[][])).toEqual(round(expected.cells as unknown[][]));
    expect(incremental.authors).toEqual(expected.authors);
    await store.rebuildRollups();
    expect(round(snapshot(db).cells as unknown[][])).toEqual(round(incremental.cells as unknown[][]));
  });
});
