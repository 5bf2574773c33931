import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ValidationError } from '../../errors.js';
import { openDb } from '../../store/db.js';
import { createPgPool, migratePg, parsePgUrl } from '../../store/postgres/index.js';
import { copySqliteToPostgres, type CopyOptions } from '../../store/postgres/copy-from-sqlite.js';
import { verifyCopy, type TableCheck } from '../../store/postgres/verify-copy.js';
import { loadNlpResources } from '../../resources/nlp.js';
import { withSimplifiedForms } from '../../resources/language.js';
import { createSegmentationPipeline } from '../../pipeline/segmentation-pipeline.js';
import { createStoredTokenizer } from '../../jobs/reindex-search.js';
import { SEARCH_LAYOUT } from '../../pipeline/search-tokens.js';
import { createProgress } from '../progress.js';
import type { CliCommand, CliIo } from '../types.js';
import { integerOption, UsageError } from '../options.js';

export interface MigrateStoreOptions {
  /** SQLite file of the embedded installation (migrated to the latest schema first). */
  from: string;
  /** `postgres://…[?schema=name]`; the schema must be empty (it is created and migrated if missing). */
  to: string;
  /** Search tokens of a copied mention, in the current layout (`SEARCH_LAYOUT`, recorded as the copy's). */
  tokenize: CopyOptions['tokenize'];
  batchSize?: number;
  onProgress?: CopyOptions['onProgress'];
}

/**
 * Copies an embedded SQLite store into Postgres and checks it: per-table row counts and md5 over
 * every row on both sides. Returns the checks; any `ok: false` means the copy is not trustworthy.
 *
 * @example
 * const checks = await migrateStore({ from: 'data/koubei.db', to: 'postgres://…', tokenize });
 */
export async function migrateStore(options: MigrateStoreOptions): Promise<TableCheck[]> {
  if (!existsSync(options.from)) throw new ValidationError(`--from: no SQLite file at ${options.from}`);
  const target = parsePgUrl(options.to);
  const db = openDb(options.from);
  const pool = createPgPool(target.url, { schema: target.schema, max: 2 });
  try {
    await migratePg(pool, target.schema);
    await copySqliteToPostgres(db, pool, target.schema, {
      tokenize: options.tokenize,
      searchLayout: SEARCH_LAYOUT,
      batchSize: options.batchSize,
      onProgress: options.onProgress,
    });
    return await verifyCopy(db, pool);
  } finally {
    db.close();
    await pool.end();
  }
}

/**
 * Search tokens as the collection job makes them: the default pipeline's segmentation of title + text,
 * with the stored brand names and aliases as extra dictionary words (as the runtime loads them).
 */
export async function createTokenizer(from: string): Promise<CopyOptions['tokenize']> {
  const db = openDb(from, { migrate: false, readonly: true });
  const brands = db.prepare('SELECT name, aliases FROM brands').all() as { name: string; aliases: string }[];
  db.close();
  // As the runtime loads them: with their simplified forms, since jieba cuts the simplified text.
  const extraWords = withSimplifiedForms(brands.flatMap((b) => [b.name, ...(JSON.parse(b.aliases) as string[])]));
  return createStoredTokenizer(createSegmentationPipeline(await loadNlpResources({ extraWords })));
}

function printChecks(io: CliIo, checks: TableCheck[]): void {
  const width = Math.max(...checks.map((c) => c.table.length), 5);
  io.stdout.write(`${'table'.padEnd(width)}  ${'sqlite'.padStart(9)}  ${'postgres'.padStart(9)}  md5 (sqlite / postgres)\n`);
  for (const c of checks) {
    const md5 = c.sqliteMd5 === c.postgresMd5 ? c.sqliteMd5 : `${c.sqliteMd5} / ${c.postgresMd5}`;
    io.stdout.write(`${c.table.padEnd(width)}  ${String(c.sqliteRows).padStart(9)}  ${String(c.postgresRows).padStart(9)}  ${md5}  ${c.ok ? 'ok' : 'MISMATCH'}\n`);
  }
}

/** `koubei migrate-store --from sqlite:PATH --to postgres://…`. */
export const migrateStoreCommand: CliCommand = {
  name: 'migrate-store',
  summary: 'Copy the embedded SQLite store into PostgreSQL and verify counts and checksums',
  usage: 'koubei migrate-store --from sqlite:PATH --to postgres://user@host:5432/db[?schema=name] [--batch N]',
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { from: { type: 'string' }, to: { type: 'string' }, batch: { type: 'string' } } });
    if (!values.from?.startsWith('sqlite:')) throw new UsageError(`--from: expected sqlite:PATH, found "${values.from ?? ''}"`);
    if (!values.to) throw new UsageError('--to: expected postgres://user@host:5432/db');
    const batchSize = integerOption(values.batch, '--batch') ?? 1000;
    const from = resolve(values.from.slice('sqlite:'.length));
    io.stderr.write('loading the segmenters (search tokens are recomputed: SQLite keeps only an FTS index)…\n');
    if (!existsSync(from)) throw new ValidationError(`--from: no SQLite file at ${from}`);
    const tokenize = await createTokenizer(from);
    let bar: ReturnType<typeof createProgress> | undefined;
    let current = '';
    const checks = await migrateStore({
      from,
      to: values.to,
      tokenize,
      batchSize,
      onProgress: (table, done, total) => {
        if (table !== current) (current = table), (bar = createProgress(io.stderr, io.isTTY, `copy ${table}`));
        bar?.update(done, total);
        if (done === total) bar?.finish(`copied ${table}: ${done} rows`);
      },
    });
    printChecks(io, checks);
    const bad = checks.filter((c) => !c.ok);
    if (bad.length) {
      io.stderr.write(`migrate-store: MISMATCH in ${bad.map((c) => c.table).join(', ')}; do not switch DATABASE_URL to this copy\n`);
      return 1;
    }
    io.stderr.write(`migrate-store: ${checks.length} tables copied and verified; set DATABASE_URL to use PostgreSQL\n`);
    return 0;
  },
};
