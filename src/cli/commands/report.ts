import { parseArgs } from 'node:util';
import { epochMsOf } from '../../api/schemas.js';
import { ValidationError } from '../../errors.js';
import { comparePeriods, type PeriodComparison } from '../../reports/compare.js';
import { getRisingThemes } from '../../reports/themes.js';
import type { BrandVolume } from '../../store/types.js';
import { loadRuntime } from '../load.js';
import type { CliCommand } from '../types.js';
import { UsageError } from '../options.js';

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
/** An empty period has no sentiment (NaN from comparePeriods): "n/a", not a made-up +0.00. */
const signed = (value: number, digits = 2) => (Number.isNaN(value) ? 'n/a' : `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`);

function parseTime(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  // The same times the API accepts, so a range copied from an API call works here too.
  const ms = epochMsOf(value);
  if (!Number.isFinite(ms)) throw new UsageError(`--${name}: expected a date like 2026-11-01 or epoch milliseconds, found "${value}"`);
  return ms;
}

/** Renders the comparison as the plain-text summary brand managers paste into their weekly report. */
export function renderReport(report: PeriodComparison, voices: BrandVolume[], rising: string[]): string {
  const { current: now, baseline: before, change } = report;
  const lines = [
    `Brand ${report.brandId}: ${now.from.slice(0, 16)} → ${now.to.slice(0, 16)} (baseline ${before.from.slice(0, 16)} → ${before.to.slice(0, 16)})`,
    '',
    `Volume      ${now.volume}  (baseline ${before.volume}, ${change.volumePct === null ? 'new' : signed(change.volumePct * 100, 1) + '%'})`,
    `Sentiment   +${now.pos} / ${now.neu} / −${now.neg}   net ${signed(now.netSentiment)} (baseline ${signed(before.netSentiment)}, change ${signed(change.netSentiment)})`,
    '',
    'Share of voice',
    ...voices.map((v) => `  ${v.brandId.padEnd(14)} ${String(v.volume).padStart(6)}  ${pct(v.share).padStart(6)}  net ${signed(v.netSentiment)}`),
    '',
    'Top themes',
    ...now.topThemes.map((t) => `  ${t.term.padEnd(16)} ${String(t.mentions).padStart(5)} mentions  net ${signed(t.netSentiment)}`),
    '',
    `Rising themes: ${rising.join(', ') || 'none'}`,
    `New in top themes: ${change.newThemes.join(', ') || 'none'}`,
    '',
    'Aspects (net sentiment now vs baseline)',
    ...change.aspects.slice(0, 10).map((a) => `  ${a.aspect.padEnd(18)} ${signed(a.current)}  vs ${signed(a.baseline)}  (${signed(a.change)})`),
  ];
  return `${lines.join('\n')}\n`;
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Print a brand summary for a period vs the period before (volume, sentiment, share of voice, themes, aspects)',
  usage: 'koubei report --brand ID [--from DATE] [--to DATE] [--json]',
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: { brand: { type: 'string', short: 'b' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (!values.brand) throw new UsageError('--brand is required');
    const to = parseTime(values.to, 'to') ?? Date.now();
    const from = parseTime(values.from, 'from') ?? to - 7 * 86_400_000;
    if (from >= to) throw new UsageError('--from must be before --to');
    const runtime = await loadRuntime(io);
    try {
      const brands = await runtime.store.listBrands();
      const brand = brands.find((b) => b.id === values.brand);
      if (!brand) throw new ValidationError(`unknown brand "${values.brand}" (known: ${brands.map((b) => b.id).join(', ')})`);
      const report = await comparePeriods(runtime.store, brand.id, { from, to });
      // A competitor no stored brand has is left out, as the start-up warning and the API's report say.
      const competitors = brand.competitors.filter((id) => brands.some((b) => b.id === id));
      const voices = await runtime.store.shareOfVoice([brand.id, ...competitors], from, to);
      const rising = (await getRisingThemes(runtime.store, { brandId: brand.id, from, to, limit: 8 })).map((t) => t.term);
      io.stdout.write(values.json ? `${JSON.stringify({ ...report, shareOfVoice: voices, risingThemes: rising })}\n` : renderReport(report, voices, rising));
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
