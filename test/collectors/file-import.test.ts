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
});
