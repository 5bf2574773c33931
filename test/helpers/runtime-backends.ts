import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe } from 'vitest';
import type { AppConfig } from '../../src/config.js';
import { makePgSchema, PG_TEST_URL } from './pg.js';
import { STORE_BACKENDS, type StoreBackend } from './store.js';

/** Where runtimes of one test keep their store: config overrides for `makeRuntime`. */
export type StoreTarget = Pick<AppConfig, 'databasePath' | 'databaseUrl'>;

/** A fresh SQLite file in a temp directory, or a fresh PostgreSQL schema; dropped by the returned function. */
async function makeTarget(backend: StoreBackend['name']): Promise<{ target: StoreTarget; drop(): Promise<void> }> {
  if (backend === 'postgres') {
    const schema = await makePgSchema({ migrate: false });
    return { target: { databasePath: ':memory:', databaseUrl: `${PG_TEST_URL}?schema=${schema.schema}` }, drop: schema.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'koubei-runtime-'));
  return { target: { databasePath: join(dir, 'koubei.db') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Declares `body` once per store backend (`<title> [sqlite]`, `<title> [postgres]`), like
 * `describeStores`, for tests that run whole runtimes. `target()` gives a fresh store location that
 * several runtimes (processes) of the test can share; each is dropped after the test, so close the
 * runtimes before (in the test, or in an afterEach of `body`: hooks run last-registered first).
 */
export function describeRuntimeStores(title: string, body: (target: () => Promise<StoreTarget>) => void): void {
  for (const backend of STORE_BACKENDS) {
    describe.skipIf(backend.skip)(`${title} [${backend.name}]`, () => {
      const drops: (() => Promise<void>)[] = [];
      afterEach(async () => {
        await Promise.all(drops.splice(0).map((drop) => drop()));
      });
      body(async () => {
        const made = await makeTarget(backend.name);
        drops.push(made.drop);
        return made.target;
      });
    });
  }
}
