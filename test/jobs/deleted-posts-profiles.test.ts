import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Collector } from '../../src/collectors/types.js';
import type { SourceConfig } from '../../src/config.js';
import { runCollection } from '../../src/jobs/run-collection.js';
import type { Runtime } from '../../src/runtime.js';
import { makeRuntime } from '../helpers/runtime.js';
import { describeRuntimeStores } from '../helpers/runtime-backends.js';

const AT = '2026-11-20T08:00:00Z';
/** Run 1 returns a parent's two posts; run 2 reports the one with the parenting cue deleted, as Reddit does. */
const forum: Collector<unknown> = {
  type: 'forum',
  name: 'a forum that reports deletions',
  configSchema: z.unknown(),
  defaultSchedule: '0 * * * *',
  requiresConfig: [],
  async collect(ctx) {
    const author = { id: 'chen' };
    if (!ctx.cursor) {
      return {
        posts: [
          { source: ctx.sourceId, externalId: 'e1', text: '我家宝宝最爱鲜蜂外卖的南瓜粥', createdAt: AT, author },
          { source: ctx.sourceId, externalId: 'e2', text: '今天中午点了一份黄焖鸡', createdAt: AT, author },
        ],
        cursor: 'after-first-run',
      };
    }
    return { posts: [], cursor: ctx.cursor, deleted: ['e1'] };
  },
};
const source: SourceConfig = { id: 'forum-1', type: 'forum', schedule: '0 * * * *', enabled: true, config: {} };

describeRuntimeStores('a post the platform reports deleted', (target) => {
  let runtime: Runtime;
  afterEach(() => runtime?.close());

  it('stops being profile evidence at once, not at the nightly rebuild', async () => {
    runtime = await makeRuntime(await target());
    const tags = async () => (await runtime.profiles.getProfile('forum:chen')).tags.map((t) => t.tag);
    await runCollection(source, forum, runtime.collection);
    expect(await tags()).toContain('parenting');
    await runCollection(source, forum, runtime.collection);
    expect(await tags()).not.toContain('parenting');
    const feed = await runtime.store.profiles.changes(0, 100);
    expect(feed.filter((c) => c.tag === 'parenting').map((c) => c.op)).toEqual(['added', 'removed']);
  });
});
