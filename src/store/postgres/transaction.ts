import type pg from 'pg';

/** SQLSTATEs after which re-running the whole transaction is safe and usually succeeds. */
const RETRYABLE = new Set(['40P01', '40001']); // deadlock_detected, serialization_failure

export interface TransactionOptions {
  /** Attempts in total when Postgres aborts the transaction as a deadlock victim. */
  attempts?: number;
}

/**
 * Runs `fn` inside `BEGIN … COMMIT` on one pooled connection, rolling back on any error so nothing
 * is half-written. Concurrent workers can still deadlock on shared rows (authors, rollup cells);
 * Postgres then aborts one transaction, and it is re-run from the start here. `fn` must therefore
 * have no effects outside the database.
 *
 * @example
 * await withTransaction(pool, (client) => client.query('UPDATE …'));
 */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // A failed ROLLBACK means the connection itself is gone: release it as broken.
      await client.query('ROLLBACK').catch(() => (broken = true));
      const code = (err as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    } finally {
      client.release(broken);
    }
  }
}
