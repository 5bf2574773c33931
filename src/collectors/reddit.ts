/**
 * Reddit subreddit `new` listings and searches through the OAuth API (application-only token).
 * Pages with `after` until posts are older than the per-listing high-water mark; re-checks the
 * recently collected posts through `/api/info` to report the ones since deleted or removed.
 */
import { z } from 'zod';
import type { RawPost } from '../domain.js';
import { requiredMatch, requiredString, urlField } from './config-fields.js';
import { decodeCursor, encodeCursor, rememberIds } from './cursor.js';
import { fetchJson } from './fetch-body.js';
import { DEFAULT_USER_AGENT } from './http.js';
import { fetchAppToken, isGone, ListingSchema, RedditPostSchema, type RedditPost } from './reddit-api.js';
import { expectShape } from './shape.js';
import type { CollectContext, Collector } from './types.js';

/** Config of a `reddit` source. */
export const RedditConfigSchema = z
  .object({
    clientId: requiredString('client id of a Reddit "script" app (reddit.com/prefs/apps)'),
    clientSecret: requiredString('secret of that app, e.g. { "env": "REDDIT_CLIENT_SECRET" }'),
    /** Reddit asks for `<platform>:<app id>:<version> (by /u/<username>)`. */
    userAgent: z.string().min(1).default(`server:koubei:0.1 ${DEFAULT_USER_AGENT.slice(DEFAULT_USER_AGENT.indexOf('('))}`),
    subreddits: z.array(requiredMatch(/^[A-Za-z0-9_]{2,21}$/, 'a subreddit name like "androiddev" (no "r/")')).default([]),
    /** Search terms; with subreddits, searched within each; without, across Reddit. */
    query: z.string().min(1).optional(),
    authUrl: urlField('the token host').default('https://www.reddit.com'),
    apiUrl: urlField('the OAuth API host').default('https://oauth.reddit.com'),
    limit: z.number().int().min(1).max(100).default(100),
    maxPages: z.number().int().positive().max(10).default(5),
    /** Re-check this many recently collected posts for deletion each run (one request). */
    recheck: z.number().int().min(0).max(100).default(100),
  })
  .strict()
  .refine((c) => c.subreddits.length > 0 || c.query, { error: 'give "subreddits", "query" or both', path: ['subreddits'] });

export type RedditConfig = z.infer<typeof RedditConfigSchema>;

/** `hw`: newest `created_utc` per listing key; `known`: recently emitted fullnames, newest first. */
const CursorSchema = z.object({ hw: z.record(z.string(), z.number()).default({}), known: z.array(z.string()).default([]) });

type Ctx = CollectContext<RedditConfig>;

function postToRaw(sourceId: string, post: RedditPost): RawPost {
  return {
    source: sourceId,
    externalId: post.name,
    text: post.selftext || post.title,
    title: post.title,
    url: `https://www.reddit.com${post.permalink}`,
    author: { id: post.author_fullname ?? post.author, handle: post.author },
    createdAt: new Date(post.created_utc * 1000).toISOString(),
    engagement: { likes: post.score, replies: post.num_comments },
  };
}

function listingUrl(config: RedditConfig, subreddit: string | undefined, after: string | undefined): string {
  const path = subreddit ? `/r/${subreddit}/${config.query ? 'search' : 'new'}` : '/search';
  const url = new URL(path, config.apiUrl);
  if (config.query) {
    url.searchParams.set('q', config.query);
    url.searchParams.set('sort', 'new');
    url.searchParams.set('t', 'all');
    if (subreddit) url.searchParams.set('restrict_sr', '1');
  }
  url.searchParams.set('limit', String(config.limit));
  // raw_json=1: bodies without the legacy HTML escaping (&amp; &lt; &gt;).
  url.searchParams.set('raw_json', '1');
  if (after) url.searchParams.set('after', after);
  return url.href;
}

