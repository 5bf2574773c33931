import { createApp } from '../../src/api/app.js';
import { createProfileService } from '../../src/jobs/update-profiles.js';
import { resolveProfilesConfig } from '../../src/profiles/config.js';
import { loadTaxonomy } from '../../src/resources/taxonomy.js';
import { openDb, type Db } from '../../src/store/db.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { makeInput, makePost } from '../helpers/store.js';

export const NOW = new Date('2026-11-21T00:00:00Z');

/** A store with FreshBee/SwiftEats brands and a profile service over it (no NLP resources needed). */
export async function makeProfiles() {
  const db: Db = openDb(':memory:');
  const store: Store = createSqliteStore(db);
  await store.upsertBrands([
    { id: 'freshbee', name: 'FreshBee', aliases: ['鲜蜂'], competitors: ['swifteats'] },
    { id: 'swifteats', name: 'SwiftEats', aliases: ['速达'], competitors: ['freshbee'] },
  ]);
  const service = createProfileService({ store, taxonomy: loadTaxonomy(), config: resolveProfilesConfig(undefined), now: () => NOW });
  return { db, store, service };
}

let seq = 0;

/** Stores one post by `author` and updates that author's profile, as the collection hook does. */
export async function post(ctx: Awaited<ReturnType<typeof makeProfiles>>, author: string, text: string, label: 'pos' | 'neg' | 'neu' = 'pos', brands: string[] = [], daysAgo = 1) {
  const p = makePost({ externalId: `x${++seq}`, text, author: { id: author, handle: author, followers: 100 }, createdAt: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString() });
  await ctx.store.saveMentions([makeInput(p, label, brands)]);
  return ctx.service.updateForPosts([p], 'test');
}

export function makeTestApp(store: Store, service: ReturnType<typeof createProfileService>, required: boolean) {
  return createApp({
    store,
    profiles: service,
    auth: { required },
    searchTerms: () => [],
    ingest: async () => ({ received: 0, inserted: 0, updated: 0, unchanged: 0, duplicates: 0 }),
    ingestMaxBytes: 1024,
    now: () => NOW,
    log: () => {},
    version: 'test',
  });
}

/** Tags of `author`'s profile as a segmentation service reads them, brand-scoped ones as `tag@brand`. */
export async function tagsOf(ctx: Awaited<ReturnType<typeof makeProfiles>>, author: string): Promise<string[]> {
  const profile = await ctx.service.getProfile(`test:${author}`);
  return profile.tags.map((t) => (t.brandId ? `${t.tag}@${t.brandId}` : t.tag));
}
