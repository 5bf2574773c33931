/**
 * Bluesky post search (`app.bsky.feed.searchPosts`, newest first) with an app-password session
 * (`com.atproto.server.createSession`). Pages with `cursor` until it reaches posts indexed before
 * the previous run's high-water mark, which is also sent as `since`. Paging cut short by `maxPages`
 * leaves the rest as a time window (`since`..`until`) that the next run reads first.
 */
import { z } from 'zod';
import { UpstreamError } from '../errors.js';
import type { RawPost } from '../domain.js';
import { requiredString, urlField } from './config-fields.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { declaredLang } from './declared-lang.js';
import { fetchJson } from './fetch-body.js';
import { expectShape } from './shape.js';
import { tryIsoUtc } from './time.js';
import type { Collector, CollectContext } from './types.js';

/** Config of a `bluesky` source. */
export const BlueskyConfigSchema = z
  .object({
    identifier: requiredString('the handle or DID, e.g. "acme.bsky.social"'),
    appPassword: requiredString('an app password (Settings → Privacy and security → App passwords)'),
    query: requiredString('the search terms (Lucene-like syntax), e.g. "acme -giveaway"'),
    /** Only posts the author marked with this language. */
    lang: z.string().min(2).optional(),
    service: urlField('the PDS host, e.g. "https://bsky.social"').default('https://bsky.social'),
    lookbackHours: z.number().positive().max(24 * 30).default(24),
    limit: z.number().int().min(1).max(100).default(100),
    maxPages: z.number().int().positive().max(50).default(5),
  })
  .strict();

export type BlueskyConfig = z.infer<typeof BlueskyConfigSchema>;

const SessionSchema = z.object({ accessJwt: z.string().min(1), did: z.string(), handle: z.string() });

const PostViewSchema = z.object({
  uri: z.string(),
  author: z.object({ did: z.string(), handle: z.string(), displayName: z.string().optional(), followersCount: z.number().optional() }),
  record: z.object({ text: z.string().default(''), createdAt: z.string().optional(), langs: z.array(z.string()).optional() }),
  replyCount: z.number().optional(),
  repostCount: z.number().optional(),
  likeCount: z.number().optional(),
  indexedAt: z.string(),
});
type PostView = z.infer<typeof PostViewSchema>;

const SearchSchema = z.object({ cursor: z.string().optional(), posts: z.array(PostViewSchema) });

/**
 * Posts not yet read between two runs' marks, by `indexedAt`: from `since` (posts at that instant in
 * `uris` were taken before) up to `until`, the oldest post taken (those at it in `untilUris` too).
 */
const BacklogSchema = z.object({
  since: z.string(),
  uris: z.array(z.string()).default([]),
  until: z.string(),
  untilUris: z.array(z.string()).default([]),
});
type Backlog = z.infer<typeof BacklogSchema>;

/** A stretch of search to read: a backlog, or the new posts down to the high-water mark (no `until`). */
type SearchWindow = Omit<Backlog, 'until'> & { until?: string };

/** `since`: newest `indexedAt` seen (ISO); `uris`: posts indexed at exactly that instant; `backlog`: while one is open. */
const CursorSchema = z.object({ since: z.string(), uris: z.array(z.string()).default([]), backlog: BacklogSchema.optional() });

/** An instant at the newest or oldest end of the posts taken, with every post at it (ties at ms precision). */
interface Edge {
  at: string;
  uris: string[];
}

/** One walk down a window: the posts taken, pages used, whether it got to the window's end, and its edges. */
interface Walk {
  posts: RawPost[];
  pages: number;
  done: boolean;
  newest: Edge;
  oldest?: Edge;
}

/** Normalises one PostView; the web URL uses the record key, the last segment of the at:// URI. */
export function postViewToPost(sourceId: string, view: PostView): RawPost {
  const rkey = view.uri.split('/').pop();
  const lang = declaredLang(view.record.langs?.[0]);
  return {
    source: sourceId,
    externalId: view.uri,
    text: view.record.text,
    url: `https://bsky.app/profile/${view.author.handle}/post/${rkey}`,
    author: { id: view.author.did, handle: view.author.handle, name: view.author.displayName || undefined, followers: view.author.followersCount },
    // createdAt is client-supplied and can be garbage; indexedAt is the server's.
    createdAt: tryIsoUtc(view.record.createdAt) ?? tryIsoUtc(view.indexedAt)!,
    ...(lang ? { lang } : {}),
    engagement: { likes: view.likeCount, replies: view.replyCount, reposts: view.repostCount },
  };
}

async function createSession(ctx: CollectContext<BlueskyConfig>): Promise<string> {
  const url = new URL('/xrpc/com.atproto.server.createSession', ctx.config.service).href;
  try {
    const { data } = await fetchJson(ctx.fetch, url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: ctx.config.identifier, password: ctx.config.appPassword }),
      signal: ctx.signal,
      what: 'a Bluesky session',
    });
    return expectShape(SessionSchema, data, 'a Bluesky session ({accessJwt, did, handle})', url).accessJwt;
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 401) {
      throw new UpstreamError(`bluesky: createSession rejected (401); check "identifier" and "appPassword"`, 401, { cause: error });
    }
    throw error;
  }
}

