import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { buildDigest } from '../../src/jobs/digest.js';
import { renderDigestText } from '../../src/reports/digest-text.js';
import { csvCell } from '../../src/api/routes/report.js';
import type { Analysis } from '../../src/domain.js';
import type { Store } from '../../src/store/types.js';
import { makeInput, makePost, makeStore } from '../helpers/store.js';
import { makeStoreApp } from '../helpers/runtime.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-10T00:00:00Z');
const FROM = new Date(T0 + 7 * DAY).toISOString();
const TO = new Date(T0 + 14 * DAY).toISOString();

/** A mention with a hand-set analysis at `day` + `hour` after T0. */
function mention(id: string, brand: string, day: number, label: 'pos' | 'neg' | 'neu', keywords: string[], aspects: Analysis['aspects'] = [], hour = 1) {
  const createdAt = new Date(T0 + day * DAY + hour * 3_600_000).toISOString();
  const input = makeInput(makePost({ externalId: id, text: `${brand}: ${keywords.join(' / ')} (post ${id})`, createdAt, author: { id: `a${id}` } }), label, [brand]);
  input.analysis.keywords = keywords;
  input.analysis.themes = keywords;
  input.analysis.aspects = aspects;
  input.searchTokens = [brand, ...keywords, 'post', id];
  return input;
}

const late = { aspect: 'delivery', term: 'late', label: 'neg' as const, score: -0.6 };
const tasty = { aspect: 'taste', term: 'tasty', label: 'pos' as const, score: 0.6 };

/** Parses our CSV (quoted cells may hold commas) into objects keyed by the header. */
function parseCsv(text: string): Record<string, string>[] {
  const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  const split = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
  const header = split(lines[0]);
  // The match list cannot tell a trailing empty cell from the end of the line, so pad by the header.
  return lines.slice(1).map((line) => {
    const cells = split(line);
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  });
}

