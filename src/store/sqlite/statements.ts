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