/** Moves `edge` to a post at `at` that lies beyond it (`newer` or older), or adds the post to it when at the same instant. */
function extend(edge: Edge | undefined, at: string, uri: string, newer: boolean): Edge {
  if (!edge || (newer ? at > edge.at : at < edge.at)) return { at, uris: [uri] };
  return at === edge.at ? { at, uris: [...edge.uris, uri] } : edge;
}

/** One page of the search over `window`. `until` is exclusive, so it is asked 1 ms later: posts at it not yet taken stay in. */
async function searchPage(ctx: CollectContext<BlueskyConfig>, headers: Record<string, string>, window: SearchWindow, pageCursor: string | undefined) {
  const { config } = ctx;
  const url = new URL('/xrpc/app.bsky.feed.searchPosts', config.service);
  const until = window.until && new Date(Date.parse(window.until) + 1).toISOString();
  const params = { q: config.query, sort: 'latest', since: window.since, until, limit: String(config.limit), lang: config.lang, cursor: pageCursor };
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  const { data } = await fetchJson(ctx.fetch, url.href, { headers, signal: ctx.signal, what: 'Bluesky search results' });
  return expectShape(SearchSchema, data, 'Bluesky searchPosts output ({posts, cursor})', url.href);
}

/** Pages through `window` newest first until posts from before it, the last page or `budget` pages; `counted` posts came before. */
async function walk(ctx: CollectContext<BlueskyConfig>, headers: Record<string, string>, window: SearchWindow, budget: number, counted: number): Promise<Walk> {
  const posts: RawPost[] = [];
  let newest: Edge = { at: window.since, uris: window.uris };
  let oldest: Edge | undefined = window.until ? { at: window.until, uris: window.untilUris } : undefined;
  let pageCursor: string | undefined;
  for (let page = 1; page <= budget; page += 1) {
    const result = await searchPage(ctx, headers, window, pageCursor);
    let reachedOld = false;
    for (const view of result.posts) {
      const at = tryIsoUtc(view.indexedAt) ?? window.since;
      if (at < window.since || (at === window.since && window.uris.includes(view.uri))) {
        reachedOld = true;
        continue;
      }
      // Taken by the run that left this backlog.
      if (window.until && (at > window.until || (at === window.until && window.untilUris.includes(view.uri)))) continue;
      [newest, oldest] = [extend(newest, at, view.uri, true), extend(oldest, at, view.uri, false)];
      posts.push(postViewToPost(ctx.sourceId, view));
    }
    ctx.progress?.(counted + posts.length);
    pageCursor = result.cursor;
    if (reachedOld || !pageCursor || result.posts.length === 0) return { posts, pages: page, done: true, newest, oldest };
  }
  return { posts, pages: budget, done: false, newest, oldest };
}

/**
 * The `bluesky` collector. Cursor: `{"since": "<ISO indexedAt>", "uris": ["at://…"]}`, with
 * `"backlog": {"since", "uris", "until", "untilUris"}` while paging cut short has posts left to read.
 *
 * @example { "id": "bsky-acme", "type": "bluesky", "config": { "identifier": "acme.bsky.social", "appPassword": { "env": "BSKY_APP_PASSWORD" }, "query": "acme" } }
 */
export const collector: Collector<BlueskyConfig> = {
  type: 'bluesky',
  name: 'Bluesky search',
  configSchema: BlueskyConfigSchema,
  defaultSchedule: '*/15 * * * *',
  requiresConfig: [
    { name: 'identifier', description: 'Bluesky handle or DID of the account that searches' },
    { name: 'appPassword', description: 'An app password of that account, e.g. from BSKY_APP_PASSWORD' },
  ],
  async collect(ctx) {
    const { config } = ctx;
    const state = decodeCursor(ctx.cursor, CursorSchema, ctx.log) ?? {
      since: new Date(ctx.now().getTime() - config.lookbackHours * 3_600_000).toISOString(),
      uris: [],
    };
    const headers = { authorization: `Bearer ${await createSession(ctx)}` };
    // The backlog goes first, so that at most one window is ever open; new posts wait a run, none is lost.
    const older = state.backlog && (await walk(ctx, headers, state.backlog, config.maxPages, 0));
    let backlog = older && !older.done ? { ...state.backlog!, until: older.oldest!.at, untilUris: older.oldest!.uris } : undefined;
    const budget = config.maxPages - (older?.pages ?? 0);
    const top = { since: state.since, uris: state.uris, untilUris: [] };
    const fresh = !backlog && budget > 0 ? await walk(ctx, headers, top, budget, older?.posts.length ?? 0) : undefined;
    if (fresh && !fresh.done) backlog = { since: state.since, uris: state.uris, until: fresh.oldest!.at, untilUris: fresh.oldest!.uris };

    const posts = [...(fresh?.posts ?? []), ...(older?.posts ?? [])];
    if (backlog) {
      ctx.log.warn("bluesky: stopped paging before reaching the last run's posts; the rest follows next run", {
        taken: posts.length,
        reached: backlog.until,
        since: backlog.since,
      });
    }
    const newest = fresh?.newest ?? { at: state.since, uris: state.uris };
    return { posts, cursor: encodeCursor({ since: newest.at, uris: newest.uris, ...(backlog ? { backlog } : {}) }) };
  },
};
