import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { adminQuery, PG_REQUIRED, PG_TEST_URL, PG_UNAVAILABLE } from '../helpers/pg.js';
import { spawnServer, type SpawnedServer } from '../web/server.js';

describe.skipIf(PG_UNAVAILABLE !== null && !PG_REQUIRED)('koubei start on PostgreSQL', () => {
  let server: SpawnedServer | undefined;
  const schema = `koubei_test_${randomBytes(6).toString('hex')}`;
  afterEach(async () => {
    server?.stop();
    await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('migrates the schema of DATABASE_URL, serves from it and names it (not the SQLite file) at start', async () => {
    const url = new URL(PG_TEST_URL);
    url.searchParams.set('schema', schema);
    server = await spawnServer({ demo: false, brands: [{ id: 'acme', name: 'Acme', aliases: ['艾克米'] }] }, { DATABASE_URL: url.toString() });
    const brands = (await (await fetch(`${server.base}/api/brands`)).json()) as { items: { id: string }[] };
    expect(brands.items.map((b) => b.id)).toEqual(['acme']);
    expect(server.stderr()).toContain(`database PostgreSQL schema "${schema}" of database "${url.pathname.slice(1)}" on ${url.host}`);
    expect(server.stderr()).not.toContain('k.db');
    const client = new pg.Client({ connectionString: PG_TEST_URL });
    await client.connect();
    try {
      expect((await client.query(`SELECT id FROM ${schema}.brands`)).rows).toEqual([{ id: 'acme' }]);
    } finally {
      await client.end();
    }
  }, 120_000);
});
