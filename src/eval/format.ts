import { KOUBEI_ON_ENGLISH, type EvalReport } from './evaluate.js';

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * Renders an eval report as aligned text tables for a terminal. `unreadable` is the number of lines
 * left out before scoring (not JSON, no text, unknown label), which the header counts with the rows
 * that carry no label for the task, so it agrees with what stderr reported.
 */
export function formatReport(report: EvalReport, file: string, unreadable: number): string {
  const out: string[] = [];
  const langs = Object.entries(report.languages).map(([l, n]) => `${l} ${n}`).join(', ');
  const skipped = `${count(unreadable, 'unreadable line')}, ${count(report.skipped, 'row')} without one`;
  out.push(`${file}: ${count(report.rows, 'row')} with a ${report.task} label (skipped: ${skipped}; detected ${langs || 'none'})`);
  out.push('');
  const nameWidth = Math.max(...report.systems.map((s) => s.system.length), 6);
  out.push(`${'system'.padEnd(nameWidth)}     rows  accuracy  macro-F1`);
  for (const s of report.systems) {
    out.push(`${s.system.padEnd(nameWidth)}  ${String(s.metrics.n).padStart(7)}  ${pct(s.metrics.accuracy)} %  ${pct(s.metrics.macroF1)} %`);
  }
  if (report.systems.some((s) => s.metrics.n < report.rows)) {
    out.push(`(AFINN and VADER are English-only: they are scored on the ${count(report.languages.en ?? 0, 'row')} detected as English, and so is "${KOUBEI_ON_ENGLISH}")`);
  }
  for (const s of report.systems) {
    const m = s.metrics;
    const labels = m.labels.filter((l) => m.perClass[l].support > 0 || Object.values(m.confusion).some((row) => row[l] > 0));
    out.push('', `${s.system} — per class`);
    out.push(`${'class'.padEnd(9)} precision  recall     F1  support`);
    for (const l of labels) {
      const c = m.perClass[l];
      out.push(`${l.padEnd(9)} ${pct(c.precision)} %  ${pct(c.recall)} % ${pct(c.f1)} %  ${String(c.support).padStart(7)}`);
    }
    out.push('', `confusion (rows = gold, columns = predicted)`);
    out.push(`${''.padEnd(9)}${labels.map((l) => l.padStart(9)).join('')}`);
    for (const g of labels) out.push(`${g.padEnd(9)}${labels.map((p) => String(m.confusion[g][p]).padStart(9)).join('')}`);
  }
  return `${out.join('\n')}\n`;
}
