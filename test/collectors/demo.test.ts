import { describe, expect, it } from 'vitest';
import { replayDemo, TIMELINE_MINUTES, type DemoPost } from '../../src/collectors/demo-stream.js';

const posts: DemoPost[] = [0, 10, 600, 4000].map((minute, i) => ({
  id: `d${i}`,
  minute,
  platform: 'weibo',
  lang: 'zh',
  author: { id: `u${i}` },
  text: `post ${i}`,
}));

describe('demo replay', () => {
  const start = Date.parse('2026-11-22T00:00:00Z');

  it('backfills everything up to the anchor on the first run, then only what became due', () => {
    const first = replayDemo(posts, null, start, 600, 'demo');
    expect(first.posts.map((p) => p.externalId)).toEqual(['d0', 'd1', 'd2']);
    expect(first.posts[2].createdAt.slice(0, 16)).toBe('2026-11-22T00:00');
    const quiet = replayDemo(posts, first.cursor, start + 5 * 60_000, 600, 'demo');
    expect(quiet.posts).toEqual([]);
    const later = replayDemo(posts, quiet.cursor, start + (4000 - 600) * 60_000, 600, 'demo');
    expect(later.posts.map((p) => p.externalId)).toEqual(['d3']);
  });

  it('loops the timeline with new ids so a long-running demo keeps producing posts', () => {
    const first = replayDemo(posts, null, start, 600, 'demo');
    const nextCycle = replayDemo(posts, first.cursor, start + (TIMELINE_MINUTES - 600 + 20) * 60_000, 600, 'demo');
    expect(nextCycle.posts.map((p) => p.externalId)).toEqual(['d3', 'd0-c1', 'd1-c1']);
    expect(nextCycle.cursor.cycle).toBe(1);
  });
});
