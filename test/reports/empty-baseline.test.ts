import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { buildDigest } from '../../src/jobs/digest.js';
import { NAMED_ASPECTS, aspectName } from '../../src/reports/aspect-names.js';
import { comparePeriods } from '../../src/reports/compare.js';
import { renderReport } from '../../src/cli/commands/report.js';
import { renderDigestText } from '../../src/reports/digest-text.js';
import type { Analysis } from '../../src/domain.js';
import type { Store } from '../../src/store/types.js';
import { makeInput, makePost, makeStore } from '../helpers/store.js';
import { json, makeStoreApp } from '../helpers/runtime.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-10T00:00:00Z');
const PERIOD = { from: T0 + 7 * DAY, to: T0 + 14 * DAY };
const QUERY = `brand=freshbee&from=${new Date(PERIOD.from).toISOString()}&to=${new Date(PERIOD.to).toISOString()}`;

const late = { aspect: 'after_sales', term: '退款', label: 'neg' as const, score: -0.6 };

function mention(id: string, brand: string, day: number, label: 'pos' | 'neg', aspects: Analysis['aspects'] = []) {
  const input = makeInput(makePost({ externalId: id, text: `${brand} post ${id}`, createdAt: new Date(T0 + day * DAY + 3_600_000).toISOString(), author: { id: `a${id}` } }), label, [brand]);
  input.analysis.keywords = ['退款'];
  input.analysis.themes = ['退款'];
  input.analysis.aspects = aspects;
  return input;
}

/** Parses the report CSV (no quoted cells in this data) into objects keyed by the header. */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((line) => line.split(','));
  return rows.map((row) => Object.fromEntries(row.map((cell, i) => [header[i], cell])));
}

