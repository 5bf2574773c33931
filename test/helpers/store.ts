import { afterEach, describe } from 'vitest';
import type { Analysis, RawPost } from '../../src/domain.js';
import { openDb } from '../../src/store/db.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { recountAuthorsSql, recountSql } from '../../src/store/sqlite/rollups.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { pgRecountAuthorsSql, pgRecountSql } from '../../src/store/postgres/rollups.js';
import type { BrandRecord, MentionInput, Store } from '../../src/store/types.js';
import { fingerprintText } from '../../src/pipeline/fingerprint.js';
import { INTERVAL_MS } from '../../src/store/intervals.js';
import { makePgSchema, PG_REQUIRED, PG_UNAVAILABLE } from './pg.js';

/** A fresh in-memory store per test: no shared state between suites. */
export function makeStore(): Store {
  return createSqliteStore(openDb(':memory:'));
}

/** A store under test plus raw SQL access to its tables, whichever backend it runs on. */
export interface TestStore {
  store: Store;
  /** Rows as arrays; `?` placeholders are written as `$n` on PostgreSQL by the caller. */
  raw(sql: string, params?: unknown[]): Promise<unknown[][]>;
  /** Full-recount SQL of rollup cells / author cells in this backend's dialect. */
  recountSql(interval: string, size: number): string;
  recountAuthorsSql(interval: string, size: number): string;
  close(): Promise<void>;
}

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  /** True when the backend cannot run here and the suite is skipped (never under CI). */
  skip: boolean;
  make(): Promise<TestStore>;
}

/** A fresh PostgreSQL store in its own schema `koubei_test_<random>`, dropped on close. */
export async function makePgStore(): Promise<TestStore> {
  const schema = await makePgSchema();
  const store = createPostgresStore(schema.pool, { schema: schema.schema, ownsPool: false });
  return {
    store,
    raw: schema.raw,
    recountSql: pgRecountSql,
    recountAuthorsSql: pgRecountAuthorsSql,
    close: async () => {
      await store.close();
      await schema.drop();
    },
  };
}

async function makeSqliteTestStore(): Promise<TestStore> {
  const db = openDb(':memory:');
  const store = createSqliteStore(db);
  return {
    store,
    raw: async (sql, params = []) => db.prepare(sql).raw().all(...params) as unknown[][],
    recountSql,
    recountAuthorsSql,
    close: () => store.close(),
  };
}

/** Every backend the store suite runs against. */
export const STORE_BACKENDS: StoreBackend[] = [
  { name: 'sqlite', skip: false, make: makeSqliteTestStore },
  { name: 'postgres', skip: PG_UNAVAILABLE !== null && !PG_REQUIRED, make: makePgStore },
];

/**
 * Declares `body` once per backend (`<title> [sqlite]`, `<title> [postgres]`). `open()` makes a fresh
 * store for the current test; every store opened is closed (and its schema dropped) after the test.
 */
export function describeStores(title: string, body: (open: () => Promise<TestStore>, backend: StoreBackend) => void): void {
  for (const backend of STORE_BACKENDS) {
    describe.skipIf(backend.skip)(`${title} [${backend.name}]`, () => {
      const opened: TestStore[] = [];
      afterEach(async () => {
        await Promise.all(opened.splice(0).map((s) => s.close()));
      });
      body(async () => {
        const made = await backend.make();
        opened.push(made);
        return made;
      }, backend);
    });
  }
}

/** The stored rollup cells and author cells, in primary-key order. */
export async function snapshot(t: TestStore) {
  const cells = await t.raw('SELECT * FROM rollups ORDER BY interval, brand_id, bucket, source_id, lang');
  const authors = await t.raw('SELECT * FROM rollup_authors ORDER BY interval, brand_id, bucket, source_id, lang, author_id');
  return { cells, authors };
}

/** The rollups recomputed from the mentions, in the same row order as `snapshot`. */
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

/** Float sums drift in the last bits between incremental upkeep and a recount. */
export const round = (rows: unknown[][]) => rows.map((row) => row.map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 || 0 : v)));

export function makePost(overrides: Partial<RawPost> = {}): RawPost {
  return {
    source: 'test',
    externalId: 'p1',
    text: 'The battery life of this phone is excellent',
    createdAt: '2026-11-20T10:15:00.000Z',
    author: { id: 'a1', handle: 'alice', followers: 120 },
    ...overrides,
  };
}

/** A hand-built analysis, so store tests do not depend on the NLP models. */
export function makeAnalysis(label: 'pos' | 'neg' | 'neu' = 'pos', lang: 'zh' | 'en' = 'en'): Analysis {
  const score = label === 'pos' ? 0.7 : label === 'neg' ? -0.7 : 0;
  return {
    lang,
    tokens: [],
    sentiment: { label, score, confidence: 0.8, explanation: { terms: [{ text: 'excellent', weight: score }], rules: [] } },
    emotion: { label: label === 'neg' ? 'anger' : 'joy', confidence: 0.5, cues: [] },
    keywords: ['battery'],
    themes: ['battery'],
    aspects: [],
  };
}

/** Brand rows for the ids a test links: saving drops links to brands the store does not have. */
export function brandRecords(...ids: string[]): BrandRecord[] {
  return ids.map((id) => ({ id, name: id, aliases: [], competitors: [] }));
}

export function makeInput(post: RawPost, label: 'pos' | 'neg' | 'neu' = 'pos', brandIds: string[] = []): MentionInput {
  const fingerprint = fingerprintText(post.text);
  return {
    post,
    platform: 'test',
    analysis: makeAnalysis(label),
    contentHash: fingerprint.hash,
    dedupe: fingerprint.dedupe,
    searchTokens: post.text.toLowerCase().split(/\s+/),
    brandIds,
    collectedAt: Date.parse('2026-11-20T12:00:00Z'),
  };
}
