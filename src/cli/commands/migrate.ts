import { parseArgs } from 'node:util';
import { loadConfig, type AppConfig } from '../../config.js';
import { COLLECTORS } from '../../collectors/index.js';
import { migrateDb, openDb } from '../../store/db.js';
import { openStore } from '../../store/index.js';
import { createPgPool, migratePg, parsePgUrl } from '../../store/postgres/index.js';
import { SEARCH_LAYOUT } from '../../pipeline/search-tokens.js';
import { loadRuntime } from '../load.js';
import { createProgress } from '../progress.js';
import type { CliCommand, CliIo } from '../types.js';

function report(io: CliIo, target: string, applied: number[], version: unknown): void {
  io.stderr.write(
    applied.length
      ? `migrated ${target}: applied ${applied.join(', ')}; schema version ${version}\n`
      : `${target} is up to date (schema version ${version})\n`,
  );
}

async function migratePostgres(url: string, io: CliIo): Promise<void> {
  const target = parsePgUrl(url);
  const pool = createPgPool(target.url, { schema: target.schema, max: 1 });
  try {
    const applied = await migratePg(pool, target.schema);
    const version = (await pool.query(`SELECT max(version) AS v FROM "${target.schema}".koubei_migrations`)).rows[0]?.v;
    report(io, `PostgreSQL schema "${target.schema}"`, applied, version);
  } finally {
    await pool.end();
  }
}

function migrateSqlite(path: string, io: CliIo): void {
  const db = openDb(path, { migrate: false });
  try {
    report(io, path, migrateDb(db), db.pragma('user_version', { simple: true }));
  } finally {
    db.close();
  }
}

/**
 * Rewrites the search tokens of mentions stored in an older layout, with a progress bar. The NLP
 * resources (and the config's brands, which segmentation uses) are loaded only when rows are due.
 */
async function reindexSearch(config: AppConfig, io: CliIo): Promise<void> {
  const store = openStore(config);
  const state = await store.searchIndexState(SEARCH_LAYOUT).finally(() => store.close());
  if (state.layout >= SEARCH_LAYOUT) return;
  const runtime = await loadRuntime(io);
  try {
    const started = Date.now();
    const progress = createProgress(io.stderr, io.isTTY, 'search index');
    const summary = await runtime.reindexSearch((done, total) => progress.update(done, total));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    progress.finish(`search index: ${summary.reindexed} mentions re-indexed from layout ${summary.from} to ${summary.to} in ${seconds} s`);
  } finally {
    await runtime.close();
  }
}

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Create or upgrade the database schema (SQLite file, or PostgreSQL when DATABASE_URL is set)',
  usage: 'koubei migrate',
  help:
    'Create or upgrade the database schema (SQLite file, or PostgreSQL when DATABASE_URL is set). Then mentions\n' +
    'indexed for search in an older layout are re-indexed, 500 per transaction, with progress on stderr; an\n' +
    'interrupted run goes on where it stopped.',
  async run(argv, io) {
    parseArgs({ args: argv, options: {} });
    const config = loadConfig({ env: io.env, collectors: COLLECTORS });
    if (config.databaseUrl) await migratePostgres(config.databaseUrl, io);
    else migrateSqlite(config.databasePath, io);
    await reindexSearch(config, io);
    return 0;
  },
};
