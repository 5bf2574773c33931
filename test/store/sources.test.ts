import { describe, expect, it } from 'vitest';
import { describeStores } from '../helpers/store.js';
import { openPgTestStore } from '../helpers/brand-traces.js';
import { PG_REQUIRED, PG_UNAVAILABLE } from '../helpers/pg.js';
import type { RunRecord, SourceClaim, SourceOwner, SourceState } from '../../src/store/types.js';
import { makeInput, makePost } from '../helpers/store.js';

const RSS: SourceOwner = { type: 'rss', origin: 'collector' };
const run = (status: 'ok' | 'error', extra: Partial<RunRecord> = {}): RunRecord => ({
  sourceId: 's1', startedAt: 1, finishedAt: 2, status, fetched: 0, inserted: 0, updated: 0, duplicates: 0, skipped: 0,
  error: status === 'error' ? 'boom' : null, ...extra,
});

describeStores('store: sources', (open) => {
  const makeStore = async () => (await open()).store;
  it('keeps the cursor of the last successful run, not of failures', async () => {
    const store = await makeStore();
    await store.claimSource('s1', RSS, 0);
    await store.recordRun(run('ok', { cursor: 'c1' }), 3);
    await store.recordRun(run('error', { cursor: 'ignored' }), 3);
    expect((await store.getSource('s1'))?.cursor).toBe('c1');
  });

  it('marks a source unhealthy after N failures in a row and healthy again after a success', async () => {
    const store = await makeStore();
    await store.claimSource('s1', RSS, 0);
    await store.recordRun(run('error'), 3);
    expect(await store.recordRun(run('error'), 3)).toMatchObject({ healthy: true, consecutiveFailures: 2 });
    expect(await store.recordRun(run('error'), 3)).toMatchObject({ healthy: false, consecutiveFailures: 3, lastError: 'boom' });
    expect(await store.recordRun(run('ok'), 3)).toMatchObject({ healthy: true, consecutiveFailures: 0 });
    expect((await store.listRuns('s1', 10)).map((r) => r.status)).toEqual(['ok', 'error', 'error', 'error']);
  });
});

describeStores('store: claiming a source', (open) => {
  it('creates a new source with the first claim; a claim of another type or origin gets the stored row back and never changes it', async () => {
    const { store } = await open();
    expect(await store.claimSource('crm', { type: 'file', origin: 'push' }, 1)).toMatchObject({ id: 'crm', type: 'file', origin: 'push', cursor: null, lastRunAt: null });
    expect(await store.claimSource('crm', { type: 'push', origin: 'push' }, 2)).toMatchObject({ id: 'crm', type: 'file', origin: 'push' });
    expect(await store.claimSource('crm', { type: 'file', origin: 'collector' }, 3)).toMatchObject({ id: 'crm', type: 'file', origin: 'push' });
    expect((await store.listSources()).map((s) => [s.id, s.type, s.origin])).toEqual([['crm', 'file', 'push']]);
  });

  it('returns the state a collector needs to a claim of the stored type', async () => {
    const { store } = await open();
    await store.claimSource('s1', RSS, 0);
    await store.recordRun(run('ok', { cursor: 'c1' }), 3);
    expect(await store.claimSource('s1', RSS, 5)).toMatchObject({ type: 'rss', origin: 'collector', cursor: 'c1', lastStatus: 'ok' });
  });
});

describeStores('store: claiming a source with its first batch', (open) => {
  const post = (externalId: string, createdAt = '2026-11-20T10:00:00.000Z') => makeInput(makePost({ source: 'crm', externalId, createdAt }));
  /** A claim of `crm` as a push source that records what it was shown and refuses when `refuse` says so. */
  const claimCrm = (seen: SourceState[], refuse = false): SourceClaim => ({
    id: 'crm', type: 'push', origin: 'push', now: 1,
    accept: (stored) => {
      seen.push(stored);
      if (refuse) throw new Error('refused');
    },
  });

  it('creates the source with the batch and shows the claimer the new row', async () => {
    const { store } = await open();
    const seen: SourceState[] = [];
    expect(await store.saveMentions([post('a')], claimCrm(seen))).toMatchObject({ inserted: 1 });
    expect(seen).toMatchObject([{ id: 'crm', type: 'push', origin: 'push' }]);
    expect(await store.getSource('crm')).toMatchObject({ type: 'push', origin: 'push' });
  });

  it('leaves neither the source nor any post when the claimer refuses the row', async () => {
    const { store } = await open();
    await expect(store.saveMentions([post('a')], claimCrm([], true))).rejects.toThrow('refused');
    expect(await store.getSource('crm')).toBeUndefined();
    expect((await store.listMentions({ sourceId: 'crm', limit: 5 })).items).toEqual([]);
  });

  it('leaves no source when the batch fails after the claim', async () => {
    const { store } = await open();
    const seen: SourceState[] = [];
    // A date the store cannot write (NaN milliseconds) fails the insert inside the transaction.
    await expect(store.saveMentions([post('a'), post('b', 'not a date')], claimCrm(seen))).rejects.toThrow();
    expect(seen).toHaveLength(1);
    expect(await store.getSource('crm')).toBeUndefined();
    expect((await store.listMentions({ sourceId: 'crm', limit: 5 })).items).toEqual([]);
  });
});

describe.skipIf(PG_UNAVAILABLE !== null && !PG_REQUIRED)('store: claiming a source another connection is creating [postgres]', () => {
  it('waits for the uncommitted row and returns its type instead of inserting or retyping', async () => {
    const pg = await openPgTestStore();
    const blocker = await pg.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query("INSERT INTO sources (id, type, origin, created_at) VALUES ('crm', 'push', 'push', 1)");
      let settled = false;
      const claim = pg.store.claimSource('crm', { type: 'file', origin: 'push' }, 2).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 200));
      expect(settled).toBe(false);
      await blocker.query('COMMIT');
      expect(await claim).toMatchObject({ id: 'crm', type: 'push', origin: 'push' });
      expect(await pg.t.raw('SELECT id, type FROM sources')).toEqual([['crm', 'push']]);
    } finally {
      blocker.release();
      await pg.store.close();
      await pg.t.close();
    }
  });
});