describe('comparison against a baseline without mentions', () => {
  let store: Store;
  let app: Hono;
  beforeAll(async () => {
    store = makeStore();
    await store.upsertBrands([{ id: 'freshbee', name: 'FreshBee', aliases: [], competitors: [] }]);
    // Nothing in the baseline week; the current week has 1 positive and 3 negative after-sales posts.
    await store.saveMentions([
      mention('c1', 'freshbee', 8, 'pos'),
      ...['c2', 'c3', 'c4'].map((id, i) => mention(id, 'freshbee', 9 + i, 'neg', [late])),
    ]);
    app = makeStoreApp(store, new Date(PERIOD.to));
  });

  it('gives no baseline sentiment and no change instead of a made-up 0', async () => {
    const cmp = await comparePeriods(store, 'freshbee', PERIOD);
    expect(cmp.baseline.volume).toBe(0);
    expect(cmp.current.netSentiment).toBe(-0.5);
    expect(cmp.baseline.netSentiment).toBeNaN();
    expect(cmp.change.netSentiment).toBeNaN();
    expect(cmp.change.volumePct).toBeNull();
    expect(cmp.change.aspects).toHaveLength(1);
    expect(cmp.change.aspects[0]).toMatchObject({ aspect: 'after_sales', mentions: 3, current: -1 });
    expect(cmp.change.aspects[0].baseline).toBeNaN();
    expect(cmp.change.aspects[0].change).toBeNaN();
  });

  it('prints n/a in the koubei report text', async () => {
    const text = renderReport(await comparePeriods(store, 'freshbee', PERIOD), [], []);
    expect(text).toContain('net -0.50 (baseline n/a, change n/a)');
    expect(text).not.toContain('NaN');
  });

  it('sorts aspects with a change before those the baseline did not have', async () => {
    const other = makeStore();
    await other.upsertBrands([{ id: 'freshbee', name: 'FreshBee', aliases: [], competitors: [] }]);
    const taste = { aspect: 'taste', term: '好吃', label: 'pos' as const, score: 0.6 };
    await other.saveMentions([
      mention('b1', 'freshbee', 1, 'pos', [taste]),
      mention('b2', 'freshbee', 2, 'pos', [taste]),
      mention('c1', 'freshbee', 8, 'pos', [taste]),
      ...['c2', 'c3', 'c4', 'c5'].map((id, i) => mention(id, 'freshbee', 9 + i, 'neg', [late])),
    ]);
    const { change } = await comparePeriods(other, 'freshbee', PERIOD);
    expect(change.aspects.map((a) => [a.aspect, a.change])).toEqual([['taste', 0], ['after_sales', Number.NaN]]);
  });

  it('answers null in the /api/compare JSON', async () => {
    const body = await json(app.request(`/api/compare?${QUERY}`));
    expect(body.baseline).toMatchObject({ volume: 0, netSentiment: null });
    expect(body.change).toMatchObject({ volume: 4, volumePct: null, netSentiment: null });
    expect(body.change.aspects[0]).toMatchObject({ aspect: 'after_sales', current: -1, baseline: null, change: null });
  });

  it('leaves the baseline sentiment and change cells of the CSV empty', async () => {
    const rows = parseCsv(await (await app.request(`/api/report.csv?${QUERY}`)).text());
    const total = rows.find((r) => r.section === 'total')!;
    expect(total).toMatchObject({ volume: '4', net_sentiment: '-0.5', baseline_volume: '0', baseline_net_sentiment: '', change_net_sentiment: '' });
    const aspect = rows.find((r) => r.section === 'aspect')!;
    expect(aspect).toMatchObject({ name: 'after_sales', net_sentiment: '-1', baseline_volume: '0', baseline_net_sentiment: '', change_net_sentiment: '' });
  });

  it('says n/a and new in the digest, and names no falling aspect', async () => {
    const digest = await buildDigest(store, [{ id: 'freshbee', name: 'FreshBee' }], { period: 'weekly', now: new Date(PERIOD.to), baseUrl: 'http://k', lang: 'en' });
    expect(digest.brands[0]).toMatchObject({ volume: 4, baselineVolume: 0, volumePct: null, netSentiment: -0.5, netChange: null, worstAspect: null });
    const en = renderDigestText(digest);
    expect(en).toContain('FreshBee: 4 mentions (vs 0, new) · net -0.50 (n/a) · negative 3');
    const zh = renderDigestText({ ...digest, lang: 'zh' });
    expect(zh).toContain('FreshBee: 4 条提及 (上期无提及) · 净情感 -0.50 (无数据) · 负面 3');
    // 新话题 belongs to themes; the volume line must not use it for "no baseline".
    expect(zh.split('\n')[2]).not.toContain('新话题');
  });
});

describe('aspect names in the digest', () => {
  it('writes Chinese aspect names in the Chinese digest and readable ids in English', () => {
    const brand = {
      brandId: 'freshbee', brandName: 'FreshBee', volume: 10, baselineVolume: 8, volumePct: 0.25, netSentiment: -0.2, netChange: -0.3, neg: 5,
      topThemes: [], newThemes: [], worstAspect: { aspect: 'after_sales', change: -0.5 }, reportUrl: 'http://k/report',
    };
    const digest = { period: 'daily' as const, lang: 'zh' as const, from: '2026-11-20T09:00:00.000Z', to: '2026-11-21T09:00:00.000Z', brands: [brand], link: 'http://k/' };
    const zh = renderDigestText(digest);
    expect(zh).toContain('下滑: 售后 -0.50');
    expect(zh).not.toMatch(/[a-z]+_[a-z]+/);
    expect(renderDigestText({ ...digest, lang: 'en' })).toContain('falling: after sales -0.50');
  });

  it('has a Chinese name for every aspect category of the lexicon', () => {
    const categories = new Set(
      readFileSync(new URL('../../lexicons/aspects/zh.tsv', import.meta.url), 'utf8')
        .split('\n')
        .filter((line) => line && !line.startsWith('#'))
        .map((line) => line.split('\t')[0])
        .filter((category) => category !== '_none'),
    );
    expect([...categories].sort()).toEqual([...NAMED_ASPECTS].sort());
    for (const category of categories) expect(aspectName(category, 'zh')).toMatch(/^\p{Script=Han}+$/u);
  });
});
