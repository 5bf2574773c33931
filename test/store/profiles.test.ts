import { expect, it } from 'vitest';
import { createProfileService } from '../../src/jobs/update-profiles.js';
import { resolveProfilesConfig } from '../../src/profiles/config.js';
import { loadTaxonomy } from '../../src/resources/taxonomy.js';
import { parseTagExpression } from '../../src/profiles/tag-expression.js';
import type { Store } from '../../src/store/types.js';
import { describeStores, makeInput, makePost, recount, round, snapshot, type TestStore } from '../helpers/store.js';

const NOW = new Date('2026-11-21T00:00:00Z');

/** The profile store tests of test/profiles/store.test.ts, run on every backend. */
describeStores('store: profiles', (open) => {
  async function setup() {
    const t = await open();
    await t.store.upsertBrands([
      { id: 'freshbee', name: 'FreshBee', aliases: ['鲜蜂'], competitors: ['swifteats'] },
      { id: 'swifteats', name: 'SwiftEats', aliases: ['速达'], competitors: ['freshbee'] },
    ]);
    const service = createProfileService({ store: t.store, taxonomy: loadTaxonomy(), config: resolveProfilesConfig(undefined), now: () => NOW });
    let seq = 0;
    const post = async (author: string, text: string, label: 'pos' | 'neg' | 'neu' = 'pos', brands: string[] = [], daysAgo = 1) => {
      const p = makePost({ externalId: `x${++seq}`, text, author: { id: author, handle: author, followers: 100 }, createdAt: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString() });
      await t.store.saveMentions([makeInput(p, label, brands)]);
      return service.updateForPosts([p], 'test');
    };
    return { t, store: t.store as Store, service, post };
  }

  async function expectRollupsEqualRecount(t: TestStore) {
    const { cells, authors } = await snapshot(t);
    const expected = await recount(t);
    expect(round(cells)).toEqual(round(expected.cells));
    expect(authors).toEqual(expected.authors);
  }

  it('records added/updated/removed tag changes and pages the feed without gaps', async () => {
    const { store, service, post } = await setup();
    await post('mum', '带娃出门太难了，宝妈只能点外卖');
    await post('mum', '满减券又到了，省钱');
    const first = await store.profiles.changes(0, 100);
    expect(first.map((c) => [c.tag, c.op])).toEqual([['parenting', 'added'], ['price_sensitive', 'added']]);
    for (let i = 0; i < 12; i++) {
      await post(`a${i % 4}`, i % 2 ? 'Leg day at the gym again' : 'Coupon and promo code deals', 'pos', [], 12 - i);
      if (i === 9) await service.erase('test:a1');
    }
    const seen = [];
    for (let cursor = 0, page; (page = await store.profiles.changes(cursor, 3)).length; cursor = page[page.length - 1].seq) seen.push(...page);
    const seqs = seen.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seen.some((c) => c.op === 'removed')).toBe(true);
  });

  it('erases an author and purges old mentions, keeping rollups equal to a recount', async () => {
    const { t, store, service, post } = await setup();
    await post('gone', 'FreshBee delivery was great, third year ordering', 'pos', ['freshbee']);
    await post('gone', 'FreshBee again, gym meal prep', 'pos', ['freshbee'], 2);
    await post('stay', 'FreshBee delivery was great, third year ordering', 'pos', ['freshbee']); // a copy of gone's post
    await post('old', 'Leg day at the gym', 'pos', ['freshbee'], 400);
    const gone = await service.findAuthor('test:gone');
    expect((await service.erase(String(gone.id))).mentions).toBe(2);
    expect(await t.raw('SELECT count(*) FROM mentions WHERE duplicate_of IS NULL')).toEqual([[2]]); // the copy now counts
    await expectRollupsEqualRecount(t);
    expect((await service.purge(180)).mentions).toBe(1);
    await expect(service.findAuthor('test:old')).rejects.toThrow(/not found/);
    await expectRollupsEqualRecount(t);
    expect((await store.listMentions({ limit: 10, terms: ['gym'] })).items).toEqual([]);
  });

  it('erasing an original promotes its live repost, not one the platform removed', async () => {
    const { t, store, service, post } = await setup();
    const text = 'FreshBee delivery was great, third year ordering';
    await post('gone', text, 'pos', ['freshbee']); // x1, the original
    await post('removed', text, 'pos', ['freshbee']); // x2, a copy the platform removes
    await post('stay', text, 'pos', ['freshbee']); // x3, a live copy
    await store.markDeleted('test', ['x2'], NOW.getTime());
    await service.erase(String((await service.findAuthor('test:gone')).id));
    const rows = (await store.listMentions({ limit: 10 })).items;
    expect(rows.map((m) => [m.externalId, m.duplicateOf])).toEqual([['x3', null]]);
    await expectRollupsEqualRecount(t);
  });

  it('links authors into one profile and selects segments by expression with count and cursor', async () => {
    const { store, service, post } = await setup();
    await post('weibo_me', '带娃出门太难了');
    await post('reddit_me', 'Used a promo code for a BOGO deal');
    const [a, b] = [await service.findAuthor('test:weibo_me'), await service.findAuthor('test:reddit_me')];
    const joined = await service.link(String(a.id), String(b.id));
    expect(joined.tags.map((x) => x.tag)).toEqual(['parenting', 'price_sensitive']);
    for (let i = 0; i < 3; i++) await post(`p${i}`, '带娃出门，满减券真香', 'pos', ['freshbee']);
    const expr = parseTagExpression('price_sensitive AND parenting');
    const first = await store.profiles.segment({ expr, minConfidence: 0.5, limit: 2 });
    const second = await store.profiles.segment({ expr, minConfidence: 0.5, limit: 2, cursor: first.nextCursor! });
    expect(first.count).toBe(4);
    expect([...first.items, ...second.items].map((m) => m.profileId)).toEqual([a.id, a.id + 2, a.id + 3, a.id + 4]);
    const exported = await store.profiles.exportTags(null, 100);
    expect(exported[0]).toMatchObject({ profileId: a.id, authors: 'test:weibo_me|test:reddit_me', tag: 'parenting' });
  });
});
