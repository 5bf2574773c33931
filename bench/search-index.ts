/**
 * `npm run bench:search-index`: what the character bigrams of long Chinese tokens
 * (`pipeline/search-tokens.ts`) cost in the search index. A measurement, not a test.
 *
 * SEARCH_MENTIONS (default 100,000) mentions replay the demo stream as the demo source does (604
 * posts per 72-hour cycle, new ids each cycle; each text analysed once by the real pipeline). They
 * are saved through `saveMentions` twice, once indexed with the bigrams and once with the segmented
 * tokens alone, into temp SQLite files and, with BENCH_PG=postgres://…, into two PostgreSQL schemas
 * (dropped afterwards). Printed per store: tokens indexed, and the sizes of the index and the database.
 */
import { readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { silentLogger } from '../src/logger.js';
import { createRuntime } from '../src/runtime.js';
import { analysePosts } from '../src/jobs/analyse-posts.js';
import { replayDemo, TIMELINE_MINUTES, type DemoPost } from '../src/collectors/demo-stream.js';
import { DEMO_DIR } from '../src/resources/paths.js';
import { openDb, type Db } from '../src/store/db.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import type { BrandRecord, MentionInput, Store } from '../src/store/types.js';

const N = Number(process.env.SEARCH_MENTIONS ?? 100_000);
const PG_URL = process.env.BENCH_PG;
const START = Date.parse('2025-01-01T00:00:00Z');
const MB = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

const BRANDS: BrandRecord[] = JSON.parse(readFileSync(join(DEMO_DIR, 'brands.json'), 'utf8'));

/** The demo replay up to `count` posts, each with the analysis of its text (computed once per text). */
async function demoMentions(count: number): Promise<MentionInput[]> {
  const demo = readFileSync(join(DEMO_DIR, 'posts.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as DemoPost);
  const runtime = await createRuntime({ port: 0, databasePath: ':memory:', demo: false, collectOnStart: false, timezone: 'UTC',
    ingestMaxBytes: 1, unhealthyAfterFailures: 3, sources: [], brands: BRANDS }, silentLogger);
  const cycles = Math.ceil(count / demo.length);
  const { posts } = replayDemo(demo, { startMs: START, cycle: 0, lastMinute: -1 }, START + cycles * TIMELINE_MINUTES * 60_000 - 1, 0, 'demo');
  const analysed = new Map(analysePosts(posts.slice(0, demo.length), 'demo', runtime.collection).map((m) => [m.post.text, m]));
  await runtime.close();
  return posts.slice(0, count).map((post) => ({ ...analysed.get(post.text)!, post }));
}

/** Saves the mentions in the 500-post batches a collection run uses; returns seconds taken. */
async function fill(store: Store, mentions: MentionInput[]): Promise<number> {
  await store.upsertBrands(BRANDS);
  const started = performance.now();
  for (let i = 0; i < mentions.length; i += 500) await store.saveMentions(mentions.slice(i, i + 500));
  return (performance.now() - started) / 1000;
}

/** Index rows and sizes of a SQLite store (dbstat pages per table, file after a checkpoint). */
function sqliteSizes(db: Db, path: string): Record<string, string | number> {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'mention_search', 'row')");
  const vocab = db.prepare('SELECT count(*) AS terms, sum(cnt) AS postings FROM temp.vocab').get() as { terms: number; postings: number };
  const fts = db.prepare("SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'mention_search%'").get() as { bytes: number };
  const blocks = db.prepare('SELECT count(*) AS n FROM mention_search_data').get() as { n: number };
  return { 'distinct terms': vocab.terms, 'tokens indexed': vocab.postings, 'FTS5 data rows': blocks.n, 'FTS5 tables': MB(fts.bytes),
    'database file': MB(statSync(path).size) };
}

/** Index and table sizes of a PostgreSQL schema. */
async function pgSizes(url: string, schema: string): Promise<Record<string, string | number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${schema}`);
    await client.query('VACUUM ANALYZE mentions');
    const { rows: [row] } = await client.query(`SELECT
      (SELECT sum(length(to_tsvector('simple', tokens))) FROM mentions)::bigint AS distinct_per_row,
      pg_relation_size('mentions_search') AS gin, pg_total_relation_size('mentions') AS mentions,
      (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm'))::bigint AS all_tables`);
    return { 'distinct lexemes per row, summed': Number(row.distinct_per_row), 'GIN index mentions_search': MB(Number(row.gin)),
      'mentions with its indexes and TOAST': MB(Number(row.mentions)), 'all tables with indexes': MB(Number(row.all_tables)) };
  } finally {
    await client.end();
  }
}

const mentions = await demoMentions(N);
const variants = {
  'with bigrams': mentions,
  'tokens only': mentions.map((m) => ({ ...m, searchTokens: m.analysis.tokens })),
};
const dir = mkdtempSync(join(tmpdir(), 'koubei-search-index-'));
try {
  for (const [name, items] of Object.entries(variants)) {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.db`);
    const db = openDb(path);
    const store = createSqliteStore(db);
    const seconds = await fill(store, items);
    console.log(`sqlite, ${name}: ${items.length.toLocaleString('en')} mentions saved in ${seconds.toFixed(0)} s`, sqliteSizes(db, path));
    await store.close();
  }
  if (PG_URL) {
    for (const [name, items] of Object.entries(variants)) {
      const schema = `koubei_bench_${name.replace(/\W+/g, '_')}`;
      const store = openPostgresStore(`${PG_URL}?schema=${schema}`);
      try {
        const seconds = await fill(store, items);
        console.log(`postgres, ${name}: saved in ${seconds.toFixed(0)} s`, await pgSizes(PG_URL, schema));
      } finally {
        await store.close();
        const admin = new pg.Client({ connectionString: PG_URL });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => admin.end());
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
