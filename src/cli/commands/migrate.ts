import { loadConfig } from '../../config.js';
import { COLLECTORS } from '../../collectors/index.js';
import { migrateDb, openDb } from '../../store/db.js';
import { createPgPool, migratePg, parsePgUrl } from '../../store/postgres/index.js';
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

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Create or upgrade the database schema (SQLite file, or PostgreSQL when DATABASE_URL is set)',
  usage: 'koubei migrate',
  async run(_argv, io) {
    const config = loadConfig({ env: io.env, collectors: COLLECTORS });
    if (config.databaseUrl) {
      await migratePostgres(config.databaseUrl, io);
      return 0;
    }
    const db = openDb(config.databasePath, { migrate: false });
    try {
      report(io, config.databasePath, migrateDb(db), db.pragma('user_version', { simple: true }));
    } finally {
      db.close();
    }
    return 0;
  },
};
