import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleAlert } from '../../src/alerts/sample.js';
import { createTokenizer, migrateStore, migrateStoreCommand } from '../../src/cli/commands/migrate-store.js';
import { openDb } from '../../src/store/db.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { verifyCopy } from '../../src/store/postgres/verify-copy.js';
import type { Store } from '../../src/store/types.js';
import { SEARCH_LAYOUT } from '../../src/pipeline/search-tokens.js';
import { makePgSchema, PG_REQUIRED, PG_TEST_URL, PG_UNAVAILABLE, type TestSchema } from '../helpers/pg.js';
import { makeInput, makePost } from '../helpers/store.js';

const DAY = Date.UTC(2026, 10, 20);
const tokenize = ({ text }: { text: string }) => text.toLowerCase().split(/\s+/).filter(Boolean);

/** An embedded installation with every kind of row: mentions, reposts, deletions, alerts, keys, runs. */
async function seedSqlite(path: string): Promise<void> {
  const store = createSqliteStore(openDb(path));
  await store.upsertBrands([{ id: 'freshbee', name: 'FreshBee', aliases: ['鲜蜂'], competitors: [] }]);
  await store.claimSource('weibo', { type: 'rss', origin: 'collector' }, DAY);
  const texts = ['鲜蜂 外卖 送餐 太慢 了', 'FreshBee delivery was quick and friendly', 'battery lasts two days on this phone'];
  const inputs = Array.from({ length: 120 }, (_, i) => {
    const post = makePost({ source: i % 2 ? 'weibo' : 'reddit', externalId: `p${i}`, text: `${texts[i % 3]}${i % 4 ? ` n${i}` : ''}`,
      createdAt: new Date(DAY + i * 1_700_000).toISOString(), author: { id: `a${i % 9}`, handle: `h${i % 9}` }, engagement: { likes: i % 5, rating: i % 7 ? undefined : 4.5 } });
    const input = makeInput(post, (['pos', 'neu', 'neg'] as const)[i % 3], i % 2 ? ['freshbee'] : []);
    input.analysis.aspects = i % 3 ? [{ aspect: 'speed', term: 'slow', label: 'neg', score: -0.25 * (i % 4) }] : [];
    return input;
  });
  for (let i = 0; i < inputs.length; i += 40) await store.saveMentions(inputs.slice(i, i + 40));
  await store.markDeleted('weibo', ['p1', 'p3'], DAY);
  await store.profiles.eraseAuthor((await store.profiles.findAuthor('test:a0'))!.id, DAY); // re-links reposts of erased originals
  await store.recordRun({ sourceId: 'weibo', startedAt: DAY, finishedAt: DAY + 5, status: 'ok', fetched: 3, inserted: 3, updated: 0, duplicates: 0, skipped: 0, error: null, cursor: 'c' }, 3);
  await store.alerts.recordEvaluation({ at: DAY, states: [], alerts: [{ draft: sampleAlert(new Date(DAY), 'http://k'), deliveries: [{ channelId: 'hook', nextAttemptAt: DAY }] }] });
  await store.keys.create({ id: 'k1', name: null, scopes: ['tags:read'], secret: 'x' }, DAY);
  await store.close();
}

describe('migrate-store tokenizer', () => {
  it('re-indexes like ingestion: brand names whole, plus the bigrams that find words inside them', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'koubei-tokenize-')), 'koubei.db');
    const store = createSqliteStore(openDb(path));
    await store.upsertBrands([{ id: 'swifteats', name: 'SwiftEats', aliases: ['速达外卖'], competitors: [] }]);
    await store.close();
    const tokens = (await createTokenizer(path))({ title: null, text: '第一次在速达外卖下单', lang: 'zh' });
    expect(tokens).toEqual(expect.arrayContaining(['速达外卖', '外卖']));
  });
});