/** Reads Reddit's rate-limit headers; true (and logged) when the budget is spent. */
function budgetSpent(res: Response, ctx: Ctx): boolean {
  const remaining = res.headers.get('x-ratelimit-remaining');
  if (remaining === null || Number(remaining) >= 1) return false;
  ctx.log.warn('reddit rate limit used up; stopping until the next run', {
    used: res.headers.get('x-ratelimit-used'),
    resetSeconds: res.headers.get('x-ratelimit-reset'),
  });
  return true;
}

async function getPosts(ctx: Ctx, url: string, headers: Record<string, string>): Promise<{ posts: RedditPost[]; after?: string; spent: boolean }> {
  const { data, res } = await fetchJson(ctx.fetch, url, { headers, signal: ctx.signal, what: 'a Reddit listing' });
  const listing = expectShape(ListingSchema, data, 'a Reddit Listing', url);
  const posts = listing.data.children
    .filter((child) => child.kind === 't3')
    .map((child, i) => expectShape(RedditPostSchema, child.data, `a Reddit post (t3) at children.${i}.data`, url));
  return { posts, after: listing.data.after ?? undefined, spent: budgetSpent(res, ctx) };
}

/**
 * The `reddit` collector. Cursor: `{"hw": {"<subreddit>|*": <created_utc>}, "known": ["t3_…"]}`;
 * `deleted` lists fullnames of known posts that came back `[deleted]`/`[removed]`.
 *
 * @example { "id": "reddit-acme", "type": "reddit", "config": { "clientId": "…", "clientSecret": { "env": "REDDIT_CLIENT_SECRET" }, "subreddits": ["acme"] } }
 */
export const collector: Collector<RedditConfig> = {
  type: 'reddit',
  name: 'Reddit (OAuth API)',
  configSchema: RedditConfigSchema,
  defaultSchedule: '*/10 * * * *',
  requiresConfig: [
    { name: 'clientId', description: 'Client id of a Reddit "script" app (reddit.com/prefs/apps)' },
    { name: 'clientSecret', description: 'Its secret, e.g. from REDDIT_CLIENT_SECRET' },
  ],
  async collect(ctx) {
    const { config } = ctx;
    const state = decodeCursor(ctx.cursor, CursorSchema, ctx.log) ?? { hw: {}, known: [] };
    const token = await fetchAppToken(ctx.fetch, { ...config, signal: ctx.signal });
    const headers = { authorization: `Bearer ${token}`, 'user-agent': config.userAgent };
    const known = new Set(state.known);
    const hw = { ...state.hw };
    const posts: RawPost[] = [];
    const deleted = new Set<string>();
    const seenThisRun = new Set<string>();
    let spent = false;

    for (const subreddit of config.subreddits.length ? config.subreddits : [undefined]) {
      const key = subreddit ?? '*';
      const since = state.hw[key] ?? 0;
      let after: string | undefined;
      for (let page = 0; page < config.maxPages && !spent; page += 1) {
        const result = await getPosts(ctx, listingUrl(config, subreddit, after), headers);
        spent = result.spent;
        let reachedKnown = false;
        for (const post of result.posts) {
          seenThisRun.add(post.name);
          if (known.has(post.name) && isGone(post)) deleted.add(post.name);
          if (post.created_utc <= since || known.has(post.name)) {
            reachedKnown = true;
            continue;
          }
          if (isGone(post)) continue;
          hw[key] = Math.max(hw[key] ?? 0, post.created_utc);
          posts.push(postToRaw(ctx.sourceId, post));
        }
        ctx.progress?.(posts.length);
        after = result.after;
        if (reachedKnown || !after) break;
      }
    }

    const toRecheck = state.known.filter((name) => !seenThisRun.has(name)).slice(0, config.recheck);
    if (toRecheck.length && !spent) {
      const url = new URL('/api/info', config.apiUrl);
      url.searchParams.set('id', toRecheck.join(','));
      url.searchParams.set('raw_json', '1');
      for (const post of (await getPosts(ctx, url.href, headers)).posts) if (isGone(post)) deleted.add(post.name);
    }

    const remembered = rememberIds(posts.map((p) => p.externalId), state.known, 200).filter((name) => !deleted.has(name));
    return { posts, cursor: encodeCursor({ hw, known: remembered }), deleted: [...deleted] };
  },
};
