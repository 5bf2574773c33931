/**
 * V2EX endpoints behind one interface for the `v2ex` collector: API 2.0 (personal access token,
 * paged, 600 requests/hour) or the public v1 JSON endpoints (no token, 120 requests/hour per IP).
 */
import { z } from 'zod';
import { fetchJson } from './fetch-body.js';
import { expectShape } from './shape.js';

const MemberSchema = z.object({ id: z.number(), username: z.string() });

const TopicSchema = z.object({
  id: z.number(),
  title: z.string(),
  content: z.string().default(''),
  content_rendered: z.string().nullish(),
  url: z.string().optional(),
  replies: z.number().default(0),
  created: z.number(),
  member: MemberSchema.optional(),
});
export type V2exTopic = z.infer<typeof TopicSchema>;

const ReplySchema = z.object({
  id: z.number(),
  content: z.string().default(''),
  content_rendered: z.string().nullish(),
  created: z.number(),
  member: MemberSchema.optional(),
});
export type V2exReply = z.infer<typeof ReplySchema>;

/** API 2.0 wraps results: `{ success, message, result, pagination? }`. */
const v2Envelope = <T extends z.ZodType>(result: T) =>
  z.object({
    success: z.literal(true, { error: 'V2EX answered success: false' }),
    result,
    pagination: z.object({ per_page: z.number(), total: z.number(), pages: z.number() }).optional(),
  });

/** One page of replies, with the page count when the API says it. */
export interface ReplyPage {
  replies: V2exReply[];
  pages: number;
  perPage?: number;
}

/** The calls the collector makes; each costs one request of the hourly budget. */
export interface V2exClient {
  topics(node: string, page: number): Promise<V2exTopic[]>;
  topic(id: number): Promise<V2exTopic>;
  replies(topicId: number, page: number): Promise<ReplyPage>;
  /** `X-Rate-Limit-Remaining` of the last response, when sent. */
  remaining(): number | undefined;
}

/** Options of {@link createV2exClient}. */
export interface V2exClientOptions {
  fetch: typeof fetch;
  baseUrl: string;
  token?: string;
  signal: AbortSignal;
}

/**
 * Creates a client for API 2.0 when `token` is set, else for the public v1 endpoints (which have
 * no paging: page 1 returns everything they offer and later pages return nothing).
 */
export function createV2exClient({ fetch: fetchFn, baseUrl, token, signal }: V2exClientOptions): V2exClient {
  let remaining: number | undefined;
  const get = async <T>(path: string, schema: z.ZodType<T>, what: string): Promise<T> => {
    const url = new URL(path, baseUrl).href;
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const { data, res } = await fetchJson(fetchFn, url, { headers, signal, what: `V2EX ${what}` });
    const header = res.headers.get('x-rate-limit-remaining');
    remaining = header === null ? undefined : Number(header);
    return expectShape(schema, data, `V2EX ${what}`, url);
  };
  const q = encodeURIComponent;

  if (token) {
    return {
      topics: async (node, page) => (await get(`/api/v2/nodes/${q(node)}/topics?p=${page}`, v2Envelope(z.array(TopicSchema)), 'node topics')).result,
      topic: async (id) => (await get(`/api/v2/topics/${id}`, v2Envelope(TopicSchema), 'topic')).result,
      replies: async (topicId, page) => {
        const body = await get(`/api/v2/topics/${topicId}/replies?p=${page}`, v2Envelope(z.array(ReplySchema)), 'topic replies');
        return { replies: body.result, pages: body.pagination?.pages ?? page, perPage: body.pagination?.per_page };
      },
      remaining: () => remaining,
    };
  }
  return {
    topics: async (node, page) => (page > 1 ? [] : get(`/api/topics/show.json?node_name=${q(node)}`, z.array(TopicSchema), 'node topics')),
    topic: async (id) => {
      const [topic] = await get(`/api/topics/show.json?id=${id}`, z.array(TopicSchema).min(1), 'topic');
      return topic;
    },
    replies: async (topicId, page) => ({
      replies: page > 1 ? [] : await get(`/api/replies/show.json?topic_id=${topicId}`, z.array(ReplySchema), 'topic replies'),
      pages: 1,
    }),
    remaining: () => remaining,
  };
}
