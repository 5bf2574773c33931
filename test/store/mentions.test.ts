import { expect, it } from 'vitest';
import { brandRecords, describeStores, makeInput, makePost, recount, round, snapshot } from '../helpers/store.js';

describeStores('store: saveMentions', (open) => {
  const makeStore = async () => (await open()).store;
  it('stores the same post twice only once and reports it unchanged', async () => {
    const store = await makeStore();
    const post = makePost();
    expect(await store.saveMentions([makeInput(post)])).toMatchObject({ inserted: 1, unchanged: 0 });
    expect(await store.saveMentions([makeInput(post)])).toMatchObject({ inserted: 0, unchanged: 1 });
    const page = await store.listMentions({ limit: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ externalId: 'p1', sourceId: 'test', author: { handle: 'alice', followers: 120 } });
  });

  it('updates engagement and text of a re-collected post in place', async () => {
    const store = await makeStore();
    await store.saveMentions([makeInput(makePost({ engagement: { likes: 1 } }))]);
    const result = await store.saveMentions([makeInput(makePost({ text: 'edited: battery is fine', engagement: { likes: 9 } }), 'neu')]);
    expect(result).toMatchObject({ inserted: 0, updated: 1 });
    const [row] = (await store.listMentions({ limit: 10 })).items;
    expect(row.text).toBe('edited: battery is fine');
    expect(row.engagement.likes).toBe(9);
    expect(row.sentiment.label).toBe('neu');
  });

  it('links a repost on another source to the first copy and leaves it out of trends', async () => {
    const store = await makeStore();
    const original = makePost({ externalId: 'o1', text: '鲜蜂外卖吃完拉肚子，客服电话一直打不通！' });
    const repost = makePost({ source: 'other', externalId: 'r1', text: '转发：@小美 鲜蜂外卖吃完拉肚子，客服电话一直打不通', createdAt: '2026-11-20T10:30:00Z' });
    await store.saveMentions([makeInput(original, 'neg')]);
    expect(await store.saveMentions([makeInput(repost, 'neg')])).toMatchObject({ inserted: 1, duplicates: 1 });
    const rows = (await store.listMentions({ limit: 10 })).items;
    expect(rows.find((r) => r.externalId === 'r1')?.duplicateOf).toBe(rows.find((r) => r.externalId === 'o1')?.id);
    const trend = await store.trends({ interval: 'day', from: Date.parse('2026-11-20T00:00Z'), to: Date.parse('2026-11-21T00:00Z') });
    expect(trend).toEqual([expect.objectContaining({ volume: 1, neg: 1 })]);
  });

  it('counts the earliest live repost in place of an original the platform removed, equal to a recount', async () => {
    const t = await open();
    const { store } = t;
    const text = '鲜蜂外卖吃完拉肚子，客服电话一直打不通！';
    await store.saveMentions([makeInput(makePost({ externalId: 'o1', text }), 'neg')]);
    await store.saveMentions([
      makeInput(makePost({ source: 'other', externalId: 'r1', text: `转发：@小美 ${text}`, createdAt: '2026-11-20T10:30:00Z' }), 'neg'),
      makeInput(makePost({ source: 'third', externalId: 'r2', text: `转发：@阿强 ${text}`, createdAt: '2026-11-20T11:30:00Z' }), 'neg'),
    ]);
    expect(await store.markDeleted('test', ['o1'], Date.parse('2026-11-21T00:00Z'))).toBe(1);
    const rows = (await store.listMentions({ limit: 10 })).items;
    const r1 = rows.find((r) => r.externalId === 'r1');
    expect(r1?.duplicateOf).toBeNull();
    expect(rows.find((r) => r.externalId === 'r2')?.duplicateOf).toBe(r1?.id);
    const trend = await store.trends({ interval: 'day', from: Date.parse('2026-11-20T00:00Z'), to: Date.parse('2026-11-21T00:00Z') });
    expect(trend).toEqual([expect.objectContaining({ volume: 1, neg: 1 })]);
    expect(round((await snapshot(t)).cells)).toEqual(round((await recount(t)).cells));
  });

  it('does not link short generic texts from different people', async () => {
    const store = await makeStore();
    const result = await store.saveMentions([
      makeInput(makePost({ externalId: 'a', text: 'great!' })),
      makeInput(makePost({ externalId: 'b', text: 'Great' })),
    ]);
    expect(result).toMatchObject({ inserted: 2, duplicates: 0 });
  });

  it('hides deleted posts from listings and trends', async () => {
    const store = await makeStore();
    await store.saveMentions([makeInput(makePost({ externalId: 'x' })), makeInput(makePost({ externalId: 'y', text: 'another text entirely here' }))]);
    expect(await store.markDeleted('test', ['x'], Date.now())).toBe(1);
    const rows = (await store.listMentions({ limit: 10 })).items;
    expect(rows.map((r) => r.externalId)).toEqual(['y']);
  });
});

