import { afterEach, describe, expect, it } from 'vitest';
import { createPgPool } from '../../src/store/postgres/pool.js';
import { listPgMigrations, migratePg, pgSchemaVersion } from '../../src/store/postgres/migrate.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { listMigrations } from '../../src/store/db.js';
import { makePgSchema, PG_REQUIRED, PG_TEST_URL, PG_UNAVAILABLE, type TestSchema } from '../helpers/pg.js';
import { brandRecords, makeInput, makePost, recount, round, snapshot, type TestStore } from '../helpers/store.js';
import { pgRecountAuthorsSql, pgRecountSql } from '../../src/store/postgres/rollups.js';
import { PG_RECOUNT_ASPECTS_SQL, PG_RECOUNT_TERMS_SQL } from '../../src/store/postgres/analysis-rollups.js';

describe.skipIf(PG_UNAVAILABLE !== null && !PG_REQUIRED)('postgres store', () => {
  const schemas: TestSchema[] = [];
  const fresh = async (migrate = true) => {
    const s = await makePgSchema({ migrate });
    schemas.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(schemas.splice(0).map((s) => s.drop()));
  });

  it('mirrors every SQLite migration by number', () => {
    expect(listPgMigrations().map((m) => m.name.slice(0, 4))).toEqual(listMigrations().map((m) => m.name.slice(0, 4)));
  });

  it('applies each migration once when two processes start at the same time', async () => {
    const s = await fresh(false);
    const other = createPgPool(PG_TEST_URL, { schema: s.schema, max: 2 });
    try {
      const [a, b] = await Promise.all([migratePg(s.pool, s.schema), migratePg(other, s.schema)]);
      expect([...a, ...b].sort((x, y) => x - y)).toEqual(listPgMigrations().map((m) => m.version));
      expect(await migratePg(s.pool, s.schema)).toEqual([]);
      expect(await pgSchemaVersion(s.pool, s.schema)).toBe(listPgMigrations().length);
    } finally {
      await other.end();
    }
  });

  it('rolls back a failing migration whole', async () => {
    const s = await fresh();
    const version = await pgSchemaVersion(s.pool, s.schema);
    const broken = { version: version + 1, name: 'broken.sql', sql: 'CREATE TABLE half_done (x int); SELECT * FROM no_such_table;' };
    await expect(migratePg(s.pool, s.schema, [...listPgMigrations(), broken])).rejects.toThrow(/no_such_table/);
    expect(await pgSchemaVersion(s.pool, s.schema)).toBe(version);
    expect(await s.raw(`SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename = 'half_done'`, [s.schema])).toEqual([[0]]);
  });

  it('keeps rollups exact and links one original when workers save overlapping batches concurrently', async () => {
    const s = await fresh();
    // Four "workers", each with its own pool, as separate processes would have.
    const pools = Array.from({ length: 4 }, () => createPgPool(PG_TEST_URL, { schema: s.schema, max: 2, synchronousCommit: false }));
    const stores = pools.map((pool) => createPostgresStore(pool, { schema: s.schema, migrate: false }));
    try {
      await stores[0]!.upsertBrands(brandRecords('freshbee', 'stellar'));
      const texts = ['鲜蜂外卖送餐太慢了，饭都凉了，再也不点了', 'FreshBee courier was friendly and quick today', 'Stellar X5 battery lasts two full days'];
      const batch = (w: number, r: number) =>
        Array.from({ length: 12 }, (_, i) => {
          const n = (i * 7 + r * 5 + w) % 30; // overlapping external ids across workers
          const post = makePost({ source: n % 2 ? 'weibo' : 'reddit', externalId: `p${n}`, text: texts[n % 3] + (n % 5 === 0 ? '' : ` #${n % 4}`),
            createdAt: new Date(Date.UTC(2026, 10, 20, n % 24)).toISOString(), author: { id: `a${n % 6}` }, engagement: { likes: r } });
          const input = makeInput(post, n % 3 === 0 ? 'neg' : 'pos', n % 2 ? ['freshbee'] : ['freshbee', 'stellar']);
          input.analysis.aspects = n % 3 ? [{ aspect: 'speed', term: 'slow', label: 'neg', score: -0.5 - r / 10 }] : [];
          return input;
        });
      await Promise.all(stores.map(async (store, w) => {
        for (let r = 0; r < 5; r++) await store.saveMentions(batch(w, r));
      }));
      const t: TestStore = { store: stores[0], raw: s.raw, recountSql: pgRecountSql, recountAuthorsSql: pgRecountAuthorsSql, close: async () => {} };
      const now = await snapshot(t);
      const expected = await recount(t);
      expect(round(now.cells)).toEqual(round(expected.cells));
      expect(now.authors).toEqual(expected.authors);
      const sorted = (sql: string) => s.raw(`SELECT * FROM (${sql}) r ORDER BY 1, 2, 3`);
      expect(await sorted('SELECT * FROM term_rollups')).toEqual(await sorted(PG_RECOUNT_TERMS_SQL));
      expect(round(await sorted('SELECT * FROM aspect_rollups'))).toEqual(round(await sorted(PG_RECOUNT_ASPECTS_SQL)));
      // One original per content hash among live posts: concurrent inserts never both became "first".
      expect(await s.raw('SELECT content_hash, count(*) FROM mentions WHERE duplicate_of IS NULL GROUP BY 1 HAVING count(*) > 1')).toEqual([]);
      expect(await s.raw('SELECT count(*) FROM mentions')).toEqual([[30]]);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
