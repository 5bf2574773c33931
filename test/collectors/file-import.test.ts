import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTORS } from '../../src/collectors/index.js';
import { runCollection, type CollectionDeps } from '../../src/jobs/run-collection.js';
import type { Runtime } from '../../src/runtime.js';
import { silentLogger } from '../../src/logger.js';
import { makeRuntime } from '../helpers/runtime.js';

// "2,太难吃了,bob" in GBK: the file's only non-ASCII line, and not UTF-8.
const GBK_ROW = Buffer.from([0x32, 0x2c, 0xcc, 0xab, 0xc4, 0xd1, 0xb3, 0xd4, 0xc1, 0xcb, 0x2c, 0x62, 0x6f, 0x62]);

describe('file source', () => {
  let runtime: Runtime;
  beforeAll(async () => (runtime = await makeRuntime()));
  afterAll(() => runtime.close());

  it('imports the ASCII rows of a file whose only non-ASCII line is not UTF-8, and records that line as skipped', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'koubei-file-source-')), 'export.csv');
    writeFileSync(path, Buffer.concat([Buffer.from('id,text,author\n1,tasty,amy\n'), GBK_ROW, Buffer.from('\n3,too slow,carl\n')]));
    const warnings: Record<string, unknown>[] = [];
    const deps: CollectionDeps = { ...runtime.collection, log: { ...silentLogger, warn: (_msg, fields) => void warnings.push(fields ?? {}) } };
    const source = { id: 'crm-export', type: 'file', schedule: '*/15 * * * *', enabled: true, config: { path } };
    const run = await runCollection(source, COLLECTORS.get('file')!, deps);
    expect(run).toMatchObject({ status: 'ok', fetched: 2, inserted: 2, skipped: 1, error: null });
    expect(warnings).toEqual([expect.objectContaining({ source: 'crm-export', line: 3, reason: expect.stringMatching(/^not valid UTF-8: .*iconv -f GBK/) })]);
    const page = await runtime.store.listMentions({ sourceId: 'crm-export', limit: 10 });
    expect(page.items.map((m) => m.text).sort()).toEqual(['tasty', 'too slow']);
  });

  it('records a file that is all GBK as a failed run: capped warnings, the cursor kept, unhealthy after repeated runs', async () => {
    const gbkLine = Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xcc, 0xab, 0xc4, 0xd1, 0xb3, 0xd4, 0x22, 0x7d]); // {"text":"太难吃"}
    const path = join(mkdtempSync(join(tmpdir(), 'koubei-file-source-')), 'gbk.jsonl');
    writeFileSync(path, Buffer.concat(Array.from({ length: 1000 }, () => Buffer.concat([gbkLine, Buffer.from('\n')]))));
    const { deps, warnings } = recordingDeps();
    const source = { id: 'gbk-export', type: 'file', schedule: '*/15 * * * *', enabled: true, config: { path } };
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await runCollection(source, COLLECTORS.get('file')!, deps));
    expect(runs[0]).toMatchObject({ status: 'error', fetched: 0, inserted: 0, skipped: 1000 });
    expect(runs[0].error).toMatch(/^nothing imported: all 1000 rows were skipped; the first \(line 1\): not valid UTF-8: .*iconv -f GBK/);
    // 20 rows named, then one count, per run; the unchanged file was read again each time.
    expect(warnings).toHaveLength(3 * 21);
    expect(warnings[20]).toEqual({ msg: 'more skipped items not listed', source: 'gbk-export', count: 980 });
    expect(await runtime.store.getSource('gbk-export')).toMatchObject({ cursor: null, healthy: false, consecutiveFailures: 3, lastStatus: 'error' });
  });

  it('fails the whole file when the CSV header line is not UTF-8, instead of reading the first row as the header', async () => {
    const gbkHeader = Buffer.from([0x69, 0x64, 0x2c, 0xc4, 0xda, 0xc8, 0xdd]); // id,内容
    const path = join(mkdtempSync(join(tmpdir(), 'koubei-file-source-')), 'header.csv');
    writeFileSync(path, Buffer.concat([gbkHeader, Buffer.from('\n1,text\n2,tasty\n3,too slow\n')]));
    const { deps } = recordingDeps();
    const source = { id: 'gbk-header', type: 'file', schedule: '*/15 * * * *', enabled: true, config: { path } };
    const run = await runCollection(source, COLLECTORS.get('file')!, deps);
    expect(run.status).toBe('error');
    expect(run.error).toMatch(/^the CSV header \(line 1\) of .*header\.csv is not UTF-8, so no column can be read; nothing was imported; .*iconv -f GBK/);
    expect((await runtime.store.listMentions({ sourceId: 'gbk-header', limit: 10 })).items).toEqual([]);
    expect((await runtime.store.getSource('gbk-header'))?.cursor).toBeNull();
  });

  /** Collection deps whose warnings are recorded as `{ msg, ...fields }`. */
  function recordingDeps(): { deps: CollectionDeps; warnings: Record<string, unknown>[] } {
    const warnings: Record<string, unknown>[] = [];
    const log = { ...silentLogger, warn: (msg: string, fields?: Record<string, unknown>) => void warnings.push({ msg, ...fields }) };
    return { deps: { ...runtime.collection, log }, warnings };
  }
});
