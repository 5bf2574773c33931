import type { AppConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createApp } from '../../src/api/app.js';
import type { ApiDeps } from '../../src/api/deps.js';
import type { Store } from '../../src/store/types.js';

export const TEST_BRANDS: AppConfig['brands'] = [
  { id: 'freshbee', name: 'FreshBee', aliases: ['鲜蜂外卖', '鲜蜂'], competitors: ['swifteats'] },
  { id: 'swifteats', name: 'SwiftEats', aliases: ['速达外卖', '速达'], competitors: ['freshbee'] },
];

/** A config for tests: in-memory database, no demo, no sources, the test brands. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    databasePath: ':memory:',
    demo: false,
    collectOnStart: false,
    timezone: 'UTC',
    ingestMaxBytes: 64 * 1024,
    unhealthyAfterFailures: 3,
    sources: [],
    brands: TEST_BRANDS,
    ...overrides,
  };
}

/** A runtime over a fresh in-memory database with the real NLP resources. */
export function makeRuntime(overrides: Partial<AppConfig> = {}): Promise<Runtime> {
  return createRuntime(testConfig(overrides), silentLogger);
}

export function makeApp(runtime: Runtime, overrides: Partial<ApiDeps> = {}) {
  return createApp({
    store: runtime.store,
    searchTerms: runtime.searchTerms,
    ingest: runtime.ingest,
    ingestMaxBytes: runtime.config.ingestMaxBytes,
    onBrandsChanged: runtime.reloadBrands,
    configBrandIds: new Set(runtime.config.brands.map((b) => b.id)),
    now: () => new Date('2026-11-21T00:00:00Z'),
    log: () => {},
    version: 'test',
    ...overrides,
  });
}

/** Response bodies in tests are read as loosely typed JSON. */
export async function json(res: Response | Promise<Response>): Promise<any> {
  return (await res).json();
}

/** The app over a hand-seeded store, without NLP: search splits on spaces, pushes are not used. */
export function makeStoreApp(store: Store, now: Date) {
  return createApp({
    store,
    searchTerms: (q) => q.toLowerCase().split(/\s+/),
    ingest: async () => ({ received: 0, inserted: 0, updated: 0, unchanged: 0, duplicates: 0 }),
    ingestMaxBytes: 1024,
    now: () => now,
    log: () => {},
    version: 'test',
  });
}
