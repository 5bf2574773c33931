/**
 * Apple App Store customer reviews, through the public iTunes RSS feed in its JSON flavour
 * (`/<country>/rss/customerreviews/page=N/id=<app>/sortby=mostrecent/json`), one storefront per
 * configured country. Apple serves at most 10 pages of 50 reviews, newest first.
 */
import { z } from 'zod';
import type { RawPost } from '../domain.js';
import { requiredMatch, urlField } from './config-fields.js';
import { decodeCursor, encodeCursor, rememberIds } from './cursor.js';
import { fetchJson } from './fetch-body.js';
import { expectShape } from './shape.js';
import { toIsoUtc } from './time.js';
import type { Collector } from './types.js';

/** Config of an `appstore` source. */
export const AppStoreConfigSchema = z
  .object({
    appId: requiredMatch(/^\d+$/, 'the numeric app id from the App Store URL (…/id<digits>)'),
    countries: z.array(requiredMatch(/^[a-z]{2}$/, 'a two-letter storefront code like "us" or "cn"')).min(1).default(['us']),
    baseUrl: urlField('the iTunes host').default('https://itunes.apple.com'),
    maxPages: z.number().int().min(1).max(10).default(10),
  })
  .strict();

export type AppStoreConfig = z.infer<typeof AppStoreConfigSchema>;

const Label = z.object({ label: z.string() });

const EntrySchema = z.object({
  id: Label,
  title: Label.optional(),
  content: Label.optional(),
  updated: Label,
  author: z.object({ name: Label, uri: Label.optional() }).optional(),
  'im:rating': Label.optional(),
  'im:version': Label.optional(),
  link: z.object({ attributes: z.object({ href: z.string() }) }).optional(),
});
type Entry = z.infer<typeof EntrySchema>;

const FeedSchema = z.object({
  feed: z.object({
    // Apple sends an object instead of an array when a page has one review, and no key when none.
    entry: z.union([z.array(EntrySchema), EntrySchema]).optional(),
  }),
});

/** Per country: newest `updated` seen and the recent review ids (for ties and edits). */
const CursorSchema = z.record(z.string(), z.object({ since: z.string(), ids: z.array(z.string()) }));

function reviewToPost(sourceId: string, entry: Entry, country: string, appId: string): RawPost {
  const rating = Number(entry['im:rating']?.label);
  const authorId = /id(\d+)/.exec(entry.author?.uri?.label ?? '')?.[1];
  return {
    source: sourceId,
    externalId: entry.id.label,
    text: entry.content?.label ?? entry.title?.label ?? '',
    title: entry.title?.label,
    url: entry.link?.attributes.href ?? `https://apps.apple.com/${country}/app/id${appId}?see-all=reviews`,
    author: entry.author ? { id: authorId ?? entry.author.name.label, name: entry.author.name.label } : undefined,
    createdAt: toIsoUtc(entry.updated.label, 'updated'),
    engagement: Number.isFinite(rating) ? { rating } : undefined,
  };
}

/**
 * The `appstore` collector. Cursor: `{"<country>": {"since": "<ISO>", "ids": ["<review id>", …]}}`;
 * paging stops at the first page reaching reviews older than `since`; known ids are skipped.
 *
 * @example { "id": "appstore-acme", "type": "appstore", "config": { "appId": "284882215", "countries": ["us", "cn"] } }
 */
export const collector: Collector<AppStoreConfig> = {
  type: 'appstore',
  name: 'Apple App Store reviews',
  configSchema: AppStoreConfigSchema,
  defaultSchedule: '0 */2 * * *',
  requiresConfig: [],
  async collect(ctx) {
    const { appId, countries, baseUrl, maxPages } = ctx.config;
    const previous = decodeCursor(ctx.cursor, CursorSchema, ctx.log) ?? {};
    const next = { ...previous };
    const posts: RawPost[] = [];

    for (const country of countries) {
      const state = previous[country];
      const seen = new Set(state?.ids ?? []);
      const fresh: RawPost[] = [];
      for (let page = 1; page <= maxPages; page += 1) {
        const url = new URL(`/${country}/rss/customerreviews/page=${page}/id=${appId}/sortby=mostrecent/json`, baseUrl).href;
        const { data } = await fetchJson(ctx.fetch, url, { signal: ctx.signal, what: 'App Store customer reviews' });
        const raw = expectShape(FeedSchema, data, 'an App Store customer reviews feed ({feed: {entry: […]}})', url).feed.entry;
        // Older feeds lead with an app-metadata entry that has no rating: not a review.
        const reviews = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((e) => e['im:rating']);
        if (reviews.length === 0) break;
        let reachedOld = false;
        for (const entry of reviews) {
          const post = reviewToPost(ctx.sourceId, entry, country, appId);
          if (state && post.createdAt < state.since) {
            reachedOld = true;
            continue;
          }
          // An edited review moves back to the top with its old id: skip it, but keep paging.
          if (!seen.has(post.externalId)) fresh.push(post);
        }
        ctx.progress?.(posts.length + fresh.length);
        if (reachedOld) break;
      }
      posts.push(...fresh);
      const newest = fresh.reduce((max, p) => (p.createdAt > max ? p.createdAt : max), state?.since ?? '');
      if (newest) next[country] = { since: newest, ids: rememberIds(fresh.map((p) => p.externalId), state?.ids ?? [], 200) };
    }
    return { posts, cursor: Object.keys(next).length ? encodeCursor(next) : ctx.cursor };
  },
};
