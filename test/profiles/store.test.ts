import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { recountAuthorsSql, recountSql } from '../../src/store/sqlite/rollups.js';
import { INTERVAL_MS } from '../../src/store/intervals.js';
import { parseTagExpression } from '../../src/profiles/tag-expression.js';
import type { TagChange } from '../../src/store/profile-types.js';
import { makeProfiles, post } from './helpers.js';

const round = (rows: unknown[]) => (rows as unknown[][]).map((r) => r.map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 || 0 : v)));
function assertRollupsEqualRecount(db: Db) {
  for (const [interval, size] of Object.entries(INTERVAL_MS)) {
    const order = (n: number) => `ORDER BY ${Array.from({ length: n }, (_, i) => i + 1).join(', ')}`;
    const cells = db.prepare(`SELECT * FROM rollups WHERE interval = ? ${order(5)}`).raw().all(interval);
    const authors = db.prepare(`SELECT * FROM rollup_authors WHERE interval = ? ${order(6)}`).raw().all(interval);
    expect(round(cells)).toEqual(round(db.prepare(`SELECT * FROM (${recountSql(interval, size)}) ${order(5)}`).raw().all()));
    expect(authors).toEqual(db.prepare(`SELECT * FROM (${recountAuthorsSql(interval, size)}) ${order(6)}`).raw().all());
  }
}

