/**
 * YouTube comments through the Data API v3 `commentThreads.list` (API key, newest first), for one
 * video or every video of a channel. Quota-aware: each call costs 1 unit of the project's daily
 * 10 000; a run stops at `quotaBudget` units and logs what it used.
 */
import { z } from 'zod';
import type { RawPost } from '../domain.js';
import { requiredMatch, requiredString, urlField } from './config-fields.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { htmlToText } from './html-text.js';
import { expectShape } from './shape.js';
import { toIsoUtc } from './time.js';
import type { Collector } from './types.js';
import { readYouTubeJson, ThreadListSchema, type CommentThread } from './youtube-api.js';

/** Config of a `youtube` source: exactly one of `videoId` / `channelId`. */
export const YouTubeConfigSchema = z
  .object({
    apiKey: requiredString('a YouTube Data API v3 key (Google Cloud console → credentials)'),
    videoId: requiredMatch(/^[\w-]{11}$/, 'the 11-character id after watch?v=').optional(),
    channelId: requiredMatch(/^UC[\w-]{22}$/, 'a channel id: "UC" and 22 more characters').optional(),
    baseUrl: urlField('the Google APIs host').default('https://www.googleapis.com'),
    /** Units this source may spend per run (commentThreads.list costs 1 per page). */
    quotaBudget: z.number().int().positive().default(20),
    maxResults: z.number().int().min(1).max(100).default(100),
  })
  .strict()
  .refine((c) => Boolean(c.videoId) !== Boolean(c.channelId), { error: 'give exactly one of "videoId" or "channelId"', path: ['videoId'] });

export type YouTubeConfig = z.infer<typeof YouTubeConfigSchema>;

/** Units `commentThreads.list` costs per call (YouTube quota calculator). */
export const COMMENT_THREADS_COST = 1;

/** `since`: newest publishedAt seen (ISO); `ids`: comments published at exactly that instant. */
const CursorSchema = z.object({ since: z.string(), ids: z.array(z.string()).default([]) });

function threadToPost(sourceId: string, thread: CommentThread): RawPost {
  const comment = thread.snippet.topLevelComment;
  const s = comment.snippet;
  const videoId = s.videoId ?? thread.snippet.videoId;
  return {
    source: sourceId,
    externalId: comment.id,
    // textOriginal is the author's raw text, but the API only returns it to some callers.
    text: s.textOriginal ?? htmlToText(s.textDisplay),
    url: videoId ? `https://www.youtube.com/watch?v=${videoId}&lc=${comment.id}` : undefined,
    author: s.authorChannelId ? { id: s.authorChannelId.value, handle: s.authorDisplayName, name: s.authorDisplayName } : undefined,
    createdAt: toIsoUtc(s.publishedAt, 'publishedAt'),
    engagement: { likes: s.likeCount, replies: thread.snippet.totalReplyCount },
  };
}

/**
 * The `youtube` collector. Cursor: `{"since": "<ISO publishedAt>", "ids": ["<comment id>"]}`.
 *
 * @example { "id": "yt-acme-launch", "type": "youtube", "config": { "apiKey": { "env": "YOUTUBE_API_KEY" }, "videoId": "dQw4w9WgXcQ" } }
 */
export const collector: Collector<YouTubeConfig> = {
  type: 'youtube',
  name: 'YouTube comments',
  configSchema: YouTubeConfigSchema,
  defaultSchedule: '0 * * * *',
  requiresConfig: [{ name: 'apiKey', description: 'YouTube Data API v3 key, e.g. from YOUTUBE_API_KEY' }],
  async collect(ctx) {
    const { config } = ctx;
    const state = decodeCursor(ctx.cursor, CursorSchema, ctx.log);
    const boundary = new Set(state?.ids ?? []);
    const posts: RawPost[] = [];
    let newest = state?.since ?? '';
    let newestIds = new Set(state?.ids ?? []);
    let units = 0;
    let pageToken: string | undefined;

    for (;;) {
      if (units + COMMENT_THREADS_COST > config.quotaBudget) {
        ctx.log.warn('youtube: quota budget for this run reached; older comments left unread', { units, budget: config.quotaBudget });
        break;
      }
      const url = new URL('/youtube/v3/commentThreads', config.baseUrl);
      url.searchParams.set('part', 'snippet');
      url.searchParams.set(config.videoId ? 'videoId' : 'allThreadsRelatedToChannelId', (config.videoId ?? config.channelId)!);
      url.searchParams.set('maxResults', String(config.maxResults));
      url.searchParams.set('order', 'time');
      url.searchParams.set('key', config.apiKey);
      if (pageToken) url.searchParams.set('pageToken', pageToken);
      const res = await ctx.fetch(url.href, { headers: { accept: 'application/json' }, signal: ctx.signal });
      units += COMMENT_THREADS_COST;
      const page = expectShape(ThreadListSchema, await readYouTubeJson(res, url.href, ctx.now()), 'a commentThreadListResponse', url.pathname);
      let reachedOld = false;
      for (const thread of page.items) {
        const post = threadToPost(ctx.sourceId, thread);
        if (state && (post.createdAt < state.since || (post.createdAt === state.since && boundary.has(post.externalId)))) {
          reachedOld = true;
          continue;
        }
        if (post.createdAt > newest) [newest, newestIds] = [post.createdAt, new Set()];
        if (post.createdAt === newest) newestIds.add(post.externalId);
        posts.push(post);
      }
      ctx.progress?.(posts.length);
      pageToken = page.nextPageToken;
      if (reachedOld || !pageToken) break;
    }
    ctx.log.info('youtube quota used', { units });
    return { posts, cursor: newest ? encodeCursor({ since: newest, ids: [...newestIds] }) : ctx.cursor };
  },
};
