import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawPost } from '../../src/domain.js';
import type { Runtime } from '../../src/runtime.js';
import { getThemes } from '../../src/reports/themes.js';
import { makeRuntime } from '../helpers/runtime.js';

const post = (id: string, text: string): RawPost => ({ source: 'hk-forum', externalId: id, text, createdAt: '2026-11-20T10:00:00.000Z' });

describe('a brand configured only in traditional characters', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await makeRuntime({
      brands: [{ id: 'freshbee-hk', name: '鮮蜂外賣', aliases: ['鮮蜂'], competitors: [] }],
    });
  });
  afterAll(() => runtime.close());

  it('matches posts in either script (the text is simplified before matching) and stays one word in search', async () => {
    const summary = await runtime.ingest([post('t1', '鮮蜂外賣今天送得好快'), post('s1', '鲜蜂外卖又超时了'), post('x1', '速达外卖还行')], 'hk-forum');
    expect(summary.inserted).toBe(3);
    const linked = await runtime.store.listMentions({ brandId: 'freshbee-hk', limit: 10 });
    expect(linked.items.map((m) => m.externalId).sort()).toEqual(['s1', 't1']);
    expect(runtime.searchTerms('鮮蜂外賣')).toEqual(['鲜蜂外卖']);
  });

  it('is not a theme of itself: its simplified name is left out like the names it was given', async () => {
    await runtime.ingest([post('t2', '鮮蜂外賣又超時，騎手找不到路'), post('t3', '鮮蜂外賣超時第三次了')], 'hk-forum');
    const day = Date.parse('2026-11-20T00:00:00.000Z');
    const themes = (await getThemes(runtime.store, { brandId: 'freshbee-hk', from: day, to: day + 86_400_000, limit: 10 })).map((t) => t.term);
    expect(themes).toContain('超时');
    expect(themes).not.toContain('鲜蜂外卖');
  });
});
