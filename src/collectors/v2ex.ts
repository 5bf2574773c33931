/**
 * V2EX topics and replies of chosen nodes. New topics are those above the node's highest topic
 * id seen; replies are fetched only for topics whose reply count grew, starting at the page that
 * holds the first unseen reply. A per-run request budget keeps us inside V2EX's hourly limits.
 */
import { z } from 'zod';
import type { RawPost } from '../domain.js';
import { requiredMatch, urlField } from './config-fields.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { htmlToText } from './html-text.js';
import type { Collector, CollectContext } from './types.js';
import { createV2exClient, type V2exClient, type V2exReply, type V2exTopic } from './v2ex-api.js';

/** Config of a `v2ex` source. */
export const V2exConfigSchema = z
  .object({
    nodes: z
      .array(requiredMatch(/^[a-z0-9_-]+$/i, 'a node name like "apple" or "programmer"'), { error: 'required: node names, e.g. ["apple"]' })
      .min(1, { error: 'needs at least one node name, e.g. ["apple"]' }),
    /** Personal access token (v2ex.com/settings/tokens) for API 2.0; without it the public v1 endpoints are used. */
    token: z.string().min(1).optional(),
    baseUrl: urlField('the V2EX host').default('https://www.v2ex.com'),
    includeReplies: z.boolean().default(true),
    /** Topic-list pages per node (API 2.0 only; v1 has one). */
    maxPages: z.number().int().positive().max(10).default(1),
    /** Requests this source may make per run (v1 allows 120/hour per IP, API 2.0 600/hour). */
    maxRequests: z.number().int().positive().default(30),
  })
  .strict();

export type V2exConfig = z.infer<typeof V2exConfigSchema>;

/** `topics`: highest topic id per node; `threads`: reply count and last reply id per topic. */
const CursorSchema = z.object({
  topics: z.record(z.string(), z.number()).default({}),
  threads: z.record(z.string(), z.object({ n: z.number(), r: z.number() })).default({}),
  perPage: z.number().int().positive().default(20),
});
type Cursor = z.infer<typeof CursorSchema>;

/** Threads remembered; older topics rarely get replies and are re-read in full if they do. */
const MAX_THREADS = 300;

function bodyText(item: { content: string; content_rendered?: string | null }): string {
  return item.content_rendered ? htmlToText(item.content_rendered) : item.content.trim();
}

function topicPost(sourceId: string, base: string, topic: V2exTopic): RawPost {
  return {
    source: sourceId,
    externalId: `topic:${topic.id}`,
    title: topic.title,
    text: bodyText(topic) || topic.title,
    url: `${base}/t/${topic.id}`,
    author: topic.member ? { id: String(topic.member.id), handle: topic.member.username } : undefined,
    createdAt: new Date(topic.created * 1000).toISOString(),
    engagement: { replies: topic.replies },
  };
}

function replyPost(sourceId: string, base: string, topic: V2exTopic, reply: V2exReply): RawPost {
  return {
    source: sourceId,
    externalId: `reply:${reply.id}`,
    title: topic.title,
    text: bodyText(reply),
    url: `${base}/t/${topic.id}#r_${reply.id}`,
    author: reply.member ? { id: String(reply.member.id), handle: reply.member.username } : undefined,
    createdAt: new Date(reply.created * 1000).toISOString(),
  };
}

/** Wraps the client so every call spends budget; `undefined` means "budget spent, stop". */
function budgeted(client: V2exClient, ctx: CollectContext<V2exConfig>) {
  let left = ctx.config.maxRequests;
  let warned = false;
  return async <T>(call: (c: V2exClient) => Promise<T>): Promise<T | undefined> => {
    const remaining = client.remaining();
    if (left <= 0 || (remaining !== undefined && remaining <= 1)) {
      if (!warned) ctx.log.warn('v2ex: request budget for this run spent; the rest waits for the next run', { remaining, maxRequests: ctx.config.maxRequests });
      warned = true;
      return undefined;
    }
    left -= 1;
    return call(client);
  };
}

/**
 * The `v2ex` collector. Cursor: `{"topics": {"<node>": <max topic id>}, "threads": {"<topic id>": {"n": <replies seen>, "r": <last reply id>}}, "perPage": 20}`.
 *
 * @example { "id": "v2ex-apple", "type": "v2ex", "config": { "nodes": ["apple"], "token": { "env": "V2EX_TOKEN" } } }
 */
export const collector: Collector<V2exConfig> = {
  type: 'v2ex',
  name: 'V2EX nodes',
  configSchema: V2exConfigSchema,
  defaultSchedule: '*/30 * * * *',
  requiresConfig: [{ name: 'token', description: 'Optional V2EX personal access token (API 2.0, higher limits)' }],
  async collect(ctx) {
    const { config } = ctx;
    const base = config.baseUrl.replace(/\/$/, '');
    const prev: Cursor = decodeCursor(ctx.cursor, CursorSchema, ctx.log) ?? { topics: {}, threads: {}, perPage: 20 };
    const next: Cursor = { topics: { ...prev.topics }, threads: { ...prev.threads }, perPage: prev.perPage };
    const call = budgeted(createV2exClient({ fetch: ctx.fetch, baseUrl: base, token: config.token, signal: ctx.signal }), ctx);
    const posts: RawPost[] = [];

    for (const node of config.nodes) {
      for (let page = 1; page <= config.maxPages; page += 1) {
        const topics = await call((c) => c.topics(node, page));
        if (!topics?.length) break;
        for (const listed of topics) {
          let topic = listed;
          if (listed.id > (prev.topics[node] ?? 0)) {
            // API 2.0 lists topics without their author; the detail call has it.
            if (!topic.member && config.token) topic = (await call((c) => c.topic(listed.id))) ?? listed;
            posts.push(topicPost(ctx.sourceId, base, topic));
            next.topics[node] = Math.max(next.topics[node] ?? 0, topic.id);
          }
          const seen = prev.threads[topic.id] ?? { n: 0, r: 0 };
          if (!config.includeReplies || topic.replies <= seen.n) continue;
          let lastReply = seen.r;
          let complete = true;
          for (let p = Math.floor(seen.n / next.perPage) + 1; ; p += 1) {
            const result = await call((c) => c.replies(topic.id, p));
            if (!result) { complete = false; break; }
            if (result.perPage) next.perPage = result.perPage;
            for (const reply of result.replies.filter((r) => r.id > seen.r)) {
              posts.push(replyPost(ctx.sourceId, base, topic, reply));
              lastReply = Math.max(lastReply, reply.id);
            }
            if (p >= result.pages || result.replies.length === 0) break;
          }
          // A thread cut short by the budget is left as it was, so the next run resumes it.
          if (complete) next.threads[topic.id] = { n: topic.replies, r: lastReply };
        }
        ctx.progress?.(posts.length);
      }
    }
    const kept = Object.keys(next.threads).map(Number).sort((a, b) => b - a).slice(0, MAX_THREADS);
    next.threads = Object.fromEntries(kept.map((id) => [String(id), next.threads[id]]));
    return { posts, cursor: encodeCursor(next) };
  },
};
