import { Hono } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../../errors.js';
import { createProfileService, type ProfileService } from '../../jobs/update-profiles.js';
import { resolveProfilesConfig } from '../../profiles/config.js';
import { loadTaxonomy } from '../../resources/taxonomy.js';
import type { StoredProfile } from '../../store/profile-types.js';
import type { ApiDeps } from '../deps.js';
import { parseInput } from '../validate.js';

export const LinkBody = z.object({ authorId: z.union([z.string().min(1), z.number().int().positive()]).meta({ description: 'Author id or platform:id to join with' }) }).strict();

/** The runtime's profile service, or one over the store with default settings (tests, embedded use). */
export function profileServiceOf(deps: ApiDeps): ProfileService {
  return deps.profiles ?? createProfileService({ store: deps.store, taxonomy: loadTaxonomy(), config: resolveProfilesConfig(undefined), now: deps.now });
}

/** API shape of a profile: times as ISO strings, labels from the taxonomy next to tag ids. */
export function profileBody(profile: StoredProfile): Record<string, unknown> {
  const taxonomy = loadTaxonomy();
  const iso = (ms: number) => (ms ? new Date(ms).toISOString() : null);
  return {
    profileId: profile.profileId,
    authors: profile.authors,
    influence: profile.influence,
    tags: profile.tags.map((t) => ({
      tag: t.tag,
      label: taxonomy.tags.get(t.tag)?.label,
      brand: t.brandId || null,
      confidence: t.confidence,
      evidence: t.evidence,
      firstSeen: iso(t.firstSeen),
      lastSeen: iso(t.lastSeen),
    })),
    lifecycle: profile.lifecycle.map((l) => ({ ...l, since: iso(l.since), transitions: l.transitions.map((t) => ({ ...t, at: iso(t.at) })) })),
    updatedAt: iso(profile.updatedAt),
  };
}

/**
 * `/api/authors/:id`: the profile (tags with evidence, lifecycle per brand, influence), explicit
 * identity links (`POST /:id/links`) and erasure (`DELETE /:id`, PIPL/GDPR). `:id` is an author id or
 * `platform:id`.
 */
export function authorsRoutes(deps: ApiDeps): Hono {
  const service = profileServiceOf(deps);
  return new Hono()
    .get('/:id/profile', async (c) => c.json(profileBody(await service.getProfile(c.req.param('id')))))
    .post('/:id/links', async (c) => {
      const body = await c.req.json().catch(() => {
        throw new ValidationError('request body: expected {"authorId": <author id or platform:id>}');
      });
      const { authorId } = parseInput(LinkBody, body, 'body');
      return c.json(profileBody(await service.link(c.req.param('id'), String(authorId))));
    })
    .delete('/:id', async (c) => c.json({ erased: true, ...(await service.erase(c.req.param('id'))) }));
}