describe('profile store', () => {
  it('updates a profile incrementally and records added/updated/removed changes', async () => {
    const ctx = await makeProfiles();
    await post(ctx, 'mum', '带娃出门太难了，宝妈只能点外卖');
    const author = await ctx.service.findAuthor('test:mum');
    expect((await ctx.service.getProfile(String(author.id))).tags.map((t) => t.tag)).toEqual(['parenting']);
    await post(ctx, 'mum', '满减券又到了，省钱');
    const changes = await ctx.store.profiles.changes(0, 100);
    expect(changes.map((c) => [c.tag, c.op])).toEqual([['parenting', 'added'], ['price_sensitive', 'added']]);
  });

  it('pages the change feed with no missed or duplicated change while writes happen', async () => {
    const ctx = await makeProfiles();
    const seen: TagChange[] = [];
    let cursor = 0;
    for (let i = 0; i < 30; i++) {
      // Writes between pages: new tags, tag updates (new evidence) and removals (erasure).
      await post(ctx, `a${i % 7}`, i % 2 ? 'Leg day at the gym again' : 'Coupon and promo code deals', 'pos', [], 30 - i);
      if (i % 10 === 9) await ctx.service.erase(`test:a${i % 7}`);
      const page = await ctx.store.profiles.changes(cursor, 3);
      seen.push(...page);
      if (page.length) cursor = page[page.length - 1].seq;
    }
    for (let page; (page = await ctx.store.profiles.changes(cursor, 3)).length; cursor = page[page.length - 1].seq) seen.push(...page);
    const all = await ctx.store.profiles.changes(0, 10_000);
    expect(seen.map((c) => c.seq)).toEqual(all.map((c) => c.seq));
    expect(new Set(seen.map((c) => c.seq)).size).toBe(seen.length);
    expect(all.some((c) => c.op === 'removed') && all.some((c) => c.op === 'updated')).toBe(true);
  });

  it('erases an author: mentions, search rows, profile and tags gone, rollups equal a recount', async () => {
    const ctx = await makeProfiles();
    await post(ctx, 'gone', 'FreshBee delivery was great, third year ordering', 'pos', ['freshbee']);
    await post(ctx, 'gone', 'FreshBee again, gym meal prep', 'pos', ['freshbee'], 2);
    await post(ctx, 'stay', 'FreshBee delivery was great, third year ordering', 'pos', ['freshbee']); // a copy of gone's post
    await post(ctx, 'stay', 'SwiftEats coupon day', 'pos', ['swifteats']);
    const gone = await ctx.service.findAuthor('test:gone');
    const result = await ctx.service.erase(String(gone.id));
    expect(result.mentions).toBe(2);
    const count = (sql: string, ...args: unknown[]) => ctx.db.prepare(sql).pluck().get(...args) as number;
    expect(count('SELECT count(*) FROM mentions WHERE author_id = ?', gone.id)).toBe(0);
    expect(count('SELECT count(*) FROM authors WHERE id = ?', gone.id)).toBe(0);
    expect(count('SELECT count(*) FROM profile_tags WHERE profile_id = ?', gone.id)).toBe(0);
    expect(count("SELECT count(*) FROM mention_search WHERE mention_search MATCH 'gym'")).toBe(0);
    expect(count('SELECT count(*) FROM mentions WHERE duplicate_of IS NULL')).toBe(2); // the copy now counts
    assertRollupsEqualRecount(ctx.db);
    await expect(ctx.service.getProfile(String(gone.id))).rejects.toThrow(/not found/);
    const removed = (await ctx.store.profiles.changes(0, 100)).filter((c) => c.profileId === gone.id && c.op === 'removed');
    expect(removed.length).toBeGreaterThan(0);
  });

  it('purges mentions older than the retention period, keeping rollups consistent', async () => {
    const ctx = await makeProfiles();
    await post(ctx, 'old', 'Leg day at the gym', 'pos', ['freshbee'], 400);
    await post(ctx, 'mixed', 'FreshBee coupon deal', 'pos', ['freshbee'], 200);
    await post(ctx, 'mixed', 'FreshBee promo code again', 'pos', ['freshbee'], 3);
    const result = await ctx.service.purge(180);
    expect(result.mentions).toBe(2);
    expect(ctx.db.prepare('SELECT count(*) FROM mentions').pluck().get()).toBe(1);
    await expect(ctx.service.findAuthor('test:old')).rejects.toThrow(/not found/);
    assertRollupsEqualRecount(ctx.db);
  });

  it('keeps authors separate until linked, then joins their profiles', async () => {
    const ctx = await makeProfiles();
    await post(ctx, 'weibo_me', '带娃出门太难了');
    await post(ctx, 'reddit_me', 'Used a promo code for a BOGO deal');
    const [a, b] = [await ctx.service.findAuthor('test:weibo_me'), await ctx.service.findAuthor('test:reddit_me')];
    expect(a.profileId).not.toBe(b.profileId);
    const joined = await ctx.service.link(String(a.id), String(b.id));
    expect(joined.authors.map((x) => x.id)).toEqual([a.id, b.id]);
    expect(joined.tags.map((t) => t.tag)).toEqual(['parenting', 'price_sensitive']);
    expect((await ctx.service.getProfile(String(b.id))).profileId).toBe(a.id);
  });

  it('selects segment members by expression, brand and confidence, with count and cursor', async () => {
    const ctx = await makeProfiles();
    for (let i = 0; i < 5; i++) await post(ctx, `p${i}`, '带娃出门，满减券真香', 'pos', ['freshbee']);
    await post(ctx, 'p0', '鲜蜂太慢了，投诉', 'neg', ['freshbee']);
    await post(ctx, 'p0', '鲜蜂又洒了，差评', 'neg', ['freshbee']);
    await post(ctx, 'p0', '鲜蜂客服不理人，退款', 'neg', ['freshbee']);
    const expr = parseTagExpression('price_sensitive AND parenting AND NOT detractor');
    const first = await ctx.store.profiles.segment({ expr, minConfidence: 0.5, brandId: 'freshbee', limit: 2 });
    expect(first.count).toBe(4);
    const second = await ctx.store.profiles.segment({ expr, minConfidence: 0.5, brandId: 'freshbee', limit: 2, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    const members = [...first.items, ...second.items].map((m) => m.profileId);
    expect(members).toEqual([2, 3, 4, 5]); // p0 (profile 1) is a detractor
    expect((await ctx.store.profiles.segment({ expr, minConfidence: 0.99, limit: 10 })).count).toBe(0);
  });
});