describeStores('store: listMentions', (open) => {
  const makeStore = async () => (await open()).store;
  async function seeded() {
    const store = await makeStore();
    await store.upsertBrands(brandRecords('aurora', 'stellar'));
    const inputs = Array.from({ length: 7 }, (_, i) =>
      makeInput(
        makePost({ externalId: `m${i}`, text: `post number ${i} about ${i % 2 ? 'battery' : 'camera'} quality`, createdAt: new Date(Date.UTC(2026, 10, 20, i)).toISOString() }),
        i % 3 === 0 ? 'neg' : 'pos',
        i % 2 ? ['stellar'] : ['aurora'],
      ),
    );
    await store.saveMentions(inputs);
    return store;
  }

  it('pages newest first with a cursor, without gaps or repeats', async () => {
    const store = await seeded();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listMentions({ limit: 3, cursor });
      seen.push(...page.items.map((r) => r.externalId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
  });

  it('filters by brand, sentiment, search terms and time range together', async () => {
    const store = await seeded();
    const page = await store.listMentions({
      limit: 10,
      brandId: 'stellar',
      sentiment: 'pos',
      terms: ['battery'],
      from: Date.UTC(2026, 10, 20, 2),
      to: Date.UTC(2026, 10, 20, 6),
    });
    expect(page.items.map((r) => r.externalId)).toEqual(['m5']);
  });

  it('lists the same brand mentions whether the range is short (read by time) or long (read by brand)', async () => {
    const store = await seeded();
    const ids = async (from?: number, to?: number) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listMentions({ limit: 2, brandId: 'stellar', from, to, cursor });
        seen.push(...page.items.map((r) => r.externalId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    expect(await ids(Date.UTC(2026, 10, 20, 0), Date.UTC(2026, 10, 21, 0))).toEqual(['m5', 'm3', 'm1']);
    expect(await ids(Date.UTC(2026, 9, 20), Date.UTC(2026, 11, 20))).toEqual(['m5', 'm3', 'm1']);
    expect(await ids()).toEqual(['m5', 'm3', 'm1']);
    expect(await ids(Date.UTC(2026, 10, 20, 1, 30), Date.UTC(2026, 10, 20, 3, 0))).toEqual([]);
    expect(await ids(Date.UTC(2026, 10, 20, 1, 0), Date.UTC(2026, 10, 20, 3, 0))).toEqual(['m1']);
  });

  it('treats search input as words, never as FTS syntax', async () => {
    const store = await seeded();
    await expect(store.listMentions({ limit: 10, terms: ['battery" OR "camera', 'NEAR('] })).resolves.toEqual({ items: [], nextCursor: null });
  });

  it('rejects a forged cursor with a validation error', async () => {
    const store = await seeded();
    await expect(store.listMentions({ limit: 10, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toThrow(/cursor/);
  });
});

describeStores('store: trends', (open) => {
  const makeStore = async () => (await open()).store;
  it('counts volume and sentiment per hour and fills empty hours with zeros', async () => {
    const store = await makeStore();
    await store.saveMentions([
      makeInput(makePost({ externalId: '1', text: 'one distinct post text', createdAt: '2026-11-20T10:05:00Z' }), 'pos'),
      makeInput(makePost({ externalId: '2', text: 'two distinct post text', createdAt: '2026-11-20T10:55:00Z' }), 'neg'),
      makeInput(makePost({ externalId: '3', text: 'three distinct post text', createdAt: '2026-11-20T12:00:00Z' }), 'pos'),
    ]);
    const points = await store.trends({ interval: 'hour', from: Date.parse('2026-11-20T10:00Z'), to: Date.parse('2026-11-20T13:00Z') });
    expect(points.map((p) => [p.bucket.slice(11, 13), p.volume, p.pos, p.neg, p.netSentiment])).toEqual([
      ['10', 2, 1, 1, 0],
      ['11', 0, 0, 0, 0],
      ['12', 1, 1, 0, 1],
    ]);
  });
});
