/**
 * `npm run bench:overview`: overview load time with a large store (issue 8: < 1 s with 1,000,000
 * mentions). A benchmark, not a test (minutes of seeding):
 *
 *   PERF_MENTIONS=1000000 nice -n 10 npm run bench:overview
 *   BENCH_PG=postgres://postgres@127.0.0.1:5432/test PERF_MENTIONS=1000000 nice -n 10 npm run bench:overview
 *
 * Seeds a temp SQLite file (bench/overview-seed.ts: mentions, analyses, brands, terms, aspects, FTS;
 * rollups rebuilt), starts `koubei start` on it (`KOUBEI_DB`) and times the overview
 * (bench/overview-timing.ts: each of the six API requests alone, brand0, 3 and 30 days, first and
 * best of 3; then the page in Chromium, cold and warm). `PERF_DB=path` reuses a store seeded by an
 * earlier run (its path is printed) instead of seeding again; `PERF_SQLITE=0` skips the SQLite timing.
 *
 * With `BENCH_PG` (name the user when `USER` is unset) the same file is then copied into the schema
 * `koubei_bench_overview` by `koubei migrate-store`'s code (bench/overview-pg.ts: counts and md5
 * verified, tables analysed, then vacuumed unless `PERF_PG_VACUUM=0`), and the same timing runs
 * against `koubei start` with `DATABASE_URL=…?schema=koubei_bench_overview`. The schema is dropped at
 * the end unless `PERF_PG_KEEP=1`; `PERF_PG_REUSE=1` times a kept schema without copying again.
 *
 * Measured 2026-11-22, 1M mentions, 2-core machine under load, PostgreSQL 15 with default settings
 * (best of 3; full tables in docs/adr/0004-postgres-backend.md). SQLite: requests 1–73 ms, page 224–614 ms
 * warm, 619–1,011 ms cold. PostgreSQL: requests 1–312 ms (themes the slowest: 189–312 ms for 3 days),
 * page 401–724 ms warm, 890–1,399 ms cold. Before migrate-store analysed its copy, PostgreSQL answered
 * themes in 4.7–21 s and loaded the page in 6–7 s (26 s for 30 days) until the tables had statistics.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedSqlite } from './overview-seed.js';
import { timeOverview } from './overview-timing.js';
import { benchStoreUrl, copyToPostgres, dropBenchSchema, seededPgMentions } from './overview-pg.js';

const N = Number(process.env.PERF_MENTIONS ?? 1_000_000);
const PG_URL = process.env.BENCH_PG;

const dir = mkdtempSync(join(tmpdir(), 'koubei-perf-'));
const reuse = process.env.PERF_DB !== undefined && existsSync(process.env.PERF_DB);
const dbPath = reuse ? process.env.PERF_DB! : join(dir, 'perf.db');
// With a reused file the ranges end now, a little after its seeding: close enough for these ranges.
const end = Date.now();
if (!reuse) {
  const started = performance.now();
  await seedSqlite(dbPath, N, end);
  console.log(`seeded ${N.toLocaleString('en')} mentions in ${((performance.now() - started) / 1000).toFixed(0)} s: ${dbPath}`);
}

if (process.env.PERF_SQLITE !== '0') await timeOverview({ label: 'sqlite', env: { KOUBEI_DB: dbPath }, end, dir });

if (PG_URL) {
  const kept = process.env.PERF_PG_REUSE === '1' ? await seededPgMentions(PG_URL) : undefined;
  if (kept) console.log(`postgres: reusing ${kept.toLocaleString('en')} mentions in the kept schema`);
  else await copyToPostgres(dbPath, PG_URL, process.env.PERF_PG_VACUUM !== '0');
  try {
    await timeOverview({ label: 'postgres', env: { DATABASE_URL: benchStoreUrl(PG_URL) }, end, dir });
  } finally {
    if (process.env.PERF_PG_KEEP === '1') console.log(`postgres: schema kept; drop it with DROP SCHEMA koubei_bench_overview CASCADE`);
    else await dropBenchSchema(PG_URL);
  }
}
