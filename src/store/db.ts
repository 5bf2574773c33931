import Database from 'better-sqlite3';
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

export interface OpenDbOptions {
  /** Run pending migrations on open. */
  migrate?: boolean;
  readonly?: boolean;
}

const DEFAULT_OPTIONS: Required<OpenDbOptions> = { migrate: true, readonly: false };

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens (creating if needed) a SQLite database with WAL, `synchronous=NORMAL` and foreign keys,
 * then applies numbered migrations tracked by `PRAGMA user_version`.
 *
 * @example
 * const db = openDb(':memory:');
 */
export function openDb(path: string, options: OpenDbOptions = {}): Db {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: opts.readonly });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (opts.migrate && !opts.readonly) migrateDb(db);
  return db;
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Lists `000N_name.sql` files in order; gaps or duplicates are a packaging error. */
export function listMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => /^\d{4}_.+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 4)), name: file, sql: readFileSync(join(dir, file), 'utf8') }));
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations: expected version ${i + 1}, found ${m.name}`);
  });
  return migrations;
}

/** Applies every migration above `user_version`, each in its own transaction. Returns the versions applied. */
export function migrateDb(db: Db, migrations: Migration[] = listMigrations()): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
