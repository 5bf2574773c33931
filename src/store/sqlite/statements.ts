import type { Statement } from 'better-sqlite3';
import type { Db } from '../db.js';

/**
 * Caches prepared statements per SQL text: filter combinations build SQL dynamically, and
 * preparing once per shape keeps repeated queries fast.
 */
export function createStatementCache(db: Db): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

/**
 * A write transaction that takes SQLite's write lock at BEGIN (`BEGIN IMMEDIATE`). Deferred
 * transactions that read first fail with SQLITE_BUSY when several processes (queue workers) write the
 * same file; immediate ones wait for the lock within `busy_timeout` instead.
 */
export function writeTransaction<A extends unknown[], R>(db: Db, fn: (...args: A) => R): (...args: A) => R {
  const tx = db.transaction(fn);
  return (...args: A) => tx.immediate(...args);
}
