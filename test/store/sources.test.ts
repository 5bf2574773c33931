import { describe, expect, it } from 'vitest';
import { describeStores } from '../helpers/store.js';
import { openPgTestStore } from '../helpers/brand-traces.js';
import { PG_REQUIRED, PG_UNAVAILABLE } from '../helpers/pg.js';
import type { RunRecord } from '../../src/store/types.js';

const run = (status: 'ok' | 'error', extra: Partial<RunRecord> = {}): RunRecord => ({
  sourceId: 's1', startedAt: 1, finishedAt: 2, status, fetched: 0, inserted: 0, updated: 0, duplicates: 0, skipped: 0,
  error: status === 'error' ? 'boom' : null, ...extra,
});

describeStores('store: sources', (open) => {
  const makeStore = async () => (await open()).store;
  it('keeps the cursor of the last successful run, not of failures', async () => {
    const store = await makeStore();
    await store.claimSource('s1', 'rss', 0);
    await store.recordRun(run('ok', { cursor: 'c1' }), 3);
    await store.recordRun(run('error', { cursor: 'ignored' }), 3);
    expect((await store.getSource('s1'))?.cursor).toBe('c1');
  });

  it('marks a source unhealthy after N failures in a row and healthy again after a success', async () => {
    const store = await makeStore();
    await store.claimSource('s1', 'rss', 0);
    await store.recordRun(run('error'), 3);
    expect(await store.recordRun(run('error'), 3)).toMatchObject({ healthy: true, consecutiveFailures: 2 });
    expect(await store.recordRun(run('error'), 3)).toMatchObject({ healthy: false, consecutiveFailures: 3, lastError: 'boom' });
    expect(await store.recordRun(run('ok'), 3)).toMatchObject({ healthy: true, consecutiveFailures: 0 });
    expect((await store.listRuns('s1', 10)).map((r) => r.status)).toEqual(['ok', 'error', 'error', 'error']);
  });
});

describeStores('store: claiming a source', (open) => {
  it('creates a new source with the first claim; a claim of another type gets the stored row back and never retypes it', async () => {
    const { store } = await open();
    expect(await store.claimSource('crm', 'push', 1)).toMatchObject({ id: 'crm', type: 'push', cursor: null, lastRunAt: null });
    expect(await store.claimSource('crm', 'file', 2)).toMatchObject({ id: 'crm', type: 'push' });
    expect((await store.listSources()).map((s) => [s.id, s.type])).toEqual([['crm', 'push']]);
  });

  it('returns the state a collector needs to a claim of the stored type', async () => {
    const { store } = await open();
    await store.claimSource('s1', 'rss', 0);
    await store.recordRun(run('ok', { cursor: 'c1' }), 3);
    expect(await store.claimSource('s1', 'rss', 5)).toMatchObject({ type: 'rss', cursor: 'c1', lastStatus: 'ok' });
  });
});

describe.skipIf(PG_UNAVAILABLE !== null && !PG_REQUIRED)('store: claiming a source another connection is creating [postgres]', () => {
  it('waits for the uncommitted row and returns its type instead of inserting or retyping', async () => {
    const pg = await openPgTestStore();
    const blocker = await pg.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query("INSERT INTO sources (id, type, created_at) VALUES ('crm', 'push', 1)");
      let settled = false;
      const claim = pg.store.claimSource('crm', 'file', 2).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 200));
      expect(settled).toBe(false);
      await blocker.query('COMMIT');
      expect(await claim).toMatchObject({ id: 'crm', type: 'push' });
      expect(await pg.t.raw('SELECT id, type FROM sources')).toEqual([['crm', 'push']]);
    } finally {
      blocker.release();
      await pg.store.close();
      await pg.t.close();
    }
  });
});
