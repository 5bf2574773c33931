import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

function tempDir(): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'koubei-ingest-files-'));
  return { dir, env: { KOUBEI_DB: join(dir, 'k.db'), KOUBEI_DEMO: 'false' } };
}

describe('koubei ingest: damaged files', () => {
  it('skips a CSV row with an unterminated quote by line number and imports the rows after it unmerged', async () => {
    const { dir, env } = tempDir();
    const csv = join(dir, 'broken.csv');
    writeFileSync(
      csv,
      'id,text,author,created_at\n1,"good one",amy,2026-11-20T08:00:00Z\n2,"broken quote,bob,2026-11-20T09:00:00Z\n3,"next row",carl,2026-11-20T10:00:00Z\n4,last,dan,2026-11-20T11:00:00Z\n',
    );
    const result = await runCli(['ingest', csv], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('broken.csv:3: skipped: CSV: unterminated quoted field starting on line 3');
    expect(result.stderr).toMatch(/read=4 inserted=3 updated=0 unchanged=0 duplicates=0 skipped=1/);
  });
});
