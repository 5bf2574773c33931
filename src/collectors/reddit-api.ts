/**
 * Reddit API plumbing for the `reddit` collector: the application-only OAuth token
 * (client-credentials grant), listing shapes and the deleted/removed markers.
 */
import { z } from 'zod';
import { UpstreamError } from '../errors.js';
import { fetchJson } from './fetch-body.js';
import { expectShape } from './shape.js';

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
