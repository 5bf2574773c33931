import { afterEach, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { describeRuntimeStores } from '../helpers/runtime-backends.js';
import { json, makeApp, makeRuntime } from '../helpers/runtime.js';

const POSTS = [
  { id: 'bad', text: '鲜蜂外卖太难吃了', created_at: '2026-11-20T08:00:00Z' },
  { id: 'cold', text: '鲜蜂外卖送得太慢了，菜也凉了', created_at: '2026-11-20T09:00:00Z' },
  { id: 'other', text: '外卖太难吃了', created_at: '2026-11-20T10:00:00Z' },
];

describeRuntimeStores('aspects of stored mentions after a brand change', (target) => {
  const runtimes: Runtime[] = [];
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((r) => r.close()));
  });

  async function setup() {
    const runtime = await makeRuntime({ ...(await target()), brands: [] });
    runtimes.push(runtime);
    const app = makeApp(runtime);
    expect((await app.request('/api/ingest?source=crm', { method: 'POST', body: JSON.stringify(POSTS) })).status).toBe(200);
    const aspectsOf = async (id: string) =>
      (await json(app.request('/api/mentions?limit=10'))).items.find((m: { externalId: string }) => m.externalId === id).aspects.map((a: { aspect: string }) => a.aspect);
    // Three days read the daily rollups; a few hours read the aspect rows of the mentions.
    const deliveryCount = async (period: string) =>
      (await json(app.request(`/api/aspects?${period}`))).items.find((a: { aspect: string }) => a.aspect === 'delivery')?.mentions ?? 0;
    const counts = async () => [await deliveryCount('from=2026-11-18&to=2026-11-21'), await deliveryCount('from=2026-11-20T06:00:00Z&to=2026-11-20T12:00:00Z')];
    return { runtime, app, aspectsOf, counts };
  }

  it('an added brand name hides the aspect word inside it, and removing the brand brings the aspect back, counts included', async () => {
    const { runtime, app, aspectsOf, counts } = await setup();
    expect(await aspectsOf('bad')).toEqual(['delivery', 'taste']);
    expect(await counts()).toEqual([3, 3]);

    expect((await app.request('/api/brands/xianfeng', { method: 'PUT', body: JSON.stringify({ name: '鲜蜂外卖' }) })).status).toBe(200);
    // The server re-analyses in the background; a pass queued after it finds nothing left to change.
    expect(await runtime.rematchBrands()).toMatchObject({ aspectsChanged: 0 });
    expect(await aspectsOf('bad')).toEqual(['taste']);
    expect(await aspectsOf('cold')).toEqual(['delivery', 'taste']);
    expect(await counts()).toEqual([2, 2]);
    const brand = await json(app.request('/api/aspects?brand=xianfeng&from=2026-11-18&to=2026-11-21'));
    expect(brand.items.map((a: { aspect: string; mentions: number }) => [a.aspect, a.mentions])).toEqual([['delivery', 1], ['taste', 2]]);

    expect((await app.request('/api/brands/xianfeng', { method: 'DELETE' })).status).toBe(204);
    expect(await runtime.rematchBrands()).toMatchObject({ aspectsChanged: 0 });
    expect(await aspectsOf('bad')).toEqual(['delivery', 'taste']);
    expect(await counts()).toEqual([3, 3]);
  });

  it('a re-match the server could not finish is caught up by the next one, which re-checks the names dropped since', async () => {
    const first = await setup();
    await first.app.request('/api/brands/xianfeng', { method: 'PUT', body: JSON.stringify({ name: '鲜蜂外卖' }) });
    expect(await first.runtime.rematchBrands()).toMatchObject({ aspectsChanged: 0 });
    expect(await first.aspectsOf('bad')).toEqual(['taste']);
    // The brand goes while no pass runs to the end (the process stops first), then `koubei rematch` runs.
    await first.runtime.store.deleteBrand('xianfeng');
    const cli = await makeRuntime({ ...first.runtime.config, brands: [] });
    runtimes.push(cli);
    // Both mentions naming the dropped name are re-analysed: 'bad' gets its delivery aspect back, and
    // 'cold' its clause scores as segmented without the brand word (this process never learned it).
    expect(await cli.rematchBrands()).toMatchObject({ aspectsChanged: 2 });
    expect(await first.aspectsOf('bad')).toEqual(['delivery', 'taste']);
    expect(await first.counts()).toEqual([3, 3]);
  });
});
