import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawPost } from '../../src/domain.js';
import { openPushTarget, type PushSourceType } from '../../src/jobs/push-posts.js';
import type { Runtime } from '../../src/runtime.js';
import type { MentionInput, SourceClaim, Store } from '../../src/store/types.js';
import { makeRuntime } from '../helpers/runtime.js';

const post = (source: string, id: string): RawPost => ({ source, externalId: id, text: 'pushed post', createdAt: '2026-11-20T10:00:00.000Z' });

describe('openPushTarget', () => {
  let runtime: Runtime;
  beforeAll(async () => (runtime = await makeRuntime()));
  afterAll(() => runtime.close());

  let pushed = 0;
  /** Pushes one new post as `type` does (`push`: POST /api/ingest, `file`: koubei ingest). */
  const push = async (sourceId: string, type: PushSourceType) =>
    (await openPushTarget(sourceId, type, { ...runtime.collection, configuredSources: [] }))([post(sourceId, `p${++pushed}`)]);
  /** Records a finished collection run, as the scheduler does for a configured source. */
  const collectOnce = async (sourceId: string, type: string) => {
    await runtime.store.claimSource(sourceId, { type, origin: 'collector' }, Date.now());
    await runtime.store.recordRun({ sourceId, startedAt: 1, finishedAt: 2, status: 'ok', fetched: 0, inserted: 0, updated: 0, duplicates: 0, skipped: 0, error: null, cursor: 'c' }, 3);
  };

  it.each<PushSourceType>(['push', 'file'])('refuses a push of type %s into a file source a collector ran under, though the config no longer lists it', async (type) => {
    await collectOnce(`old-export-${type}`, 'file');
    await expect(push(`old-export-${type}`, type)).rejects.toThrow(
      `source "old-export-${type}" was created by a file collector; pushed posts would mix into its stream: push them under another source id`,
    );
    expect((await runtime.store.listMentions({ sourceId: `old-export-${type}`, limit: 5 })).items).toEqual([]);
  });

  it.each<[PushSourceType, PushSourceType, string]>([
    ['push', 'file', 'koubei ingest'],
    ['file', 'push', 'POST /api/ingest'],
  ])('keeps a %s source its type: a %s push into it is refused', async (first, second, pusher) => {
    const id = `crm-${first}`;
    expect((await push(id, first)).inserted).toBe(1);
    await expect(push(id, second)).rejects.toThrow(
      `source "${id}" is a ${first} source and ${pusher} makes ${second} sources; a push never changes a source's type: push them under another source id`,
    );
    expect((await runtime.store.getSource(id))?.type).toBe(first);
    expect((await push(id, first)).inserted).toBe(1);
  });

  it('refuses a push into a stored source of a collector type that has no run yet', async () => {
    await runtime.store.claimSource('half-run', { type: 'rss', origin: 'collector' }, Date.now());
    await expect(push('half-run', 'push')).rejects.toThrow('source "half-run" was created by a rss collector; pushed posts would mix into its stream');
    expect((await runtime.store.getSource('half-run'))?.type).toBe('rss');
  });

  it('leaves no source when the first batch of a push cannot be stored, so the id is free for a push of another type', async () => {
    // The store gets the batch with a date it cannot write, so the save fails inside its transaction.
    const unwritable = (items: MentionInput[]) => items.map((item) => ({ ...item, post: { ...item.post, createdAt: 'not a date' } }));
    const failing: Store = Object.create(runtime.store, {
      saveMentions: { value: (items: MentionInput[], claim?: SourceClaim) => runtime.store.saveMentions(unwritable(items), claim) },
    });
    const broken = await openPushTarget('lost', 'push', { ...runtime.collection, store: failing, configuredSources: [] });
    await expect(broken([post('lost', 'l1')])).rejects.toThrow(/NOT NULL/);
    expect(await runtime.store.getSource('lost')).toBeUndefined();
    expect((await push('lost', 'file')).inserted).toBe(1);
    expect(await runtime.store.getSource('lost')).toMatchObject({ type: 'file', origin: 'push' });
  });
});
