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
  }, 90_000);
});

describe('koubei ingest: encodings, exit codes and bad arguments', () => {
  it('skips a line that is not UTF-8 by number, imports the rest, and refuses a wholly GBK file in one line', async () => {
    const { dir, env } = tempDir();
    const mixed = join(dir, 'mixed.csv');
    const gbkRow = Buffer.from([0x32, 0x2c, 0xcc, 0xab, 0xc4, 0xd1, 0xb3, 0xd4, 0xc1, 0xcb, 0x2c, 0x62, 0x6f, 0x62]); // 2,太难吃了,bob in GBK
    writeFileSync(mixed, Buffer.concat([Buffer.from('id,text,author\n1,好吃,amy\n'), gbkRow, Buffer.from('\n3,ok,carl\n')]));
    const partly = await runCli(['ingest', mixed], { env });
    expect(partly.code).toBe(0);
    expect(partly.stderr).toContain('mixed.csv:3: skipped: not valid UTF-8');
    expect(partly.stderr).toMatch(/read=3 inserted=2 .* skipped=1/);
    const gbk = join(dir, 'gbk.csv');
    writeFileSync(gbk, Buffer.concat([Buffer.from('id,text,author\n'), gbkRow, Buffer.from('\n')]));
    const whole = await runCli(['ingest', gbk], { env });
    expect(whole.code).toBe(1);
    expect(whole.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^koubei ingest: .*gbk\.csv is not UTF-8 .*iconv -f GBK -t UTF-8/)]);
  }, 90_000);

  it('exits 1 when every row was skipped, and 0 when some were imported', async () => {
    const { dir, env } = tempDir();
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"id":"a"}\n{oops\n');
    const result = await runCli(['ingest', file], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/read=2 inserted=0 .* skipped=2/);
    expect(result.stderr).toContain('nothing imported: all 2 rows were skipped');
  }, 90_000);

  it('rejects an unknown --format listing the accepted ones (exit 2) and names a missing file without a stack (exit 1)', async () => {
    const { dir, env } = tempDir();
    const xml = await runCli(['ingest', join(dir, 'x.xml'), '--format', 'xml'], { env });
    expect(xml.code).toBe(2);
    expect(xml.stderr).toMatch(/^koubei ingest: --format: expected one of jsonl, json, csv, found "xml"/);
    const missing = await runCli(['ingest', join(dir, 'nonexistent.csv')], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('no such file or directory');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});
