import { expect, it } from 'vitest';
import { describeStores } from '../helpers/store.js';
import type { RunRecord } from '../../src/store/types.js';

const run = (status: 'ok' | 'error', extra: Partial<RunRecord> = {}): RunRecord => ({
  sourceId: 's1', startedAt: 1, finishedAt: 2, status, fetched: 0, inserted: 0, updated: 0, duplicates: 0, skipped: 0,
  error: status === 'error' ? 'boom' : null, ...extra,
});

describeStores('store: sources', (open) => {
  const makeStore = async () => (await open()).store;
  it('keeps the cursor of the last successful run, not of failures', async () => {
    const store = await makeStore();
    await store.upsertSource('s1', 'rss', 0);
    await store.recordRun(run('ok', { cursor: 'c1' }), 3);
    await store.recordRun(run('error', { cursor: 'ignored' }), 3);
    expect((await store.getSource('s1'))?.cursor).toBe('c1');
  });

  it('marks a source unhealthy after N failures in a row and healthy again after a success', async () => {
    const store = await makeStore();
    await store.upsertSource('s1', 'rss', 0);
    await store.recordRun(run('error'), 3);
    expect(await store.recordRun(run('error'), 3)).toMatchObject({ healthy: true, consecutiveFailures: 2 });
    expect(await store.recordRun(run('error'), 3)).toMatchObject({ healthy: false, consecutiveFailures: 3, lastError: 'boom' });
    expect(await store.recordRun(run('ok'), 3)).toMatchObject({ healthy: true, consecutiveFailures: 0 });
    expect((await store.listRuns('s1', 10)).map((r) => r.status)).toEqual(['ok', 'error', 'error', 'error']);
  });
});
