/**
 * The PostgreSQL side of `npm run bench:overview` (`BENCH_PG=postgres://…`): the seeded SQLite file
 * is copied into a fresh schema with the project's own `koubei migrate-store` code (copy in one
 * transaction, then row counts and md5 of every table compared), so PostgreSQL is timed on exactly
 * the rows SQLite was. migrate-store analyses the tables before its commit; the bench then vacuums
 * them (visibility map for index-only scans), the state autovacuum reaches on a live server after a
 * bulk load (the test server runs with autovacuum off). `PERF_PG_VACUUM=0` times the copy as
 * migrate-store leaves it. The schema is dropped after the measurement.
 */
import pg from 'pg';
import { migrateStore } from '../src/cli/commands/migrate-store.js';
import { parsePgUrl } from '../src/store/postgres/index.js';
import { seededTokens } from './overview-seed.js';

export const BENCH_SCHEMA = 'koubei_bench_overview';

/** `BENCH_PG` with koubei's `?schema=` parameter: the `DATABASE_URL` the server is started with. */
export function benchStoreUrl(url: string): string {
  const target = new URL(parsePgUrl(url).url);
  target.searchParams.set('schema', BENCH_SCHEMA);
  return target.toString();
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: parsePgUrl(url).url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Mentions in the bench schema, or undefined when it does not exist (for PERF_PG_REUSE). */
export async function seededPgMentions(url: string): Promise<number | undefined> {
  return admin(url, async (client) => {
    const { rows } = await client.query('SELECT to_regclass($1) AS t', [`${BENCH_SCHEMA}.mentions`]);
    if (!rows[0].t) return undefined;
    return Number((await client.query(`SELECT count(*) AS n FROM ${BENCH_SCHEMA}.mentions`)).rows[0].n);
  });
}

/** Drops the bench schema (if any), copies `dbPath` into a fresh one and, with `vacuum`, vacuums it. */
export async function copyToPostgres(dbPath: string, url: string, vacuum: boolean): Promise<void> {
  await dropBenchSchema(url);
  const started = performance.now();
  let shown = '';
  const checks = await migrateStore({
    from: dbPath,
    to: benchStoreUrl(url),
    tokenize: seededTokens,
    onProgress: (table, done, total) => {
      if (done === total || done % 100_000 === 0) process.stderr.write(`${table === shown ? '\r' : ((shown = table), '\n')}copy ${table} ${done}/${total}`);
    },
  });
  process.stderr.write('\n');
  const bad = checks.filter((c) => !c.ok);
  if (bad.length) throw new Error(`migrate-store: mismatch in ${bad.map((c) => c.table).join(', ')}`);
  console.log(`postgres: migrate-store copied and verified ${checks.length} tables in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (!vacuum) return;
  const vacuumed = performance.now();
  await admin(url, async (client) => {
    const { rows } = await client.query('SELECT tablename FROM pg_tables WHERE schemaname = $1', [BENCH_SCHEMA]);
    // VACUUM runs outside a transaction block, one table at a time (a bare VACUUM would do the whole database).
    for (const { tablename } of rows) await client.query(`VACUUM ${BENCH_SCHEMA}."${tablename}"`);
  });
  console.log(`postgres: VACUUM ${((performance.now() - vacuumed) / 1000).toFixed(0)} s`);
}

export async function dropBenchSchema(url: string): Promise<void> {
  await admin(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${BENCH_SCHEMA} CASCADE`));
}
