import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultPipeline } from '../../src/pipeline/default-pipeline.js';
import type { Pipeline } from '../../src/pipeline/pipeline.js';
import { SEARCH_LAYOUT } from '../../src/pipeline/search-tokens.js';
import { loadNlpResources } from '../../src/resources/nlp.js';
import { createStoredTokenizer, reindexSearch } from '../../src/jobs/reindex-search.js';
import type { Store } from '../../src/store/types.js';
import { makeOldStore, oldMention, writeOldSqlite, type OldStore } from '../helpers/old-search-store.js';
import { listMigrations, migrateDb, openDb } from '../../src/store/db.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { STORE_BACKENDS } from '../helpers/store.js';

const search = async (store: Store, term: string) => (await store.listMentions({ terms: [term], limit: 50 })).items.map((m) => m.externalId).sort();

for (const backend of STORE_BACKENDS) {
  describe.skipIf(backend.skip)(`search index written in an older layout [${backend.name}]`, () => {
    let pipeline: Pipeline;
    let tokensOf: ReturnType<typeof createStoredTokenizer>;
    const opened: OldStore[] = [];
    beforeAll(async () => {
      pipeline = createDefaultPipeline(await loadNlpResources());
      tokensOf = createStoredTokenizer(pipeline);
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    /** Five mentions as releases before layout 2 indexed them, and one the platform deleted since. */
    async function oldStore(): Promise<Store> {
      const old = await makeOldStore(backend.name, [
        oldMention(pipeline, 'value', '这款手机高性价比，值得买', 'tokens'),
        oldMention(pipeline, 'campus', '我在北京大学学生会工作', 'bigrams-after'),
        oldMention(pipeline, 'station', '北京火车站人太多了', 'tokens'),
        oldMention(pipeline, 'plain', '今天天气不错', 'tokens'),
        oldMention(pipeline, 'gone', '高性价比的耳机', 'tokens'),
      ]);
      opened.push(old);
      await old.store.markDeleted('test', ['gone'], Date.now());
      return old.store;
    }

    it('misses words inside longer words and finds false hits until re-indexed, then answers as for new rows', async () => {
      const store = await oldStore();
      expect(await store.searchIndexState(SEARCH_LAYOUT)).toEqual({ layout: 1, remaining: 4 });
      expect(await search(store, '性价比')).toEqual([]);
      expect(await search(store, '火车站')).toEqual([]);
      // 03fc7ed put 北京大学's bigrams next to 学生会's: 大学 学生 read as the phrase of 大学生.
      expect(await search(store, '大学生')).toEqual(['campus']);
      const summary = await reindexSearch({ store, tokensOf, batchSize: 2 });
      expect(summary).toEqual({ from: 1, to: SEARCH_LAYOUT, due: 4, reindexed: 4, stopped: false });
      expect(await store.searchIndexState(SEARCH_LAYOUT)).toEqual({ layout: SEARCH_LAYOUT, remaining: 0 });
      expect(await search(store, '性价比')).toEqual(['value']);
      expect(await search(store, '火车站')).toEqual(['station']);
      expect(await search(store, '大学生')).toEqual([]);
      expect(await search(store, '北京大学')).toEqual(['campus']);
      expect(await reindexSearch({ store, tokensOf })).toMatchObject({ due: 0, reindexed: 0 });
    });

    it('goes on where an interrupted re-index stopped, one transaction per batch', async () => {
      const store = await oldStore();
      let steps = 0;
      const first = await reindexSearch({ store, tokensOf, batchSize: 2, onProgress: () => (steps += 1), shouldStop: () => steps > 0 });
      expect(first).toMatchObject({ due: 4, reindexed: 2, stopped: true });
      // The first two rows are done and stay done; the store is still in the old layout as a whole.
      expect(await store.searchIndexState(SEARCH_LAYOUT)).toEqual({ layout: 1, remaining: 2 });
      expect(await search(store, '性价比')).toEqual(['value']);
      expect(await search(store, '火车站')).toEqual([]);
      const progress: [number, number][] = [];
      const rest = await reindexSearch({ store, tokensOf, batchSize: 2, onProgress: (done, total) => progress.push([done, total]) });
      expect(rest).toMatchObject({ due: 2, reindexed: 2, stopped: false });
      expect(progress).toEqual([[2, 2], [2, 2]]);
      expect(await search(store, '火车站')).toEqual(['station']);
    });

    it('needs no re-index in a store created by this release', async () => {
      const fresh = await backend.make();
      try {
        expect(await fresh.store.searchIndexState(SEARCH_LAYOUT)).toEqual({ layout: SEARCH_LAYOUT, remaining: 0 });
        expect(await reindexSearch({ store: fresh.store, tokensOf })).toEqual({ from: SEARCH_LAYOUT, to: SEARCH_LAYOUT, due: 0, reindexed: 0, stopped: false });
      } finally {
        await fresh.close();
      }
    });
  });
}

describe('a re-index to layout 2 stopped part-way, then upgraded (migration 0008) [sqlite]', () => {
  it('starts the re-index to the current layout from the first mention, not where the old one stopped', async () => {
    const pipeline = createDefaultPipeline(await loadNlpResources());
    const dir = mkdtempSync(join(tmpdir(), 'koubei-layout3-'));
    const path = join(dir, 'koubei.db');
    writeOldSqlite(path, ['这款手机高性价比', '北京火车站人太多了', '今天天气不错'].map((text, i) => oldMention(pipeline, `m${i}`, text, 'tokens')));
    // The release before layout 3: migrations 0006–0007, and a re-index to layout 2 that rewrote the first mention.
    const db = openDb(path, { migrate: false });
    migrateDb(db, listMigrations().filter((m) => m.version <= 7));
    const firstId = (db.prepare('SELECT min(id) AS id FROM mentions').get() as { id: number }).id;
    db.prepare(`INSERT INTO store_state (key, value) VALUES ('search_reindex_after', ?)`).run(String(firstId));
    db.close();
    const store = createSqliteStore(openDb(path));
    try {
      expect(await store.searchIndexState(SEARCH_LAYOUT)).toEqual({ layout: 1, remaining: 3 });
      const summary = await reindexSearch({ store, tokensOf: createStoredTokenizer(pipeline) });
      expect(summary).toMatchObject({ from: 1, to: SEARCH_LAYOUT, reindexed: 3 });
      expect(await search(store, '性价比')).toEqual(['m0']);
      // Layout 4: a single character inside a word jieba keeps whole.
      expect(await search(store, '价')).toEqual(['m0']);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
