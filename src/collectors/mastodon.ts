/**
 * Mastodon hashtag and public timelines of any instance. First run reads the newest pages
 * (following `rel="next"`, older); later runs ask for `min_id=<newest seen>` and walk
 * `rel="prev"` (newer) so nothing between runs is skipped, even past `maxPages`.
 */
import { z } from 'zod';
import type { RawPost } from '../domain.js';
import { urlField } from './config-fields.js';
import { compareNumericIds, decodeCursor, encodeCursor } from './cursor.js';
import { declaredLang } from './declared-lang.js';
import { fetchJson } from './fetch-body.js';
import { htmlToText } from './html-text.js';
import { matchesKeywords } from './keywords.js';
import { parseLinkHeader } from './link-header.js';
import { expectShape } from './shape.js';
import { toIsoUtc } from './time.js';
import type { Collector, CollectContext } from './types.js';

/** Config of a `mastodon` source. */
export const MastodonConfigSchema = z
  .object({
    instance: urlField('the instance base URL, e.g. "https://mastodon.social"').default('https://mastodon.social'),
    timeline: z.enum(['tag', 'public']).default('tag'),
    /** Hashtag without `#`, required for `timeline: "tag"`. */
    tag: z.string().min(1).transform((t) => t.replace(/^#/, '')).optional(),
    /** Only statuses of the instance's own users. */
    local: z.boolean().default(false),
    accessToken: z.string().min(1).optional(),
    keywords: z.array(z.string().min(1)).optional(),
    maxPages: z.number().int().positive().max(50).default(5),
    /** Stop paging when `X-RateLimit-Remaining` drops to this. */
    minRateLimitRemaining: z.number().int().nonnegative().default(5),
  })
  .strict()
  .refine((c) => c.timeline !== 'tag' || c.tag, { error: 'required when "timeline" is "tag": the hashtag, e.g. "acme"', path: ['tag'] });

export type MastodonConfig = z.infer<typeof MastodonConfigSchema>;

const AccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  display_name: z.string().optional(),
  followers_count: z.number().optional(),
});

const StatusSchema = z.object({
  id: z.string(),
  created_at: z.string(),
  url: z.string().nullish(),
  uri: z.string(),
  content: z.string(),
  spoiler_text: z.string().default(''),
  language: z.string().nullish(),
  replies_count: z.number().default(0),
  reblogs_count: z.number().default(0),
  favourites_count: z.number().default(0),
  reblog: z.unknown().nullish(),
  account: AccountSchema,
});
type Status = z.infer<typeof StatusSchema>;

const CursorSchema = z.object({ minId: z.string() });

const PAGE_LIMIT = 40;

/** Normalises one status; `acct` of local users is qualified with the instance host. */
export function statusToPost(sourceId: string, status: Status, instanceHost: string): RawPost {
  const { account } = status;
  const handle = account.acct.includes('@') ? account.acct : `${account.acct}@${instanceHost}`;
  const body = htmlToText(status.content);
  return {
    source: sourceId,
    externalId: status.id,
    // A content warning is part of what the author said, so it leads the text.
    text: status.spoiler_text ? `${status.spoiler_text}\n\n${body}` : body,
    url: status.url ?? status.uri,
    author: { id: account.id, handle, name: account.display_name || account.username, followers: account.followers_count },
    createdAt: toIsoUtc(status.created_at, 'created_at'),
    ...(declaredLang(status.language) ? { lang: declaredLang(status.language) } : {}),
    engagement: { likes: status.favourites_count, replies: status.replies_count, reposts: status.reblogs_count },
  };
}

function firstPageUrl(config: MastodonConfig, minId: string | undefined): string {
  const path = config.timeline === 'tag' ? `/api/v1/timelines/tag/${encodeURIComponent(config.tag!)}` : '/api/v1/timelines/public';
  const url = new URL(path, config.instance);
  url.searchParams.set('limit', String(PAGE_LIMIT));
  if (config.local) url.searchParams.set('local', 'true');
  if (minId) url.searchParams.set('min_id', minId);
  return url.href;
}

/** True (and logged) when the instance says we are about to run out of requests. */
function rateLimitLow(res: Response, ctx: CollectContext<MastodonConfig>): boolean {
  const remaining = Number(res.headers.get('x-ratelimit-remaining'));
  if (res.headers.get('x-ratelimit-remaining') === null || !Number.isFinite(remaining)) return false;
  if (remaining > ctx.config.minRateLimitRemaining) return false;
  ctx.log.warn('mastodon rate limit nearly used up; stopping paging until the next run', {
    remaining,
    reset: res.headers.get('x-ratelimit-reset'),
  });
  return true;
}

/**
 * The `mastodon` collector. Cursor: `{"minId": "<newest status id seen>"}`.
 *
 * @example { "id": "masto-acme", "type": "mastodon", "config": { "instance": "https://mastodon.social", "tag": "acme" } }
 */
export const collector: Collector<MastodonConfig> = {
  type: 'mastodon',
  name: 'Mastodon timeline',
  configSchema: MastodonConfigSchema,
  defaultSchedule: '*/5 * * * *',
  requiresConfig: [{ name: 'accessToken', description: 'Optional; needed where the instance restricts public timelines' }],
  async collect(ctx) {
    const { config } = ctx;
    const previous = decodeCursor(ctx.cursor, CursorSchema, ctx.log)?.minId;
    const host = new URL(config.instance).host;
    const headers: Record<string, string> = config.accessToken ? { authorization: `Bearer ${config.accessToken}` } : {};
    // Incremental runs walk towards newer statuses (rel=prev); the first run walks back (rel=next).
    const direction = previous ? 'prev' : 'next';
    let newest = previous;
    const posts: RawPost[] = [];
    let url: string | undefined = firstPageUrl(config, previous);

    for (let page = 0; url && page < config.maxPages; page += 1) {
      const { data, res } = await fetchJson(ctx.fetch, url, { headers, signal: ctx.signal, what: 'Mastodon statuses' });
      const statuses = expectShape(z.array(StatusSchema), data, 'an array of Mastodon statuses', url);
      if (statuses.length === 0) break;
      for (const status of statuses) {
        if (!newest || compareNumericIds(status.id, newest) > 0) newest = status.id;
        if (status.reblog) continue;
        const post = statusToPost(ctx.sourceId, status, host);
        if (matchesKeywords(post.text, config.keywords)) posts.push(post);
      }
      ctx.progress?.(posts.length);
      if (rateLimitLow(res, ctx)) break;
      url = parseLinkHeader(res.headers.get('link'))[direction];
    }
    return { posts, cursor: newest ? encodeCursor({ minId: newest }) : ctx.cursor };
  },
};
