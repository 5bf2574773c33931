import { afterEach, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config.js';
import type { Runtime } from '../../src/runtime.js';
import { openStore } from '../../src/store/index.js';
import { describeRuntimeStores } from '../helpers/runtime-backends.js';
import { makeRuntime } from '../helpers/runtime.js';

const FRESHBEE = { id: 'freshbee', name: 'FreshBee', aliases: ['鲜蜂'], competitors: [] };
const ACME = { id: 'acme', name: 'Acme', aliases: [], competitors: [] };
const API_BRAND = { id: 'teahouse', name: 'Tea House', aliases: [], competitors: [] };

describeRuntimeStores('brands of the config file across starts', (target) => {
  const runtimes: Runtime[] = [];
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((r) => r.close()));
  });
  /** A server start (`koubei start` / `serve`), or with `server: false` any other command's runtime. */
  const start = async (where: Awaited<ReturnType<typeof target>>, brands: AppConfig['brands'], more: Partial<AppConfig> = {}, server = true) => {
    const runtime = await makeRuntime({ ...where, brands, ...more }, { server });
    runtimes.push(runtime);
    return runtime;
  };
  const ids = async (runtime: Runtime) => (await runtime.store.listBrands()).map((b) => b.id);

  it('removes a brand the config file no longer lists, with its links, and keeps brands added through the API', async () => {
    const where = await target();
    const first = await start(where, [FRESHBEE, ACME]);
    await first.store.upsertBrands([API_BRAND]);
    await first.ingest([{ source: 'crm', externalId: '1', text: 'FreshBee was late again, Acme was on time', createdAt: '2026-11-20T10:00:00.000Z' }], 'crm');
    expect((await first.store.listMentions({ brandId: 'freshbee', limit: 10 })).items).toHaveLength(1);
    await first.close();
    runtimes.length = 0;

    const second = await start(where, [ACME]);
    expect(await ids(second)).toEqual(['acme', 'teahouse']);
    expect((await second.store.listMentions({ limit: 10 })).items[0].brands).toEqual(['acme']);
  });

  it('removes nothing when a one-off command runs with another file, or when the demo stands in for a missing file', async () => {
    const where = await target();
    const startAndList = async (...args: Parameters<typeof start>) => {
      const runtime = await start(...args);
      const listed = await ids(runtime);
      await runtime.close();
      runtimes.length = 0;
      return listed;
    };
    await startAndList(where, [FRESHBEE, ACME]);
    expect(await startAndList(where, [ACME], {}, false)).toEqual(['acme', 'freshbee']);
    expect(await startAndList(where, [ACME], { demo: true, demoBrands: true })).toEqual(['acme', 'freshbee']);
  });

  it('removes nothing on the first start over a store an older release filled', async () => {
    const where = await target();
    // An older release wrote its config brands without recording which they were.
    const older = openStore(where);
    await older.upsertBrands([FRESHBEE]);
    await older.close();
    expect(await ids(await start(where, [ACME]))).toEqual(['acme', 'freshbee']);
  });
});
