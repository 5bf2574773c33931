/**
 * Reddit subreddit `new` listings and searches through the OAuth API (application-only token).
 * Pages with `after` until posts are older than the per-listing high-water mark; paging cut short
 * (`maxPages`, rate limit) is resumed on the next run. Re-checks the recently collected posts
 * through `/api/info` to report the ones since deleted or removed.
 */
import { z } from 'zod';
import type { RawPost } from '../domain.js';
import { requiredMatch, requiredString, urlField } from './config-fields.js';
import { decodeCursor, encodeCursor, rememberIds } from './cursor.js';
import { DEFAULT_USER_AGENT } from './http.js';
import { fetchAppToken, getPosts, isGone, listingUrl, type RedditPost, type RedditRequest } from './reddit-api.js';
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

/**
 * Where paging of a listing stopped short of the high-water mark before it: the posts after `after`
 * down to `until` (created_utc) are still to collect.
 */
const BacklogSchema = z.object({ after: z.string(), until: z.number() });
type Backlog = z.infer<typeof BacklogSchema>;

/** `hw`: newest `created_utc` per listing key; `known`: recently emitted fullnames, newest first; `backlog`: per listing key. */
const CursorSchema = z.object({
  hw: z.record(z.string(), z.number()).default({}),
  known: z.array(z.string()).default([]),
  backlog: z.record(z.string(), BacklogSchema).default({}),
});

/** What every listing of one run shares: the requests, what earlier runs emitted, what this run found. */
interface Run {
  ctx: CollectContext<RedditConfig>;
  req: RedditRequest;
  known: Set<string>;
  deleted: Set<string>;
  seen: Set<string>;
  spent: boolean;
  taken: number;
}

/** A walk down a listing: posts kept, pages used, how it ended; when stopped, `after` to resume from and the `oldest` created_utc seen. */
interface Walk {
  posts: RedditPost[];
  pages: number;
  end: 'boundary' | 'listing-end' | 'stopped';
  after?: string;
  oldest?: number;
}

const isoUtc = (seconds: number) => new Date(seconds * 1000).toISOString();

function postToRaw(sourceId: string, post: RedditPost): RawPost {
  return {
    source: sourceId,
    externalId: post.name,
    text: post.selftext || post.title,
    title: post.title,
    url: `https://www.reddit.com${post.permalink}`,
    author: { id: post.author_fullname ?? post.author, handle: post.author },
    createdAt: isoUtc(post.created_utc),
    engagement: { likes: post.score, replies: post.num_comments },
  };
}

/**
 * Pages down a listing from `after` (the top when undefined) until a post at or before `until` or
 * already known, the listing's end, `budget` pages or a spent rate limit, whichever comes first.
 */
async function walk(run: Run, subreddit: string | undefined, after: string | undefined, until: number, budget: number): Promise<Walk> {
  const posts: RedditPost[] = [];
  let oldest: number | undefined;
  for (let page = 1; page <= budget; page += 1) {
    const result = await getPosts(run.req, listingUrl(run.ctx.config, subreddit, after));
    run.spent = result.spent;
    let reachedKnown = false;
    for (const post of result.posts) {
      run.seen.add(post.name);
      oldest = post.created_utc;
      if (run.known.has(post.name) && isGone(post)) run.deleted.add(post.name);
      if (post.created_utc <= until || run.known.has(post.name)) {
        reachedKnown = true;
        continue;
      }
      if (!isGone(post)) posts.push(post);
    }
    run.ctx.progress?.(run.taken + posts.length);
    after = result.after;
    if (reachedKnown) return { posts, pages: page, end: 'boundary' };
    if (!after) return { posts, pages: page, end: 'listing-end' };
    if (run.spent) return { posts, pages: page, end: 'stopped', after, oldest };
  }
  return { posts, pages: budget, end: 'stopped', after, oldest };
}

/**
 * One listing's share of a run: first the backlog a run cut short left behind, then, with the pages
 * left, the new posts down to the high-water mark `since`. The backlog goes first so that at most
 * one gap is open per listing: new posts wait a run, none is lost. A first run (`since` 0) has no
 * mark to reach and leaves no backlog.
 */
