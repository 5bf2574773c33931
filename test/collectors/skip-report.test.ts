import { describe, expect, it } from 'vitest';
import { logSkipped, skipReport } from '../../src/collectors/skip-report.js';
import { silentLogger } from '../../src/logger.js';

const allSkipped = (n: number) => Array.from({ length: n }, (_, i) => ({ line: i + 1, reason: 'not valid UTF-8' }));

describe('skipReport', () => {
  it('names each skipped row when there are few', () => {
    const report = skipReport('a.csv', [{ line: 3, reason: 'not valid UTF-8' }, { line: 7, reason: 'missing text' }]);
    expect(report).toBe('a.csv:3: skipped: not valid UTF-8\na.csv:7: skipped: missing text\n');
  });

  it('lists the first 20 of a file where every line is skipped, then counts the rest', () => {
    const lines = skipReport('gbk.csv', allSkipped(5000)).trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[19]).toBe('gbk.csv:20: skipped: not valid UTF-8');
    expect(lines[20]).toBe('gbk.csv: … and 4980 more skipped rows not listed');
  });
});

describe('logSkipped', () => {
  it('logs the first 20 skipped rows of a run as warnings, then one counting the rest', () => {
    const warnings: unknown[] = [];
    logSkipped({ ...silentLogger, warn: (msg, fields) => void warnings.push([msg, fields]) }, 'crm', allSkipped(1000));
    expect(warnings).toHaveLength(21);
    expect(warnings[19]).toEqual(['skipped item', { source: 'crm', line: 20, reason: 'not valid UTF-8' }]);
    expect(warnings[20]).toEqual(['more skipped items not listed', { source: 'crm', count: 980 }]);
  });
});
