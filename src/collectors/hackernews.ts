/**
 * Hacker News stories and comments through the Algolia HN Search API (`search_by_date`, newest
 * first). Incremental through `numericFilters=created_at_i>=<high-water>`; hits exactly at the
 * high-water second are remembered so they are not emitted twice.
 */
import { z } from 'zod';
import type { RawPost } from '../domain.js';
import { requiredString, urlField } from './config-fields.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { fetchJson } from './fetch-body.js';
import { htmlToText } from './html-text.js';
import { expectShape } from './shape.js';
import type { Collector } from './types.js';

/** Config of a `hackernews` source. */
export const HackerNewsConfigSchema = z
  .object({
    query: requiredString('the search terms, e.g. "acme phone"'),
    tags: z.array(z.enum(['story', 'comment'])).min(1).default(['story', 'comment']),
    baseUrl: urlField('the Algolia HN API host').default('https://hn.algolia.com'),
    /** How far back the first run looks. */
    lookbackHours: z.number().positive().max(24 * 365).default(24),
    hitsPerPage: z.number().int().min(1).max(1000).default(100),
    maxPages: z.number().int().positive().max(50).default(10),
  })
  .strict();

export type HackerNewsConfig = z.infer<typeof HackerNewsConfigSchema>;

const HitSchema = z.object({
  objectID: z.string(),
  created_at_i: z.number(),
  author: z.string().nullish(),
  title: z.string().nullish(),
  story_title: z.string().nullish(),
  story_text: z.string().nullish(),
  comment_text: z.string().nullish(),
  points: z.number().nullish(),
  num_comments: z.number().nullish(),
  _tags: z.array(z.string()).default([]),
});
type Hit = z.infer<typeof HitSchema>;

const ResponseSchema = z.object({ hits: z.array(HitSchema), page: z.number(), nbPages: z.number(), nbHits: z.number().optional() });

/** `since`: newest `created_at_i` seen; `ids`: objectIDs at exactly that second. */
const CursorSchema = z.object({ since: z.number(), ids: z.array(z.string()).default([]) });

const ITEM_URL = 'https://news.ycombinator.com/item?id=';

/** Normalises one Algolia hit (story or comment). */
export function hitToPost(sourceId: string, hit: Hit): RawPost {
  const isComment = hit._tags.includes('comment');
  const title = (isComment ? hit.story_title : hit.title) ?? undefined;
  const html = isComment ? hit.comment_text : hit.story_text;
  const text = html ? htmlToText(html) : (title ?? '');
  return {
    source: sourceId,
    externalId: hit.objectID,
    text,
    title: title ? htmlToText(title) : undefined,
    url: `${ITEM_URL}${hit.objectID}`,
    author: hit.author ? { id: hit.author, handle: hit.author } : undefined,
    createdAt: new Date(hit.created_at_i * 1000).toISOString(),
    // Algolia no longer reports points for comments; omit what the platform does not give.
    ...(hit.points != null || hit.num_comments != null
      ? { engagement: { likes: hit.points ?? undefined, replies: hit.num_comments ?? undefined } }
      : {}),
  };
}

function pageUrl(config: HackerNewsConfig, since: number, page: number): string {
  const url = new URL('/api/v1/search_by_date', config.baseUrl);
  url.searchParams.set('query', config.query);
  url.searchParams.set('tags', `(${config.tags.join(',')})`);
  url.searchParams.set('numericFilters', `created_at_i>=${since}`);
  url.searchParams.set('hitsPerPage', String(config.hitsPerPage));
  url.searchParams.set('page', String(page));
  return url.href;
}

/**
 * The `hackernews` collector. Cursor: `{"since": <unix seconds>, "ids": [objectIDs at since]}`.
 *
 * @example { "id": "hn-acme", "type": "hackernews", "config": { "query": "acme" } }
 */
export const collector: Collector<HackerNewsConfig> = {
  type: 'hackernews',
  name: 'Hacker News (Algolia search)',
  configSchema: HackerNewsConfigSchema,
  defaultSchedule: '*/10 * * * *',
  requiresConfig: [],
  async collect(ctx) {
    const { config } = ctx;
    const state = decodeCursor(ctx.cursor, CursorSchema, ctx.log) ?? {
      since: Math.floor(ctx.now().getTime() / 1000 - config.lookbackHours * 3600),
      ids: [],
    };
    const boundary = new Set(state.ids);
    const posts: RawPost[] = [];
    let newest = state.since;
    let newestIds = new Set(state.ids);

    for (let page = 0; page < config.maxPages; page += 1) {
      const url = pageUrl(config, state.since, page);
      const { data } = await fetchJson(ctx.fetch, url, { signal: ctx.signal, what: 'HN search results' });
      const result = expectShape(ResponseSchema, data, 'Algolia HN search results ({hits, page, nbPages})', url);
      for (const hit of result.hits) {
        if (hit.created_at_i === state.since && boundary.has(hit.objectID)) continue;
        if (hit.created_at_i > newest) {
          newest = hit.created_at_i;
          newestIds = new Set();
        }
        if (hit.created_at_i === newest) newestIds.add(hit.objectID);
        posts.push(hitToPost(ctx.sourceId, hit));
      }
      ctx.progress?.(posts.length);
      if (result.page + 1 >= result.nbPages) break;
      if (page + 1 === config.maxPages) {
        // Pages run newest → oldest, so what is left is older than everything taken: say so.
        ctx.log.warn('hackernews: more hits than maxPages allows; older ones in this window are skipped', {
          nbHits: result.nbHits,
          taken: posts.length,
        });
      }
    }
    return { posts, cursor: encodeCursor({ since: newest, ids: [...newestIds] }) };
  },
};
