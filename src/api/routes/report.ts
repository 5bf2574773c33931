import { Hono } from 'hono';
import { comparePeriods, type PeriodComparison } from '../../reports/compare.js';
import type { BrandVolume, TrendPoint } from '../../store/types.js';
import type { ApiDeps } from '../deps.js';
import { resolveBaseline, resolvePeriod } from '../period.js';
import { CompareQuery } from '../schemas.js';
import { parseInput } from '../validate.js';
import { assertBrand } from '../../store/assert-brand.js';

/** One flat table so a spreadsheet can filter by `section`; empty cells where a column does not apply. */
export const REPORT_CSV_COLUMNS = [
  'section', 'name', 'volume', 'pos', 'neu', 'neg', 'net_sentiment', 'share', 'baseline_volume', 'baseline_net_sentiment', 'change_net_sentiment',
] as const;

type Cell = string | number | null | undefined;
type Row = Partial<Record<(typeof REPORT_CSV_COLUMNS)[number], Cell>>;

const MAX_DAYS = 400;
const HOUR = 3_600_000;

/** Adds hourly points up per UTC day, so day rows and the total count the same hours. */
export function sumByDay(points: TrendPoint[]): TrendPoint[] {
  const days = new Map<string, TrendPoint>();
  for (const p of points) {
    const day = `${p.bucket.slice(0, 10)}T00:00:00.000Z`;
    const d = days.get(day) ?? { ...p, bucket: day, volume: 0, pos: 0, neu: 0, neg: 0, likes: 0, replies: 0, reposts: 0, uniqueAuthors: 0 };
    d.volume += p.volume;
    d.pos += p.pos;
    d.neu += p.neu;
    d.neg += p.neg;
    d.netSentiment = d.volume ? (d.pos - d.neg) / d.volume : 0;
    days.set(day, d);
  }
  return [...days.values()];
}

/**
 * Quotes a cell (RFC 4180) and defuses spreadsheet formulas: theme terms and brand names come from
 * the internet, and a cell starting with `=`, `+`, `-`, `@` would run as a formula in Excel.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * The report as CSV rows: the period total (with the baseline), one row per UTC day, share of voice,
 * top themes and aspects. Day rows add up to the total row because both read the same rollups.
 *
 * @example
 * buildReportCsv(await comparePeriods(store, 'acme', period), voices, days).split('\r\n')[1];
 * // "total,acme,120,70,20,30,0.3333,,95,0.1,0.2333"
 */
export function buildReportCsv(report: PeriodComparison, voices: BrandVolume[], days: TrendPoint[]): string {
  const { current: c, baseline: b, change } = report;
  const rows: Row[] = [
    {
      section: 'total', name: report.brandId, volume: c.volume, pos: c.pos, neu: c.neu, neg: c.neg, net_sentiment: c.netSentiment,
      baseline_volume: b.volume, baseline_net_sentiment: b.netSentiment, change_net_sentiment: change.netSentiment,
    },
    ...days.map((d) => ({
      section: 'day', name: d.bucket.slice(0, 10), volume: d.volume, pos: d.pos, neu: d.neu, neg: d.neg, net_sentiment: round(d.netSentiment),
    })),
    ...voices.map((v) => ({
      section: 'share_of_voice', name: v.brandId, volume: v.volume, pos: v.pos, neu: v.neu, neg: v.neg, net_sentiment: round(v.netSentiment), share: round(v.share),
    })),
    ...c.topThemes.map((t) => ({
      section: 'theme', name: t.term, volume: t.mentions, pos: t.pos, neu: t.neu, neg: t.neg, net_sentiment: round(t.netSentiment),
    })),
    ...change.aspects.map((a) => {
      const now = c.aspects.find((x) => x.aspect === a.aspect);
      const before = b.aspects.find((x) => x.aspect === a.aspect);
      return {
        section: 'aspect', name: a.aspect, volume: now?.mentions ?? 0, pos: now?.pos ?? 0, neu: now?.neu ?? 0, neg: now?.neg ?? 0,
        net_sentiment: a.current, baseline_volume: before?.mentions ?? 0, baseline_net_sentiment: a.baseline, change_net_sentiment: a.change,
      };
    }),
  ];
  const lines = [REPORT_CSV_COLUMNS.join(','), ...rows.map((row) => REPORT_CSV_COLUMNS.map((col) => csvCell(row[col])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * `GET /api/report.csv?brand=&from=&to=[&baselineFrom=&baselineTo=]`: the sentiment report of the
 * printable `/report` page as a download.
 */
export function reportRoutes(deps: ApiDeps): Hono {
  return new Hono().get('/', async (c) => {
    const query = parseInput(CompareQuery, c.req.query(), 'query');
    await assertBrand(deps, query.brand);
    const current = resolvePeriod(query, deps.now());
    // Day rows must fit a spreadsheet and the trends bucket limit; longer periods keep the totals.
    const dayRange = current.to - current.from <= MAX_DAYS * 86_400_000;
    const baseline = resolveBaseline(query, current, deps.now());
    const brands = await deps.store.listBrands();
    const brand = brands.find((b) => b.id === query.brand)!;
    const competitors = brand.competitors.filter((id) => brands.some((b) => b.id === id));
    // Hour buckets starting inside [from, to) — exactly what the totals (share of voice) count.
    const hours = { from: Math.ceil(current.from / HOUR) * HOUR, to: current.to };
    const [report, voices, hourly] = await Promise.all([
      comparePeriods(deps.store, brand.id, current, baseline),
      deps.store.shareOfVoice([brand.id, ...competitors], current.from, current.to),
      dayRange && hours.from < hours.to ? deps.store.trends({ interval: 'hour', ...hours, brandId: brand.id }) : Promise.resolve([]),
    ]);
    const days = sumByDay(hourly);
    const file = `koubei-${brand.id}-${new Date(current.from).toISOString().slice(0, 10)}-${new Date(current.to).toISOString().slice(0, 10)}.csv`;
    // A BOM so Excel opens the UTF-8 Chinese text correctly.
    return c.body(`\uFEFF${buildReportCsv(report, voices, days)}`, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file}"`,
    });
  });
}
