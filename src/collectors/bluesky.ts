/**
 * Bluesky post search (`app.bsky.feed.searchPosts`, newest first) with an app-password session
 * (`com.atproto.server.createSession`). Pages with `cursor` until it reaches posts indexed before
 * the previous run's high-water mark, which is also sent as `since`.
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

/** `since`: newest `indexedAt` seen (ISO); `uris`: posts indexed at exactly that instant. */
const CursorSchema = z.object({ since: z.string(), uris: z.array(z.string()).default([]) });

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

/**
 * The `bluesky` collector. Cursor: `{"since": "<ISO indexedAt>", "uris": ["at://…"]}`.
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
    const boundary = new Set(state.uris);
    const headers = { authorization: `Bearer ${await createSession(ctx)}` };
    const posts: RawPost[] = [];
    let newest = state.since;
    let newestUris = new Set(state.uris);
    let pageCursor: string | undefined;

    for (let page = 0; page < config.maxPages; page += 1) {
      const url = new URL('/xrpc/app.bsky.feed.searchPosts', config.service);
      const params = { q: config.query, sort: 'latest', since: state.since, limit: String(config.limit), lang: config.lang, cursor: pageCursor };
      for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
      const { data } = await fetchJson(ctx.fetch, url.href, { headers, signal: ctx.signal, what: 'Bluesky search results' });
      const result = expectShape(SearchSchema, data, 'Bluesky searchPosts output ({posts, cursor})', url.href);
      let reachedOld = false;
      for (const view of result.posts) {
        const indexedAt = tryIsoUtc(view.indexedAt) ?? state.since;
        if (indexedAt < state.since || (indexedAt === state.since && boundary.has(view.uri))) {
          reachedOld = true;
          continue;
        }
        if (indexedAt > newest) [newest, newestUris] = [indexedAt, new Set()];
        if (indexedAt === newest) newestUris.add(view.uri);
        posts.push(postViewToPost(ctx.sourceId, view));
      }
      ctx.progress?.(posts.length);
      pageCursor = result.cursor;
      if (reachedOld || !pageCursor || result.posts.length === 0) break;
    }
    return { posts, cursor: encodeCursor({ since: newest, uris: [...newestUris] }) };
  },
};