describe.skipIf(PG_UNAVAILABLE !== null && !PG_REQUIRED)('koubei migrate-store', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  async function setup(): Promise<{ path: string; target: TestSchema; url: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-migrate-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const target = await makePgSchema({ migrate: false });
    cleanup.push(() => target.drop());
    const path = join(dir, 'koubei.db');
    await seedSqlite(path);
    return { path, target, url: `${PG_TEST_URL}?schema=${target.schema}` };
  }

  it('copies every table with equal counts and checksums, and the copy answers like the original', async () => {
    const { path, target, url } = await setup();
    // A file whose search rows an older release wrote: the copy's tokens are computed afresh, in today's layout.
    const file = createSqliteStore(openDb(path));
    await file.setAspectNames(['FreshBee', '鲜蜂']);
    await file.close();
    const db = openDb(path);
    db.prepare(`UPDATE store_state SET value = '1' WHERE key = 'search_layout'`).run();
    db.close();
    const checks = await migrateStore({ from: path, to: url, tokenize, batchSize: 25 });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    const rows = Object.fromEntries(checks.map((c) => [c.table, c.postgresRows]));
    expect(rows).toMatchObject({ mentions: 106, api_keys: 1, alerts: 1, alert_deliveries: 1, collector_runs: 1 });
    expect(checks.map((c) => c.table)).toEqual(expect.arrayContaining(['rollups', 'rollup_authors', 'term_rollups', 'aspect_rollups', 'profile_members']));
    // Analysed before the commit: the planner knows the copy's size and null fractions at once.
    expect(await target.raw(`SELECT relname, reltuples FROM pg_class WHERE relnamespace = $1::regnamespace AND relname IN ('mentions', 'analyses') ORDER BY 1`,
      [target.schema])).toEqual([['analyses', 106], ['mentions', 106]]);
    expect(await target.raw(`SELECT null_frac FROM pg_stats WHERE schemaname = $1 AND tablename = 'mentions' AND attname = 'duplicate_of'`, [target.schema]))
      .toEqual([[expect.any(Number)]]);
    const sqlite: Store = createSqliteStore(openDb(path));
    const pg = createPostgresStore(target.pool, { schema: target.schema, ownsPool: false });
    cleanup.push(() => sqlite.close());
    expect(await pg.searchIndexState(SEARCH_LAYOUT)).toEqual({ layout: SEARCH_LAYOUT, remaining: 0 });
    expect(await pg.aspectNames()).toEqual(['FreshBee', '鲜蜂']);
    const week = { from: DAY - 86_400_000, to: DAY + 5 * 86_400_000 };
    for (const q of [{ interval: 'hour' as const, ...week }, { interval: 'day' as const, brandId: 'freshbee', ...week }]) {
      expect(await pg.trends(q)).toEqual(await sqlite.trends(q));
    }
    expect(await pg.listMentions({ limit: 500, terms: ['外卖'] })).toEqual(await sqlite.listMentions({ limit: 500, terms: ['外卖'] }));
    expect(await pg.termCounts({ ...week, limit: 10 })).toEqual(await sqlite.termCounts({ ...week, limit: 10 }));
    // New rows continue after the copied ids instead of colliding with them.
    await pg.saveMentions([makeInput(makePost({ externalId: 'new', text: 'a brand new post after the move' }))]);
    expect((await target.raw(`SELECT id > (SELECT max(id) FROM mentions WHERE external_id <> 'new') FROM mentions WHERE external_id = 'new'`))).toEqual([[true]]);
  });

  it('reports a mismatch when a copied row differs, and refuses a non-empty target', async () => {
    const { path, target, url } = await setup();
    await migrateStore({ from: path, to: url, tokenize });
    await target.raw(`UPDATE analyses SET score = score + 0.001 WHERE mention_id = (SELECT min(mention_id) FROM analyses)`);
    const db = openDb(path);
    cleanup.push(() => void db.close());
    const bad = (await verifyCopy(db, target.pool)).filter((c) => !c.ok);
    expect(bad.map((c) => [c.table, c.sqliteRows === c.postgresRows])).toEqual([['analyses', true]]);
    await expect(migrateStore({ from: path, to: url, tokenize })).rejects.toThrow(/already has \d+ rows/);
  });

  it('prints counts and checksums from the CLI and exits 0', async () => {
    const { path, url } = await setup();
    const out = new PassThrough();
    const err = new PassThrough();
    let stdout = '';
    out.on('data', (d) => (stdout += d));
    const io = { stdout: out, stderr: err, stdin: new PassThrough(), isTTY: false, env: {} };
    expect(await migrateStoreCommand.run(['--from', `sqlite:${path}`, '--to', url], io)).toBe(0);
    expect(stdout).toMatch(/^mentions\s+106\s+106\s+[0-9a-f]{32}\s+ok$/m);
    expect(stdout).not.toContain('MISMATCH');
  });
});