describe('sentiment report', () => {
  let store: Store;
  let app: Hono;
  beforeAll(async () => {
    store = makeStore();
    await store.upsertBrands([
      { id: 'freshbee', name: 'FreshBee', aliases: [], competitors: ['swifteats', 'ghost'] },
      { id: 'swifteats', name: 'SwiftEats', aliases: [], competitors: [] },
    ]);
    await store.saveMentions([
      // Baseline week: 2 positive FreshBee mentions.
      mention('b1', 'freshbee', 2, 'pos', ['taste'], [tasty]),
      mention('b2', 'freshbee', 3, 'pos', ['taste'], [tasty]),
      // Current week, FreshBee: day 7 → 3 pos + 1 neg, day 9 → 2 neg + 1 neu, day 13 (last hour) → 1 pos.
      mention('c1', 'freshbee', 7, 'pos', ['taste', 'lunch'], [tasty]),
      mention('c2', 'freshbee', 7, 'pos', ['taste', 'lunch']),
      mention('c3', 'freshbee', 7, 'pos', ['lunch']),
      mention('c4', 'freshbee', 7, 'neg', ['late', 'refund'], [late]),
      mention('c5', 'freshbee', 9, 'neg', ['late', 'refund'], [late]),
      mention('c6', 'freshbee', 9, 'neg', ['late', 'refund'], [late]),
      mention('c7', 'freshbee', 9, 'neu', ['menu']),
      mention('c8', 'freshbee', 13, 'pos', ['taste'], [], 23),
      // Competitor in the current week; one FreshBee post just after the period (must not count).
      mention('s1', 'swifteats', 8, 'pos', ['delivery']),
      mention('s2', 'swifteats', 10, 'pos', ['delivery']),
      mention('x1', 'freshbee', 14, 'neg', ['late']),
    ]);
    app = makeStoreApp(store, new Date(T0 + 14 * DAY));
  });

  it('serves the report as a UTF-8 CSV download with a BOM and one header', async () => {
    const res = await app.request(`/api/report.csv?brand=freshbee&from=${FROM}&to=${TO}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="koubei-freshbee-2026-11-17-2026-11-24.csv"');
    // Response.text() drops a BOM, so look at the bytes: EF BB BF tells Excel the file is UTF-8.
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).split('\r\n')[0]).toBe(
      'section,name,volume,pos,neu,neg,net_sentiment,share,baseline_volume,baseline_net_sentiment,change_net_sentiment',
    );
  });

  it('totals match the seeded mentions and the baseline week', async () => {
    const rows = parseCsv(await (await app.request(`/api/report.csv?brand=freshbee&from=${FROM}&to=${TO}`)).text());
    const total = rows.find((r) => r.section === 'total')!;
    expect(total).toMatchObject({ name: 'freshbee', volume: '8', pos: '4', neu: '1', neg: '3', net_sentiment: '0.125' });
    expect(total).toMatchObject({ baseline_volume: '2', baseline_net_sentiment: '1', change_net_sentiment: '-0.875' });
  });

  it('has one row per day that adds up to the total', async () => {
    const rows = parseCsv(await (await app.request(`/api/report.csv?brand=freshbee&from=${FROM}&to=${TO}`)).text());
    const days = rows.filter((r) => r.section === 'day');
    expect(days.map((d) => d.name)).toEqual(['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
    expect(days.map((d) => Number(d.volume))).toEqual([4, 0, 3, 0, 0, 0, 1]);
    for (const key of ['volume', 'pos', 'neu', 'neg'] as const) {
      expect(days.reduce((s, d) => s + Number(d[key]), 0)).toBe(Number(rows.find((r) => r.section === 'total')![key]));
    }
    expect(days[0]).toMatchObject({ pos: '3', neg: '1', net_sentiment: '0.5' });
  });

  it('lists share of voice for known competitors only, summing to 1', async () => {
    const rows = parseCsv(await (await app.request(`/api/report.csv?brand=freshbee&from=${FROM}&to=${TO}`)).text());
    const sov = rows.filter((r) => r.section === 'share_of_voice');
    expect(sov.map((r) => [r.name, r.volume, r.share])).toEqual([['freshbee', '8', '0.8'], ['swifteats', '2', '0.2']]);
  });

  it('includes themes and aspects with current and baseline net sentiment', async () => {
    const rows = parseCsv(await (await app.request(`/api/report.csv?brand=freshbee&from=${FROM}&to=${TO}`)).text());
    expect(rows.filter((r) => r.section === 'theme').length).toBeGreaterThan(0);
    const delivery = rows.find((r) => r.section === 'aspect' && r.name === 'delivery')!;
    // No delivery mentions in the baseline: its sentiment and the change are unknown, not 0 and -1.
    expect(delivery).toMatchObject({ volume: '3', neg: '3', net_sentiment: '-1', baseline_volume: '0', baseline_net_sentiment: '', change_net_sentiment: '' });
    const taste = rows.find((r) => r.section === 'aspect' && r.name === 'taste')!;
    expect(taste).toMatchObject({ volume: '1', net_sentiment: '1', baseline_volume: '2', change_net_sentiment: '0' });
  });

  it('rejects an unknown brand (404) and a reversed period (400)', async () => {
    expect((await app.request(`/api/report.csv?brand=nope&from=${FROM}&to=${TO}`)).status).toBe(404);
    expect((await app.request(`/api/report.csv?brand=freshbee&from=${TO}&to=${FROM}`)).status).toBe(400);
  });

  it('quotes cells and defuses spreadsheet formulas in text, not in numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('外卖')).toBe('外卖');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(null)).toBe('');
  });

  it('builds the digest headline numbers from the same comparison', async () => {
    const digest = await buildDigest(store, [{ id: 'freshbee', name: 'FreshBee' }], {
      period: 'weekly', now: new Date(TO), baseUrl: 'http://koubei.local', lang: 'en',
    });
    expect(digest.brands[0]).toMatchObject({ brandId: 'freshbee', volume: 8, baselineVolume: 2, netSentiment: 0.125, netChange: -0.875 });
    expect(digest.link).toBe('http://koubei.local/');
    expect(digest.brands[0].reportUrl).toBe(`http://koubei.local/report?brand=freshbee&from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`);
    const text = renderDigestText(digest);
    expect(text).toContain('FreshBee');
    expect(text).toContain('8 mentions');
    expect(text).toContain('+300.0%');
    expect(renderDigestText({ ...digest, lang: 'zh' })).toContain('条提及');
  });
});
