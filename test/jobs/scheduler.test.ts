import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Collector } from '../../src/collectors/types.js';
import type { SourceConfig } from '../../src/config.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { runCollection, type CollectionDeps } from '../../src/jobs/run-collection.js';
import { silentLogger } from '../../src/logger.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { normalize } from '../../src/pipeline/components/normalize.js';
import { makeStore } from '../helpers/store.js';

let counter = 0;
const healthy: Collector<unknown> = {
  type: 'healthy',
  name: 'always works',
  configSchema: z.unknown(),
  defaultSchedule: '* * * * * *',
  requiresConfig: [],
  async collect(ctx) {
    counter += 1;
    const n = Number(ctx.cursor ?? 0) + 1;
    return { posts: [{ source: ctx.sourceId, externalId: `p${n}`, text: `post number ${n} from a healthy source`, createdAt: ctx.now().toISOString() }], cursor: String(n) };
  },
};
const broken: Collector<unknown> = {
  ...healthy,
  type: 'broken',
  async collect() {
    throw new Error('upstream answered 500 three times');
  },
};

function deps(): CollectionDeps {
  return {
    store: makeStore(),
    pipeline: createPipeline([normalize]),
    matchBrands: () => [],
    now: () => new Date(),
    log: silentLogger,
    fetch: () => Promise.reject(new Error('no network in tests')),
    unhealthyAfterFailures: 2,
  };
}

/** A local port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const source = (id: string, type: string, schedule = '* * * * * *'): SourceConfig => ({ id, type, schedule, enabled: true, config: {} });
const registry = new Map([[healthy.type, healthy], [broken.type, broken]]);

describe('runCollection', () => {
  it('records a failure with its message, keeps the cursor, and marks the source unhealthy after N in a row', async () => {
    const d = deps();
    await runCollection(source('h', 'healthy'), healthy, d);
    const first = await runCollection(source('b', 'broken'), broken, d);
    expect(first).toMatchObject({ status: 'error', error: 'upstream answered 500 three times' });
    expect(await d.store.getSource('b')).toMatchObject({ healthy: true, consecutiveFailures: 1 });
    await runCollection(source('b', 'broken'), broken, d);
    expect(await d.store.getSource('b')).toMatchObject({ healthy: false, consecutiveFailures: 2 });
    expect(await d.store.getSource('h')).toMatchObject({ healthy: true, cursor: '1' });
  });

  it('records the cause of a network failure, not only "fetch failed"', async () => {
    const d = deps();
    const port = await closedPort();
    const offline: Collector<unknown> = {
      ...healthy,
      type: 'offline',
      collect: async (ctx) => fetch(`http://127.0.0.1:${port}/feed`).then(() => ({ posts: [], cursor: ctx.cursor })),
    };
    const run = await runCollection(source('o', 'offline'), offline, d);
    expect(run.error).toBe(`fetch failed: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('skips a collected post dated more than a day ahead, with a reason, and stores the rest', async () => {
    const d = deps();
    const clockSkewed: Collector<unknown> = {
      ...healthy,
      type: 'skewed',
      collect: async (ctx) => ({
        posts: [
          { source: ctx.sourceId, externalId: 'now', text: 'a post from today', createdAt: ctx.now().toISOString() },
          { source: ctx.sourceId, externalId: 'later', text: 'a post from 2030', createdAt: '2030-01-01T00:00:00.000Z' },
        ],
        cursor: null,
      }),
    };
    const run = await runCollection(source('s', 'skewed'), clockSkewed, d);
    expect(run).toMatchObject({ status: 'ok', fetched: 2, inserted: 1, skipped: 1 });
    expect((await d.store.listMentions({ limit: 10 })).items.map((m) => m.externalId)).toEqual(['now']);
  });

  it('keeps a source healthy, with its cursor, when its only new post is dated ahead (an event feed)', async () => {
    const d = deps();
    const eventFeed: Collector<unknown> = {
      ...healthy,
      type: 'events',
      collect: async (ctx) => ({
        posts: [{ source: ctx.sourceId, externalId: 'gala', text: 'the gala next month', createdAt: '2030-01-01T00:00:00.000Z' }],
        cursor: 'etag-1',
      }),
    };
    const run = await runCollection(source('e', 'events'), eventFeed, d);
    expect(run).toMatchObject({ status: 'ok', fetched: 1, inserted: 0, skipped: 1, cursor: 'etag-1' });
    expect(await d.store.getSource('e')).toMatchObject({ healthy: true, cursor: 'etag-1' });
  });

  it('resumes from the stored cursor on the next run', async () => {
    const d = deps();
    await runCollection(source('h', 'healthy'), healthy, d);
    const second = await runCollection(source('h', 'healthy'), healthy, d);
    expect(second).toMatchObject({ status: 'ok', inserted: 1 });
    expect((await d.store.listMentions({ limit: 10 })).items.map((m) => m.externalId)).toEqual(['p2', 'p1']);
  });
});

describe('createScheduler', () => {
  it('keeps running a healthy source while another source fails on every run', async () => {
    const d = deps();
    counter = 0;
    const scheduler = createScheduler([source('good', 'healthy'), source('bad', 'broken')], registry, d, { timezone: 'UTC' });
    expect([...scheduler.nextRuns().keys()]).toEqual(['good', 'bad']);
    scheduler.start();
    const deadline = Date.now() + 8000;
    while (Date.now() < deadline && counter < 2) await new Promise((r) => setTimeout(r, 100));
    await scheduler.stop();
    expect(counter).toBeGreaterThanOrEqual(2);
    const good = await d.store.listRuns('good', 10);
    const bad = await d.store.listRuns('bad', 10);
    expect(good.every((r) => r.status === 'ok')).toBe(true);
    expect(bad.length).toBeGreaterThanOrEqual(1);
    expect(bad.every((r) => r.status === 'error')).toBe(true);
  });
});
