import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { runCli } from '../helpers/cli.js';

const REFUSAL =
  'source "crm" is configured as a rss source, but the store holds "crm" as a file source and a collector never changes a stored source\'s type: give the configured source another id';
const FILE_REFUSAL =
  'source "crm" is configured as a file source, but the store holds "crm" as a file source that koubei ingest made, and a collector never fills a source pushes made: give the configured source another id';

describe('a configured source under the id of a stored source of another type', () => {
  it('stops koubei start and koubei collect with one line naming the id and both types (or, for a file collector, the import), and keeps the stored source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-source-types-'));
    const db = join(dir, 'k.db');
    writeFileSync(join(dir, 'none.json'), JSON.stringify({ demo: false }));
    writeFileSync(
      join(dir, 'crm-as-rss.json'),
      JSON.stringify({ demo: false, sources: [{ id: 'crm', type: 'rss', config: { url: 'http://127.0.0.1:9/feed.xml' } }] }),
    );
    writeFileSync(join(dir, 'crm-as-file.json'), JSON.stringify({ demo: false, sources: [{ id: 'crm', type: 'file', config: { path: 'posts.jsonl' } }] }));
    writeFileSync(join(dir, 'posts.jsonl'), '{"id":"1","text":"好吃"}\n');
    const env = (config: string) => ({ KOUBEI_DB: db, KOUBEI_CONFIG: join(dir, config) });
    expect((await runCli(['ingest', 'posts.jsonl', '--source', 'crm'], { env: env('none.json'), cwd: dir })).code).toBe(0);

    const start = await runCli(['start', '--port', '0'], { env: env('crm-as-rss.json'), cwd: dir });
    expect(start).toMatchObject({ code: 1, stderr: `koubei start: ${REFUSAL}\n` });
    const collect = await runCli(['collect', '--once'], { env: env('crm-as-rss.json'), cwd: dir });
    expect(collect).toMatchObject({ code: 1, stderr: `koubei collect: ${REFUSAL}\n` });
    // A file collector shares the type of the import: what made the source tells them apart.
    const startFile = await runCli(['start', '--port', '0'], { env: env('crm-as-file.json'), cwd: dir });
    expect(startFile).toMatchObject({ code: 1, stderr: `koubei start: ${FILE_REFUSAL}\n` });

    const store = createSqliteStore(openDb(db));
    expect(await store.getSource('crm')).toMatchObject({ type: 'file', origin: 'push', lastRunAt: null });
    expect(await store.listRuns('crm', 5)).toEqual([]);
    await store.close();
  }, 150_000);
});
