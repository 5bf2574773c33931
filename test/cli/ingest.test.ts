import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('koubei ingest / migrate / help', () => {
  it('imports a CSV with a broken row: good rows stored, the bad one named, a summary line printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-ingest-'));
    const csv = join(dir, 'posts.csv');
    writeFileSync(csv, 'id,text,author,created_at\n1,"Great coffee, friendly staff",amy,2026-11-20T08:00:00Z\n2,broken row\n3,味道一般般,bob,2026-11-20T09:00:00Z\n');
    const env = { KOUBEI_DB: join(dir, 'k.db'), KOUBEI_DEMO: 'false' };
    const first = await runCli(['ingest', csv], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain('posts.csv:3: skipped: expected 4 columns, found 2');
    expect(first.stderr).toMatch(/read=3 inserted=2 updated=0 unchanged=0 duplicates=0 skipped=1/);
    const again = await runCli(['ingest', csv], { env });
    expect(again.stderr).toMatch(/inserted=0 updated=0 unchanged=2/);
  });

  it('rematch links mentions stored before a brand was configured, and a second run finds nothing to move', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-rematch-'));
    const csv = join(dir, 'posts.csv');
    writeFileSync(csv, 'id,text,author,created_at\n1,茶语轩的奶茶太甜了,amy,2026-11-20T08:00:00Z\n2,Great coffee,bob,2026-11-20T09:00:00Z\n');
    const env = { KOUBEI_DB: join(dir, 'k.db'), KOUBEI_DEMO: 'false' };
    expect((await runCli(['ingest', csv], { env, cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify({ brands: [{ id: 'chayu', name: 'ChaYu', aliases: ['茶语轩'] }] }));
    const first = await runCli(['rematch'], { env, cwd: dir });
    expect(first.code).toBe(0);
    // Its aspects change too: its clauses are scored as segmented with the brand name whole.
    expect(first.stderr).toContain('rematch: 2 mentions read, 1 with changed brand matches, 1 with changed aspects, 1 naming a brand word re-indexed for search');
    expect((await runCli(['rematch'], { env, cwd: dir })).stderr).toContain('rematch: 2 mentions read, 0 with changed brand matches, 0 with changed aspects');
  }, 90_000);

  it('migrate reports the schema version, and a second run says up to date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-migrate-'));
    const env = { KOUBEI_DB: join(dir, 'k.db') };
    expect((await runCli(['migrate'], { env })).stderr).toMatch(/applied 1.*schema version \d+/);
    expect((await runCli(['migrate'], { env })).stderr).toMatch(/up to date/);
  });

  it('--help lists the commands; an unknown command exits 2', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['start', 'serve', 'collect', 'ingest', 'analyze', 'eval', 'migrate', 'sources']) expect(help.stdout).toContain(name);
    const bad = await runCli(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown command "frobnicate"');
  });

  it('a bad config file fails fast naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-config-'));
    writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify({ sources: [{ id: 'x', type: 'demo', schedule: 'every minute' }] }));
    const result = await runCli(['sources'], { cwd: dir, env: { KOUBEI_DB: join(dir, 'k.db') } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('sources[0] (x).schedule: expected a cron expression, found "every minute"');
  });
});
