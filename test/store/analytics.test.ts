import { expect, it } from 'vitest';
import type { AspectOpinion } from '../../src/domain.js';
import { describeStores, makeInput, makePost } from '../helpers/store.js';

const DAY = Date.UTC(2026, 10, 20);

function aspectInput(id: string, hour: number, brands: string[], aspects: AspectOpinion[], label: 'pos' | 'neg' = 'pos') {
  const input = makeInput(makePost({ externalId: id, text: `distinct text number ${id} about delivery`, createdAt: new Date(DAY + hour * 3_600_000).toISOString() }), label, brands);
  input.analysis.aspects = aspects;
  input.analysis.keywords = ['delivery', `k${id}`];
  return input;
}

describeStores('store: brands and analytics', (open) => {
  async function seeded() {
    const { store } = await open();
    await store.upsertBrands([
      { id: 'freshbee', name: 'FreshBee', aliases: ['鲜蜂'], competitors: ['swifteats'] },
      { id: 'swifteats', name: 'SwiftEats', aliases: [], query: 'swift', competitors: [] },
    ]);
    const speed = (label: 'pos' | 'neg', score: number): AspectOpinion => ({ aspect: 'speed', term: 'fast', label, score });
    await store.saveMentions([
      aspectInput('1', 1, ['freshbee'], [speed('neg', -0.5)], 'neg'),
      aspectInput('2', 2, ['freshbee'], [speed('pos', 0.5), { aspect: 'price', term: 'cheap', label: 'pos', score: 0.25 }]),
      aspectInput('3', 26, ['freshbee', 'swifteats'], [speed('pos', 1)]),
      aspectInput('4', 3, ['swifteats'], []),
    ]);
    return store;
  }

  it('lists, updates and deletes brands; a deleted brand leaves its trend empty', async () => {
    const store = await seeded();
    expect((await store.listBrands()).map((b) => [b.id, b.query ?? null])).toEqual([['freshbee', null], ['swifteats', 'swift']]);
    expect(await store.deleteBrand('swifteats')).toBe(true);
    expect(await store.deleteBrand('swifteats')).toBe(false);
    const trend = await store.trends({ interval: 'day', from: DAY, to: DAY + 2 * 86_400_000, brandId: 'swifteats' });
    expect(trend.map((p) => p.volume)).toEqual([0, 0]);
    expect((await store.trends({ interval: 'day', from: DAY, to: DAY + 2 * 86_400_000 })).map((p) => p.volume)).toEqual([3, 1]);
  });

  it('computes share of voice from the rollups', async () => {
    const store = await seeded();
    const sov = await store.shareOfVoice(['freshbee', 'swifteats', 'nobody'], DAY, DAY + 2 * 86_400_000);
    expect(sov.map((b) => [b.brandId, b.volume, b.neg, b.share])).toEqual([['freshbee', 3, 1, 0.6], ['swifteats', 2, 0, 0.4], ['nobody', 0, 0, 0]]);
  });

  it('counts terms and aspects per period, brand and bucket', async () => {
    const store = await seeded();
    const terms = await store.termCounts({ brandId: 'freshbee', from: DAY, to: DAY + 86_400_000, limit: 3 });
    expect(terms.total).toBe(2);
    expect(terms.terms).toEqual([
      { term: 'battery', mentions: 2, pos: 1, neu: 0, neg: 1 },
      { term: 'delivery', mentions: 2, pos: 1, neu: 0, neg: 1 },
      { term: 'k1', mentions: 1, pos: 0, neu: 0, neg: 1 },
    ]);
    const totals = await store.aspectCounts({ brandId: 'freshbee', from: DAY, to: DAY + 2 * 86_400_000 });
    expect(totals).toEqual([
      { aspect: 'price', bucket: null, mentions: 1, pos: 1, neu: 0, neg: 0, meanScore: 0.25 },
      { aspect: 'speed', bucket: null, mentions: 3, pos: 2, neu: 0, neg: 1, meanScore: 1 / 3 },
    ]);
    const daily = await store.aspectCounts({ from: DAY, to: DAY + 2 * 86_400_000, interval: 'day' });
    expect(daily.filter((a) => a.aspect === 'speed').map((a) => [a.bucket, a.mentions])).toEqual([
      ['2026-11-20T00:00:00.000Z', 2],
      ['2026-11-21T00:00:00.000Z', 1],
    ]);
  });

  it('finds Chinese words in segmented tokens, all terms required', async () => {
    const { store } = await open();
    const input = makeInput(makePost({ externalId: 'zh', text: '鲜蜂外卖送餐太慢了' }), 'neg');
    input.searchTokens = ['鲜蜂', '外卖', '送餐', '太慢', '了'];
    await store.saveMentions([input]);
    const find = async (terms: string[]) => (await store.listMentions({ limit: 5, terms })).items.map((r) => r.externalId);
    expect(await find(['外卖'])).toEqual(['zh']);
    expect(await find(['外卖', '太慢'])).toEqual(['zh']);
    expect(await find(['外卖', '很快'])).toEqual([]);
    expect(await find(['外'])).toEqual([]);
  });
});
