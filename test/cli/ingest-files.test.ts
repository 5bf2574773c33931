import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const GBK_ROW = Buffer.from([0x32, 0x2c, 0xcc, 0xab, 0xc4, 0xd1, 0xb3, 0xd4, 0xc1, 0xcb, 0x2c, 0x62, 0x6f, 0x62]); // 2,太难吃了,bob in GBK

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
  it('skips a line that is not UTF-8 by number and imports the rest, also when it is the only non-ASCII line', async () => {
    const { dir, env } = tempDir();
    const mixed = join(dir, 'mixed.csv');
    writeFileSync(mixed, Buffer.concat([Buffer.from('id,text,author\n1,好吃,amy\n'), GBK_ROW, Buffer.from('\n3,ok,carl\n')]));
    const partly = await runCli(['ingest', mixed], { env });
    expect(partly.code).toBe(0);
    expect(partly.stderr).toContain('mixed.csv:3: skipped: not valid UTF-8');
    expect(partly.stderr).toMatch(/read=3 inserted=2 .* skipped=1/);
    const ascii = join(dir, 'ascii.csv');
    writeFileSync(ascii, Buffer.concat([Buffer.from('id,text,author\n1,tasty,amy\n'), GBK_ROW, Buffer.from('\n3,fine,carl\n')]));
    const rest = await runCli(['ingest', ascii], { env: tempDir().env });
    expect(rest.code).toBe(0);
    expect(rest.stderr).toMatch(/ascii\.csv:3: skipped: not valid UTF-8: .*iconv -f GBK -t UTF-8 .*ascii\.csv/);
    expect(rest.stderr).toMatch(/read=3 inserted=2 updated=0 unchanged=0 duplicates=0 skipped=1/);
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

describe('koubei ingest: several files', () => {
  it('imports every file given (a shell glob), reports each, and exits 1 when one imported nothing', async () => {
    const { dir, env } = tempDir();
    writeFileSync(join(dir, 'a.jsonl'), '{"id":"a1","text":"送餐很快"}\n');
    writeFileSync(join(dir, 'b.csv'), 'id,text\nb1,味道不错\nb2,太咸了\n');
    writeFileSync(join(dir, 'c.jsonl'), '{oops\n');
    const result = await runCli(['ingest', join(dir, 'a.jsonl'), join(dir, 'b.csv'), join(dir, 'c.jsonl'), dir], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/a\.jsonl: read=1 inserted=1 /);
    expect(result.stderr).toMatch(/b\.csv: read=2 inserted=2 /);
    expect(result.stderr).toContain('c.jsonl: nothing imported: all 1 rows were skipped');
    expect(result.stderr).toContain(`koubei ingest: ${dir}: EISDIR`);
    // A missing file stops the command before any file is imported; the posts above were stored.
    const missing = await runCli(['ingest', join(dir, 'b.csv'), join(dir, 'missing.jsonl')], { env });
    expect(missing.stderr).toMatch(/no such file or directory.*missing\.jsonl/);
    expect(missing.stderr).not.toContain('b.csv: read=');
    expect((await runCli(['ingest', join(dir, 'b.csv')], { env })).stderr).toMatch(/b\.csv: read=2 inserted=0 updated=0 unchanged=2 /);
  }, 90_000);

  it('refuses arguments a command would ignore (exit 2)', async () => {
    const { env } = tempDir();
    for (const args of [['profiles', 'rebuild', 'now'], ['profiles', 'show', 'a', 'b'], ['authors', 'erase', 'a', 'b'], ['keys', 'list', 'x']]) {
      const result = await runCli(args, { env });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/unexpected argument/);
    }
    const both = await runCli(['analyze', '--input', 'in.jsonl', 'too slow'], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give TEXT arguments or --input FILE, not both');
  }, 90_000);
});

describe('koubei ingest: sources', () => {
  const sourceIds = async (env: Record<string, string>, cwd?: string) =>
    (await runCli(['sources'], { env, cwd })).stdout.trim().split('\n').slice(1).map((line) => line.split(/\s+/).slice(0, 2).join(' '));

  it('leaves no source behind when an import fails, and keeps the source of a partly successful one', async () => {
    const { dir, env } = tempDir();
    writeFileSync(join(dir, 'gbk.csv'), Buffer.concat([Buffer.from('id,text,author\n'), GBK_ROW, Buffer.from('\n')]));
    writeFileSync(join(dir, 'bad.jsonl'), '{"id":"a"}\n{oops\n');
    writeFileSync(join(dir, 'half.jsonl'), '{"id":"a","text":"fine"}\n{oops\n');
    const gbk = await runCli(['ingest', join(dir, 'gbk.csv'), '--source', 'gbk'], { env });
    expect(gbk.code).toBe(1);
    expect(gbk.stderr).toContain('nothing imported: all 1 rows were skipped');
    writeFileSync(join(dir, 'gbk-header.csv'), Buffer.concat([Buffer.from([0x69, 0x64, 0x2c, 0xc4, 0xda, 0xc8, 0xdd, 0x0a]), Buffer.from('1,fine\n2,ok\n')]));
    const header = await runCli(['ingest', join(dir, 'gbk-header.csv'), '--source', 'gbk-header'], { env });
    expect(header.code).toBe(1);
    expect(header.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^koubei ingest: the CSV header \(line 1\) of .*gbk-header\.csv is not UTF-8, so no column can be read; nothing was imported; /)]);
    expect((await runCli(['ingest', join(dir, 'bad.jsonl'), '--source', 'rejected'], { env })).code).toBe(1);
    expect((await runCli(['ingest', join(dir, 'missing.csv'), '--source', 'missing'], { env })).code).toBe(1);
    expect(await sourceIds(env)).toEqual([]);
    expect((await runCli(['ingest', join(dir, 'half.jsonl'), '--source', 'half'], { env })).code).toBe(0);
    expect(await sourceIds(env)).toEqual(['half file']);
  }, 90_000);

  it('refuses the id of a configured collector source in one line (exit 1), and keeps importing into a push source', async () => {
    const { dir, env } = tempDir();
    const rss = { id: 'acme-news', type: 'rss', schedule: '0 9 * * *', config: { url: 'https://example.com/feed.xml' } };
    writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify({ demo: true, brands: [{ id: 'acme', name: 'Acme' }], sources: [rss] }));
    writeFileSync(join(dir, 'posts.jsonl'), '{"id":"1","text":"好吃"}\n{oops\n');
    for (const [source, type] of [['acme-news', 'rss'], ['demo', 'demo']]) {
      const refused = await runCli(['ingest', 'posts.jsonl', '--source', source], { env: { KOUBEI_DB: env.KOUBEI_DB }, cwd: dir });
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim().split('\n')).toEqual([
        `koubei ingest: source "${source}" is filled by its ${type} collector; pushed posts would mix into its stream: push them under another source id`,
      ]);
    }
    for (let run = 0; run < 2; run++) {
      expect((await runCli(['ingest', 'posts.jsonl', '--source', 'crm'], { env: { KOUBEI_DB: env.KOUBEI_DB }, cwd: dir })).code).toBe(0);
    }
    expect(await sourceIds({ KOUBEI_DB: env.KOUBEI_DB }, dir)).toEqual(['demo demo', 'acme-news rss', 'crm file']);
  }, 90_000);
});
