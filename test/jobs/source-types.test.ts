import { UnrecoverableError, type Job } from 'bullmq';
import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import type { Collector } from '../../src/collectors/types.js';
import type { SourceConfig } from '../../src/config.js';
import type { RawPost } from '../../src/domain.js';
import { ConflictError, SourceTypeConflictError } from '../../src/errors.js';
import { openPushTarget, type PushSourceType } from '../../src/jobs/push-posts.js';
import { assertSourceTypes } from '../../src/jobs/claim-source.js';
import { runCollection } from '../../src/jobs/run-collection.js';
import { processCollectJob } from '../../src/queue/collect-job.js';
import type { QueueSet } from '../../src/queue/queues.js';
import type { Runtime } from '../../src/runtime.js';
import { makeRuntime } from '../helpers/runtime.js';
import { describeRuntimeStores } from '../helpers/runtime-backends.js';

const post = (id: string): RawPost => ({ source: 'crm', externalId: id, text: `pushed post ${id}`, createdAt: '2026-11-20T10:00:00.000Z' });
const PUSHED_BY: Record<PushSourceType, string> = { push: 'POST /api/ingest', file: 'koubei ingest' };
const CRM_AS_RSS: SourceConfig = { id: 'crm', type: 'rss', schedule: '* * * * *', enabled: true, config: {} };
const IMPORTS_AS_FILE: SourceConfig = { id: 'imports', type: 'file', schedule: '* * * * *', enabled: true, config: {} };
const FILE_OVER_IMPORT =
  'source "imports" is configured as a file source, but the store holds "imports" as a file source that koubei ingest made, and a collector never fills a source pushes made: give the configured source another id';
const CONFIGURED_OVER_PUSH =
  'source "crm" is configured as a rss source, but the store holds "crm" as a push source and a collector never changes a stored source\'s type: give the configured source another id';

describeRuntimeStores('source types across processes', (target) => {
  const runtimes: Runtime[] = [];
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((r) => r.close()));
  });
  /** Two runtimes over one store, as two processes (the server and `koubei ingest`, or a worker). */
  const twoProcesses = async () => {
    const where = await target();
    const made = [await makeRuntime(where), await makeRuntime(where)];
    runtimes.push(...made);
    return made;
  };

  let collected = 0;
  const rss: Collector<unknown> = {
    type: 'rss', name: 'rss', configSchema: z.unknown(), defaultSchedule: '* * * * *', requiresConfig: [],
    collect: async () => ((collected += 1), { posts: [], cursor: null }),
  };

  it.each<[PushSourceType, PushSourceType]>([
    ['file', 'push'],
    ['push', 'file'],
  ])('pushes of type %s, then %s, to one new id, both checked before either stored: the later gets the 409, nothing is retyped', async (first, second) => {
    const [one, two] = await twoProcesses();
    const firstPush = await openPushTarget('crm', first, { ...one.collection, configuredSources: [] });
    const secondPush = await openPushTarget('crm', second, { ...two.collection, configuredSources: [] });
    expect(await firstPush([post('a')])).toMatchObject({ inserted: 1 });
    const refused = await secondPush([post('b')]).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).message).toBe(
      `source "crm" is a ${first} source and ${PUSHED_BY[second]} makes ${second} sources; a push never changes a source's type: push them under another source id`,
    );
    expect((await two.store.getSource('crm'))?.type).toBe(first);
    expect((await two.store.listMentions({ sourceId: 'crm', limit: 5 })).items.map((m) => m.externalId)).toEqual(['a']);
  });

  it('fails a collector run under an id stored as a push source, naming both types, and records nothing under it', async () => {
    const [server, collecting] = await twoProcesses();
    await server.ingest([post('a')], 'crm');
    const before = collected;
    const run = await runCollection(CRM_AS_RSS, rss, collecting.collection);
    expect(run).toMatchObject({ status: 'error', error: CONFIGURED_OVER_PUSH });
    expect(collected).toBe(before);
    expect(await collecting.store.getSource('crm')).toMatchObject({ type: 'push', lastRunAt: null, consecutiveFailures: 0 });
    expect(await collecting.store.listRuns('crm', 5)).toEqual([]);
    // The push source still takes pushes once the configured collector gets another id.
    expect(await server.ingest([post('b')], 'crm')).toMatchObject({ inserted: 1 });
  });

  it('fails a queued collection of such a source at once, without retries or a recorded run', async () => {
    const [server, worker] = await twoProcesses();
    await server.ingest([post('a')], 'crm');
    const job = { data: { sourceId: 'crm' }, attemptsMade: 0, opts: { attempts: 3 } } as unknown as Job;
    const deps = { sources: [CRM_AS_RSS], collectors: new Map([['rss', rss]]), collection: worker.collection, queues: {} as QueueSet, batchSize: 10 };
    const failure = await processCollectJob(job, deps).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(UnrecoverableError);
    expect((failure as Error).message).toBe(CONFIGURED_OVER_PUSH);
    expect(await worker.store.getSource('crm')).toMatchObject({ type: 'push', lastRunAt: null });
    expect(await worker.store.listRuns('crm', 5)).toEqual([]);
  });

  /** A `file` collector whose run waits for `release` before it returns its one post. */
  const gatedFile = () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const collector: Collector<unknown> = {
      type: 'file', name: 'file', configSchema: z.unknown(), defaultSchedule: '* * * * *', requiresConfig: [],
      collect: async () => (await gate, { posts: [{ ...post('c1'), source: 'imports' }], cursor: 'c' }),
    };
    return { collector, release };
  };

  it('refuses koubei ingest into the id of a file collector whose first run is still collecting', async () => {
    const [scheduler, importer] = await twoProcesses();
    const { collector, release } = gatedFile();
    const run = runCollection(IMPORTS_AS_FILE, collector, scheduler.collection);
    // The run has claimed its source and waits in collect.
    await expect.poll(() => importer.store.getSource('imports')).toMatchObject({ type: 'file' });
    const refused = await openPushTarget('imports', 'file', { ...importer.collection, configuredSources: [] }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toBe(
      'source "imports" was created by a file collector; pushed posts would mix into its stream: push them under another source id',
    );
    release();
    expect(await run).toMatchObject({ status: 'ok', inserted: 1 });
    expect(await importer.store.getSource('imports')).toMatchObject({ type: 'file', origin: 'collector' });
    expect((await importer.store.listMentions({ sourceId: 'imports', limit: 5 })).items.map((m) => m.externalId)).toEqual(['c1']);
  });

  it('refuses to start a file collector under the id of a source koubei ingest made, and fails its runs without recording them', async () => {
    const [importer, scheduler] = await twoProcesses();
    const push = await openPushTarget('imports', 'file', { ...importer.collection, configuredSources: [] });
    expect(await push([{ ...post('p1'), source: 'imports' }])).toMatchObject({ inserted: 1 });
    const refused = await assertSourceTypes([IMPORTS_AS_FILE], scheduler.store).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(SourceTypeConflictError);
    expect((refused as Error).message).toBe(FILE_OVER_IMPORT);
    const { collector, release } = gatedFile();
    release();
    expect(await runCollection(IMPORTS_AS_FILE, collector, scheduler.collection)).toMatchObject({ status: 'error', error: FILE_OVER_IMPORT });
    expect(await scheduler.store.getSource('imports')).toMatchObject({ type: 'file', origin: 'push', lastRunAt: null });
    expect(await scheduler.store.listRuns('imports', 5)).toEqual([]);
    expect((await scheduler.store.listMentions({ sourceId: 'imports', limit: 5 })).items.map((m) => m.externalId)).toEqual(['p1']);
  });
});
