/**
 * Reddit API plumbing for the `reddit` collector: the application-only OAuth token
 * (client-credentials grant), listing URLs, pages and shapes, and the deleted/removed markers.
 */
import { z } from 'zod';
import { UpstreamError } from '../errors.js';
import { fetchJson } from './fetch-body.js';
import { expectShape } from './shape.js';
import type { Logger } from './types.js';

/** Fields of a `t3` (link/self post) we read. */
export const RedditPostSchema = z.object({
  name: z.string(),
  id: z.string(),
  title: z.string(),
  selftext: z.string().default(''),
  author: z.string(),
  author_fullname: z.string().nullish(),
  subreddit: z.string(),
  permalink: z.string(),
  created_utc: z.number(),
  score: z.number().default(0),
  num_comments: z.number().default(0),
  removed_by_category: z.string().nullish(),
});
export type RedditPost = z.infer<typeof RedditPostSchema>;

/** A Listing; children of other kinds (comments in search) are kept loosely and skipped. */
export const ListingSchema = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    after: z.string().nullish(),
    children: z.array(z.object({ kind: z.string(), data: z.unknown() })),
  }),
});

const TokenSchema = z.object({ access_token: z.string().min(1), token_type: z.string(), expires_in: z.number().optional() });

/**
 * True when Reddit reports the post gone: author or body replaced by `[deleted]` (by the user)
 * or `[removed]` (by moderators/admins), or `removed_by_category` set.
 */
export function isGone(post: RedditPost): boolean {
  return (
    post.author === '[deleted]' ||
    post.selftext === '[deleted]' ||
    post.selftext === '[removed]' ||
    post.removed_by_category != null
  );
}

/** Options of {@link fetchAppToken}. */
export interface TokenRequest {
  authUrl: string;
  clientId: string;
  clientSecret: string;
  userAgent: string;
  signal: AbortSignal;
}

/**
 * Gets an application-only bearer token: `POST /api/v1/access_token` with HTTP basic auth
 * (client id : secret) and `grant_type=client_credentials`.
 *
 * @throws UpstreamError when Reddit rejects the credentials (401, or 200 with `{"error": …}`).
 */
export async function fetchAppToken(fetchFn: typeof fetch, req: TokenRequest): Promise<string> {
  const url = new URL('/api/v1/access_token', req.authUrl).href;
  const basic = Buffer.from(`${req.clientId}:${req.clientSecret}`).toString('base64');
  let data: unknown;
  try {
    ({ data } = await fetchJson(fetchFn, url, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', 'user-agent': req.userAgent },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      signal: req.signal,
      what: 'a Reddit access token',
    }));
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 401) {
      throw new UpstreamError(`reddit: token request rejected (401); check "clientId" and "clientSecret" of the source`, 401, { cause: error });
    }
    throw error;
  }
  if (data && typeof data === 'object' && 'error' in data && !('access_token' in data)) {
    throw new UpstreamError(`reddit: expected an access token from ${url}, instead found error "${String((data as { error: unknown }).error)}"`);
  }
  return expectShape(TokenSchema, data, 'a Reddit access token', url).access_token;
}

/** What a listing request needs from the source config. */
export interface ListingQuery {
  apiUrl: string;
  query?: string;
  limit: number;
}

/** `/r/<sub>/new`, `/r/<sub>/search` or `/search` (no subreddit), newest first, from `after` on. */
export function listingUrl(config: ListingQuery, subreddit: string | undefined, after: string | undefined): string {
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
function budgetSpent(res: Response, log: Logger): boolean {
  const remaining = res.headers.get('x-ratelimit-remaining');
  if (remaining === null || Number(remaining) >= 1) return false;
  log.warn('reddit rate limit used up; stopping until the next run', {
    used: res.headers.get('x-ratelimit-used'),
    resetSeconds: res.headers.get('x-ratelimit-reset'),
  });
  return true;
}

/** The edges a Reddit API request goes through. */
export interface RedditRequest {
  fetch: typeof fetch;
  headers: Record<string, string>;
  signal: AbortSignal;
  log: Logger;
}

/** One listing page: its posts (other kinds dropped), the `after` of the next page, and whether the rate limit is spent. */
export async function getPosts(req: RedditRequest, url: string): Promise<{ posts: RedditPost[]; after?: string; spent: boolean }> {
  const { data, res } = await fetchJson(req.fetch, url, { headers: req.headers, signal: req.signal, what: 'a Reddit listing' });
  const listing = expectShape(ListingSchema, data, 'a Reddit Listing', url);
  const posts = listing.data.children
    .filter((child) => child.kind === 't3')
    .map((child, i) => expectShape(RedditPostSchema, child.data, `a Reddit post (t3) at children.${i}.data`, url));
  return { posts, after: listing.data.after ?? undefined, spent: budgetSpent(res, req.log) };
}
