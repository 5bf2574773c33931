import { openDb } from './db.js';
import { createSqliteStore } from './sqlite/index.js';
import { openPostgresStore } from './postgres/index.js';
import type { Store } from './types.js';

export type { Store } from './types.js';

/** Where the store lives: `databaseUrl` (PostgreSQL) wins over the SQLite `databasePath`. */
export interface StoreTarget {
  databasePath: string;
  databaseUrl?: string;
}

/**
 * Opens the configured store: PostgreSQL when `databaseUrl` is set (migrated before its first query),
 * else the embedded SQLite file (migrated on open). A bare path still means SQLite.
 *
 * @example
 * const store = openStore(config); // config from loadConfig()
 */
export function openStore(target: string | StoreTarget): Store {
  const { databasePath, databaseUrl } = typeof target === 'string' ? { databasePath: target, databaseUrl: undefined } : target;
  if (databaseUrl) return openPostgresStore(databaseUrl);
  return createSqliteStore(openDb(databasePath));
}
