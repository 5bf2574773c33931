/**
 * Stores as an earlier release left them: schema version 5 (before `store_state`), with mentions whose
 * search tokens are in an older layout, then upgraded by the current migrations as `koubei start` or
 * `koubei migrate` would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listMigrations, migrateDb, openDb } from '../../src/store/db.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { createSaveMentions } from '../../src/store/sqlite/save-mentions.js';
import { createRollupMaintainer } from '../../src/store/sqlite/rollups.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { listPgMigrations, migratePg } from '../../src/store/postgres/migrate.js';
import { hanBigrams } from '../../src/text/han-bigrams.js';
import type { Pipeline } from '../../src/pipeline/pipeline.js';
import type { MentionInput, Store } from '../../src/store/types.js';
import { makePgSchema, PG_TEST_URL } from './pg.js';
import { makeInput, makePost } from './store.js';

/** The version before migration 0006 added `store_state`. */
const OLD_SCHEMA = 5;

/** The layouts written before `SEARCH_LAYOUT` 2: tokens only (before 2026-11-22), and 03fc7ed's bigrams after all tokens. */
export type OldLayout = 'tokens' | 'bigrams-after';

/** A zh mention analysed by the pipeline, with search tokens in an old layout. */
export function oldMention(pipeline: Pipeline, externalId: string, text: string, layout: OldLayout): MentionInput {
  const tokens = pipeline.run({ text }).doc.tokens ?? [];
  const input = makeInput(makePost({ externalId, text }));
  input.analysis.lang = 'zh';
  input.searchTokens = layout === 'tokens' ? tokens : [...tokens, ...tokens.flatMap(hanBigrams)];
  return input;
}

export interface OldStore {
  /** The upgraded store. */
  store: Store;
  /** Config overrides that open the same store in a runtime. */
  target: { databasePath: string; databaseUrl?: string };
  close(): Promise<void>;
}

/** Saves `mentions` with the schema of an earlier release, then opens the store with every migration applied. */
export async function makeOldStore(backend: 'sqlite' | 'postgres', mentions: MentionInput[]): Promise<OldStore> {
  return backend === 'sqlite' ? oldSqlite(mentions) : oldPostgres(mentions);
}

/** A SQLite file at the schema of an earlier release holding `mentions`, not upgraded. */
export function writeOldSqlite(path: string, mentions: MentionInput[]): void {
  const db = openDb(path, { migrate: false });
  migrateDb(db, listMigrations().slice(0, OLD_SCHEMA));
  // The store as a whole prepares statements on tables this schema lacks; saving needs none of them.
  createSaveMentions(db, createRollupMaintainer(db))(mentions);
  db.close();
}

async function oldSqlite(mentions: MentionInput[]): Promise<OldStore> {
  const dir = mkdtempSync(join(tmpdir(), 'koubei-old-search-'));
  const path = join(dir, 'koubei.db');
  writeOldSqlite(path, mentions);
  const store = createSqliteStore(openDb(path));
  return { store, target: { databasePath: path }, close: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function oldPostgres(mentions: MentionInput[]): Promise<OldStore> {
  const schema = await makePgSchema({ migrate: false });
  await migratePg(schema.pool, schema.schema, listPgMigrations().slice(0, OLD_SCHEMA));
  await createPostgresStore(schema.pool, { schema: schema.schema, migrate: false, ownsPool: false }).saveMentions(mentions);
  const store = createPostgresStore(schema.pool, { schema: schema.schema, ownsPool: false });
  return {
    store,
    target: { databasePath: ':memory:', databaseUrl: `${PG_TEST_URL}?schema=${schema.schema}` },
    close: async () => (await store.close(), await schema.drop()),
  };
}