/** What one listing gave a run, and the backlog it leaves, if any. */
type Listing = { posts: RedditPost[]; backlog?: Backlog };

async function collectListing(run: Run, key: string, subreddit: string | undefined, since: number, previous: Backlog | undefined): Promise<Listing> {
  const { config, log } = run.ctx;
  const older = previous && (await walk(run, subreddit, previous.after, previous.until, config.maxPages));
  if (previous && older?.end === 'listing-end') {
    // Reddit answers an `after` it no longer lists (post removed, past the listing's depth) with an empty page.
    log.warn('reddit: could not page back from where the last run stopped; older posts are skipped', {
      listing: key,
      after: previous.after,
      until: isoUtc(previous.until),
    });
  }
  const budget = config.maxPages - (older?.pages ?? 0);
  const fresh = older?.end !== 'stopped' && budget > 0 && !run.spent ? await walk(run, subreddit, undefined, since, budget) : undefined;
  const posts = [...(fresh?.posts ?? []), ...(older?.posts ?? [])];
  run.taken += posts.length;
  if (older?.end === 'stopped') return leaveBacklog(run, key, posts, older, previous!.until);
  if (fresh?.end === 'stopped' && since > 0) return leaveBacklog(run, key, posts, fresh, since);
  return { posts };
}

/** The backlog a walk stopped short leaves for the next run, said in a warning: how far it got, down to where it goes on. */
function leaveBacklog(run: Run, key: string, posts: RedditPost[], stopped: Walk, until: number): Listing {
  run.ctx.log.warn("reddit: stopped paging before reaching the last run's posts; the rest follows next run", {
    listing: key,
    taken: posts.length,
    reached: stopped.oldest === undefined ? undefined : isoUtc(stopped.oldest),
    until: isoUtc(until),
  });
  return { posts, backlog: { after: stopped.after!, until } };
}

/**
 * The `reddit` collector. Cursor: `{"hw": {"<subreddit>|*": <created_utc>}, "known": ["t3_…"],
 * "backlog": {"<subreddit>|*": {"after": "t3_…", "until": <created_utc>}}}` (backlog only while one is open);
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
    const state = decodeCursor(ctx.cursor, CursorSchema, ctx.log) ?? { hw: {}, known: [], backlog: {} };
    const token = await fetchAppToken(ctx.fetch, { ...config, signal: ctx.signal });
    const req = { fetch: ctx.fetch, headers: { authorization: `Bearer ${token}`, 'user-agent': config.userAgent }, signal: ctx.signal, log: ctx.log };
    const run: Run = { ctx, req, known: new Set(state.known), deleted: new Set(), seen: new Set(), spent: false, taken: 0 };
    const hw = { ...state.hw };
    const backlog = { ...state.backlog };
    const posts: RawPost[] = [];

    for (const subreddit of config.subreddits.length ? config.subreddits : [undefined]) {
      if (run.spent) break;
      const key = subreddit ?? '*';
      const listing = await collectListing(run, key, subreddit, state.hw[key] ?? 0, state.backlog[key]);
      for (const post of listing.posts) {
        hw[key] = Math.max(hw[key] ?? 0, post.created_utc);
        posts.push(postToRaw(ctx.sourceId, post));
      }
      if (listing.backlog) backlog[key] = listing.backlog;
      else delete backlog[key];
    }

    const toRecheck = state.known.filter((name) => !run.seen.has(name)).slice(0, config.recheck);
    if (toRecheck.length && !run.spent) {
      const url = new URL('/api/info', config.apiUrl);
      url.searchParams.set('id', toRecheck.join(','));
      url.searchParams.set('raw_json', '1');
      for (const post of (await getPosts(req, url.href)).posts) if (isGone(post)) run.deleted.add(post.name);
    }

    const remembered = rememberIds(posts.map((p) => p.externalId), state.known, 200).filter((name) => !run.deleted.has(name));
    const cursor = { hw, known: remembered, ...(Object.keys(backlog).length ? { backlog } : {}) };
    return { posts, cursor: encodeCursor(cursor), deleted: [...run.deleted] };
  },
};
