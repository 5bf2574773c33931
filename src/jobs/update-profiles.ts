import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../collectors/types.js';
import type { RawPost } from '../domain.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { ProfilesConfig } from '../profiles/config.js';
import { pseudonymKey } from '../profiles/pseudonymize.js';
import { tagProfile } from '../profiles/tagger.js';
import type { Taxonomy } from '../profiles/taxonomy.js';
import { loadChineseConverter } from '../resources/language.js';
import type { AuthorRecord, ChangeSummary, StoredProfile } from '../store/profile-types.js';
import type { Store } from '../store/types.js';

export interface ProfileServiceDeps {
  store: Store;
  taxonomy: Taxonomy;
  config: ProfilesConfig;
  now: () => Date;
  /** Secret for HMAC author keys when authors are pseudonymised; `platform:id` refs are hashed with it. */
  pseudonymKey?: string;
}

/** Profile jobs shared by the collection hook, the API and the CLI. */
export interface ProfileService {
  /** Recomputes the profiles of the authors of freshly stored posts. */
  updateForPosts(posts: RawPost[], platform: string): Promise<ChangeSummary>;
  updateProfiles(profileIds: number[]): Promise<ChangeSummary>;
  /** Recomputes the profiles of the authors of posts a platform reported deleted (they stop being evidence). */
  updateForDeleted(sourceId: string, externalIds: string[]): Promise<ChangeSummary>;
  /** Recomputes every profile (also applies time decay to profiles nobody posted to). */
  rebuild(): Promise<ChangeSummary & { profiles: number }>;
  /** By author id or `platform:platformId`; NotFoundError when unknown. */
  findAuthor(ref: string): Promise<AuthorRecord>;
  getProfile(ref: string): Promise<StoredProfile>;
  link(refA: string, refB: string): Promise<StoredProfile>;
  erase(ref: string): Promise<{ authorId: number; mentions: number }>;
  /** Deletes mentions older than `retentionDays`, then recomputes the profiles that lost some. */
  purge(retentionDays: number): Promise<{ mentions: number; profiles: number }>;
}

const add = (a: ChangeSummary, b: ChangeSummary): ChangeSummary => ({ added: a.added + b.added, updated: a.updated + b.updated, removed: a.removed + b.removed });
const NONE: ChangeSummary = { added: 0, updated: 0, removed: 0 };

/**
 * Wires the pure tagger to the store: load a profile's mentions, tag them, save the diff (which
 * writes the change feed).
 */
export function createProfileService(deps: ProfileServiceDeps): ProfileService {
  const { store } = deps;
  const enabled = new Set(deps.config.enabledTags);
  const simplify = loadChineseConverter();

  async function updateProfiles(ids: number[]): Promise<ChangeSummary> {
    const brands = await store.listBrands();
    const competitors = new Map(brands.map((b) => [b.id, b.competitors]));
    const brandAliases = new Map(brands.map((b) => [b.id, [b.name, ...b.aliases]]));
    const now = deps.now().getTime();
    let summary = NONE;
    for (const id of ids) {
      const source = await store.profiles.loadSource(id);
      if (!source) continue;
      const profile = tagProfile(source, { taxonomy: deps.taxonomy, now, halfLifeDays: deps.config.halfLifeDays, minConfidence: deps.config.minConfidence, enabledTags: enabled, competitors, brandAliases, influence: deps.config.influence, simplify });
      summary = add(summary, await store.profiles.saveProfile(id, profile, now));
    }
    return summary;
  }

  async function findAuthor(ref: string): Promise<AuthorRecord> {
    const colon = ref.indexOf(':');
    const key = deps.pseudonymKey && colon > 0 && !ref.slice(colon + 1).startsWith('h_') ? `${ref.slice(0, colon)}:${pseudonymKey(deps.pseudonymKey, ref.slice(0, colon), ref.slice(colon + 1))}` : ref;
    const author = await store.profiles.findAuthor(key);
    if (!author) throw new NotFoundError(`author "${ref}" not found (expected an author id or platform:id)`);
    return author;
  }

  async function getProfile(ref: string): Promise<StoredProfile> {
    const author = await findAuthor(ref);
    let profile = await store.profiles.getProfile(author.profileId);
    if (!profile) await updateProfiles([author.profileId]), (profile = await store.profiles.getProfile(author.profileId));
    if (!profile) throw new NotFoundError(`author "${ref}" has no profile`);
    return profile;
  }

  return {
    updateForDeleted: async (sourceId, externalIds) => updateProfiles(await store.profiles.profileIdsOfMentions(sourceId, externalIds)),
    updateForPosts: async (posts, platform) => {
      const keys = posts.filter((p) => p.author).map((p) => ({ platform, platformId: p.author!.id }));
      return keys.length ? updateProfiles(await store.profiles.profileIdsFor(keys)) : NONE;
    },
    updateProfiles,
    rebuild: async () => {
      let summary = NONE;
      let profiles = 0;
      for (let after = 0, ids: number[]; (ids = await store.profiles.listProfileIds(after, 500)).length; after = ids[ids.length - 1]) {
        summary = add(summary, await updateProfiles(ids));
        profiles += ids.length;
      }
      return { ...summary, profiles };
    },
    findAuthor,
    getProfile,
    link: async (refA, refB) => {
      const [a, b] = [await findAuthor(refA), await findAuthor(refB)];
      // "Linked" would read as two accounts of one person having been merged; nothing was.
      if (a.id === b.id) throw new ValidationError(`authors "${refA}" and "${refB}" are the same author (id ${a.id}): link two different accounts`);
      const id = await store.profiles.link(a.id, b.id, deps.now().getTime());
      await updateProfiles([id]);
      return (await store.profiles.getProfile(id))!;
    },
    erase: async (ref) => {
      const author = await findAuthor(ref);
      const result = await store.profiles.eraseAuthor(author.id, deps.now().getTime());
      await updateProfiles(result.affectedProfiles);
      return { authorId: author.id, mentions: result.mentions };
    },
    purge: async (retentionDays) => {
      const now = deps.now().getTime();
      const result = await store.profiles.purgeBefore(now - retentionDays * 86_400_000, now);
      await updateProfiles(result.affectedProfiles);
      return { mentions: result.mentions, profiles: result.affectedProfiles.length };
    },
  };
}

export interface MaintenanceOptions {
  timezone: string;
  retentionDays?: number;
  log: Logger;
  /** Cron expression; default 03:17 daily, off the hour when other jobs tend to run. */
  schedule?: string;
}

/**
 * Daily maintenance: the retention purge (when `retentionDays` is set), then a full profile rebuild
 * so decayed tags drop out and the change feed reports them.
 */
export function createProfileMaintenance(service: ProfileService, options: MaintenanceOptions): ScheduledTask {
  return cron.createTask(
    options.schedule ?? '17 3 * * *',
    async () => {
      if (options.retentionDays) {
        const purged = await service.purge(options.retentionDays);
        options.log.info('retention purge', { retentionDays: options.retentionDays, ...purged });
      }
      const rebuilt = await service.rebuild();
      options.log.info('profiles rebuilt', { ...rebuilt });
    },
    { name: 'profiles:maintenance', timezone: options.timezone, noOverlap: true },
  );
}
