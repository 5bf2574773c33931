import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultPipeline } from '../../src/pipeline/default-pipeline.js';
import type { Pipeline } from '../../src/pipeline/pipeline.js';
import { SEARCH_LAYOUT } from '../../src/pipeline/search-tokens.js';
import { loadNlpResources } from '../../src/resources/nlp.js';
import { listMigrations } from '../../src/store/db.js';
import { openStore } from '../../src/store/index.js';
import { startServer } from '../../src/server.js';
import { makeOldStore, oldMention, writeOldSqlite } from '../helpers/old-search-store.js';
import { STORE_BACKENDS } from '../helpers/store.js';
import { runCli } from '../helpers/cli.js';
import { json, makeRuntime } from '../helpers/runtime.js';

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = createDefaultPipeline(await loadNlpResources());
});

const OLD_ROWS = () => [
  oldMention(pipeline, 'value', '这款手机高性价比，值得买', 'tokens'),
  oldMention(pipeline, 'campus', '我在北京大学学生会工作', 'bigrams-after'),
  oldMention(pipeline, 'plain', '今天天气不错', 'tokens'),
];

describe('koubei migrate on a store an older release indexed', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('upgrades the schema, re-indexes the old rows with a summary on stderr, and has nothing left the next time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-migrate-search-'));
    dirs.push(dir);
    const path = join(dir, 'koubei.db');
    writeOldSqlite(path, OLD_ROWS());
    const env = { KOUBEI_DB: path, KOUBEI_DEMO: 'false' };
    const first = await runCli(['migrate'], { env, cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    // The old store is at version 5: every later migration is applied.
    const later = listMigrations().slice(5).map((m) => m.version);
    expect(first.stderr).toContain(`applied ${later.join(', ')}; schema version ${later.at(-1)}`);
    expect(first.stderr).toMatch(new RegExp(`search index: 3 mentions re-indexed from layout 1 to ${SEARCH_LAYOUT} in \\d+\\.\\d s`));
    const again = await runCli(['migrate'], { env, cwd: dir });
    expect(again.stderr).toMatch(/up to date/);
    expect(again.stderr).not.toContain('search index');
    const store = openStore(path);
    expect((await store.listMentions({ terms: ['性价比'], limit: 10 })).items.map((m) => m.externalId)).toEqual(['value']);
    expect((await store.listMentions({ terms: ['大学生'], limit: 10 })).items).toEqual([]);
    await store.close();
  }, 90_000);
});

for (const backend of STORE_BACKENDS) {
  describe.skipIf(backend.skip)(`koubei start on a store an older release indexed [${backend.name}]`, () => {
    it('answers at once and re-indexes the old rows in the background; search then finds words inside longer words', async () => {
      const old = await makeOldStore(backend.name, OLD_ROWS());
      const runtime = await makeRuntime(old.target);
      const server = await startServer(runtime, { port: 0, withScheduler: false });
      try {
        expect((await fetch(`${server.url}/health`)).status).toBe(200);
        for (const deadline = Date.now() + 20_000; (await old.store.searchIndexState(SEARCH_LAYOUT)).layout < SEARCH_LAYOUT; ) {
          if (Date.now() > deadline) throw new Error('the background re-index did not finish in 20 s');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const found = await json(fetch(`${server.url}/api/mentions?q=${encodeURIComponent('性价比')}`));
        expect(found.items.map((m: { externalId: string }) => m.externalId)).toEqual(['value']);
      } finally {
        await server.close();
        await runtime.close();
        await old.close();
      }
    });
  });
}
