import pg from 'pg';
import { ConfigError } from '../../errors.js';

/** A pool client or the pool itself: anything that can run a query. */
export type Queryable = pg.Pool | pg.PoolClient;

export interface PgPoolOptions {
  /** Schema holding koubei's tables; every connection gets it first on its search_path. */
  schema?: string;
  /** Connections per process. Several workers share one server, so keep this small. */
  max?: number;
  /**
   * `false` sets `synchronous_commit=off` for these connections: a crash may lose the last few
   * hundred milliseconds of commits but never leaves a half-written transaction. Tests use it; the
   * default (true) keeps every acknowledged batch durable.
   */
  synchronousCommit?: boolean;
}

export interface PgTarget {
  /** The connection string without koubei's own `schema` parameter. */
  url: string;
  schema: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Splits `postgres://…?schema=name` into the URL pg understands and the schema (default `public`).
 * The schema is spliced into DDL and `search_path`, so only plain lower-case identifiers pass.
 *
 * @example
 * parsePgUrl('postgres://u@db/koubei?schema=acme') // { url: 'postgres://u@db/koubei', schema: 'acme' }
 */
export function parsePgUrl(value: string): PgTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch (err) {
    throw new ConfigError(`DATABASE_URL: expected postgres://user@host:port/db, found "${value.slice(0, 60)}"`, { cause: err });
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL: expected a postgres:// URL, found protocol "${url.protocol}"`);
  }
  const schema = url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  assertSchemaName(schema);
  return { url: url.toString(), schema };
}

/** Throws a ConfigError unless `schema` is a plain identifier that is safe to splice into SQL. */
export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) throw new ConfigError(`schema: expected a lower-case identifier like "koubei", found "${schema}"`);
}

/**
 * Parsers applied to every koubei query (passed per query, so a shared pool's global parsers do not
 * matter): int8 and numeric as JS numbers. Ids, epoch-ms times and counts stay below 2^53.
 */
export const PG_TYPES = {
  getTypeParser(oid: number, format?: string): (value: string) => unknown {
    if (oid === 20 || oid === 1700) return Number;
    return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
  },
};

/**
 * A pool whose connections put `schema` first on the search_path (set at connect time, so no query
 * has to name the schema). `pg.Pool` replaces a broken connection on the next checkout, so the store
 * recovers by itself when the server comes back.
 *
 * @example
 * const pool = createPgPool('postgres://postgres@127.0.0.1/test', { schema: 'koubei' });
 */
export function createPgPool(url: string, options: PgPoolOptions = {}): pg.Pool {
  const schema = options.schema ?? 'public';
  assertSchemaName(schema);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    options: `-c search_path=${schema},public${options.synchronousCommit === false ? ' -c synchronous_commit=off' : ''}`,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection dropped by the server emits 'error' on the pool; without a listener that
  // would crash the process. The pool discards the client and opens a new one when needed.
  pool.on('error', () => {});
  return pool;
}

/** Runs one parameterised query with koubei's type parsers; `name` makes it a prepared statement. */
export async function query<T>(db: Queryable, text: string, values: unknown[] = [], name?: string): Promise<T[]> {
  const result = await db.query({ text, values, name, types: PG_TYPES } as pg.QueryConfig);
  return result.rows as T[];
}

/** First row or undefined. */
export async function queryOne<T>(db: Queryable, text: string, values: unknown[] = [], name?: string): Promise<T | undefined> {
  return (await query<T>(db, text, values, name))[0];
}
