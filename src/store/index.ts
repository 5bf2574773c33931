import { openDb } from './db.js';
import { createSqliteStore } from './sqlite/index.js';
import type { Store } from './types.js';

export type { Store } from './types.js';

/** Opens the configured store: the embedded SQLite file (migrated on open). */
export function openStore(databasePath: string): Store {
  return createSqliteStore(openDb(databasePath));
}
