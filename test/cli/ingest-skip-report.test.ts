import { describe, expect, it } from 'vitest';
import { skipReport } from '../../src/cli/commands/ingest.js';

describe('koubei ingest: skipped-row report', () => {
  it('names each skipped row when there are few', () => {
    const report = skipReport('a.csv', [{ line: 3, reason: 'not valid UTF-8' }, { line: 7, reason: 'missing text' }]);
    expect(report).toBe('a.csv:3: skipped: not valid UTF-8\na.csv:7: skipped: missing text\n');
  });

  it('lists the first 20 of a file where every line is skipped, then counts the rest', () => {
    const skipped = Array.from({ length: 5000 }, (_, i) => ({ line: i + 1, reason: 'not valid UTF-8' }));
    const lines = skipReport('gbk.csv', skipped).trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[19]).toBe('gbk.csv:20: skipped: not valid UTF-8');
    expect(lines[20]).toBe('gbk.csv: … and 4980 more skipped rows not listed');
  });
});
