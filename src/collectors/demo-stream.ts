import type { RawPost } from '../domain.js';

/** One line of `data/demo/posts.jsonl`: a post placed `minute` minutes into the 72-hour timeline. */
export interface DemoPost {
  id: string;
  minute: number;
  platform: string;
  lang: string;
  author: { id: string; handle?: string; name?: string; followers?: number };
  text: string;
  url?: string;
  engagement?: RawPost['engagement'];
}

/** Replay position: when the current cycle's minute 0 was, and the last minute emitted. */
export interface DemoCursor {
  startMs: number;
  cycle: number;
  lastMinute: number;
}

export const TIMELINE_MINUTES = 72 * 60;

/**
 * Pure replay step: returns the posts due between the cursor and `nowMs`, and the next cursor.
 * On the first run the timeline is anchored so that `anchorMinute` is "now" (a backfill of
 * history); afterwards posts arrive in real time, and the timeline loops with new ids.
 */
export function replayDemo(
  posts: DemoPost[],
  cursor: DemoCursor | null,
  nowMs: number,
  anchorMinute: number,
  sourceId: string,
): { posts: RawPost[]; cursor: DemoCursor } {
  let state = cursor ?? { startMs: nowMs - anchorMinute * 60_000, cycle: 0, lastMinute: -1 };
  const due: RawPost[] = [];
  for (;;) {
    const nowMinute = Math.floor((nowMs - state.startMs) / 60_000);
    const upTo = Math.min(nowMinute, TIMELINE_MINUTES - 1);
    for (const post of posts) {
      if (post.minute > state.lastMinute && post.minute <= upTo) due.push(toRawPost(post, state, sourceId));
    }
    if (nowMinute < TIMELINE_MINUTES) return { posts: due, cursor: { ...state, lastMinute: Math.max(state.lastMinute, upTo) } };
    state = { startMs: state.startMs + TIMELINE_MINUTES * 60_000, cycle: state.cycle + 1, lastMinute: -1 };
  }
}

function toRawPost(post: DemoPost, state: DemoCursor, sourceId: string): RawPost {
  // Spread posts within their minute deterministically so ordering is stable across runs.
  const second = Number.parseInt(post.id.replace(/\D/g, '') || '0', 10) % 60;
  return {
    source: sourceId,
    externalId: state.cycle === 0 ? post.id : `${post.id}-c${state.cycle}`,
    text: post.text,
    url: post.url,
    lang: post.lang,
    author: { ...post.author, id: `${post.platform}:${post.author.id}` },
    createdAt: new Date(state.startMs + post.minute * 60_000 + second * 1000).toISOString(),
    engagement: post.engagement,
  };
}
