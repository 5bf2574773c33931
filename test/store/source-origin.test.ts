import { describe, expect, it } from 'vitest';
import { listMigrations, migrateDb, openDb } from '../../src/store/db.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { listPgMigrations, migratePg } from '../../src/store/postgres/migrate.js';
import type { Store } from '../../src/store/types.js';
import { makePgSchema, PG_REQUIRED, PG_UNAVAILABLE } from '../helpers/pg.js';

/** The version before migration 0007 added `sources.origin`. */
const BEFORE_ORIGIN = 6;

/**
 * Sources as the release before 0007 left them: collectors' with runs, one a collector claimed but
 * never finished a run of, and one of each push type.
 */
const OLD_SOURCES = [
  ['feed', 'rss', 5],
  ['half-run', 'rss', null],
  ['export', 'file', 5],
  ['crm', 'push', null],
  ['imports', 'file', null],
] as const;
const OLD_RUNS = ['feed', 'export'];

const EXPECTED = [
  ['crm', 'push', 'push'],
  ['export', 'file', 'collector'],
  ['feed', 'rss', 'collector'],
  ['half-run', 'rss', 'collector'],
  ['imports', 'file', 'push'],
];

const origins = async (store: Store) => (await store.listSources()).map((s) => [s.id, s.type, s.origin]);

describe('migration 0007: the origin of stored sources', () => {
  it('gives push and file sources without runs to pushes, and every other source to its collector [sqlite]', async () => {
    const db = openDb(':memory:', { migrate: false });
    migrateDb(db, listMigrations().slice(0, BEFORE_ORIGIN));
    const insertSource = db.prepare('INSERT INTO sources (id, type, last_run_at, created_at) VALUES (?, ?, ?, 1)');
    for (const row of OLD_SOURCES) insertSource.run(...row);
    const insertRun = db.prepare("INSERT INTO collector_runs (source_id, started_at, finished_at, status) VALUES (?, 1, 5, 'ok')");
    for (const id of OLD_RUNS) insertRun.run(id);
    migrateDb(db);
    const store = createSqliteStore(db);
    expect(await origins(store)).toEqual(EXPECTED);
    await store.close();
  });

  it.skipIf(PG_UNAVAILABLE !== null && !PG_REQUIRED)('does the same on PostgreSQL [postgres]', async () => {
    const schema = await makePgSchema({ migrate: false });
    try {
      await migratePg(schema.pool, schema.schema, listPgMigrations().slice(0, BEFORE_ORIGIN));
      for (const row of OLD_SOURCES) await schema.raw('INSERT INTO sources (id, type, last_run_at, created_at) VALUES ($1, $2, $3, 1)', [...row]);
      for (const id of OLD_RUNS) await schema.raw("INSERT INTO collector_runs (source_id, started_at, finished_at, status) VALUES ($1, 1, 5, 'ok')", [id]);
      const store = createPostgresStore(schema.pool, { schema: schema.schema, ownsPool: false });
      expect(await origins(store)).toEqual(EXPECTED);
      await store.close();
    } finally {
      await schema.drop();
    }
  });
});
