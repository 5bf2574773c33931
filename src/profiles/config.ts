import { z } from 'zod';
import { DEFAULT_INFLUENCE, type InfluenceThresholds } from './influence.js';

/** Tags measured below 0.80 precision on test/fixtures/profiles/authors.jsonl (see docs/profiles.md). */
export const BELOW_PRECISION_FLOOR: readonly string[] = Object.freeze(['pets', 'status_luxury']);

/** Every tag id the tagger can emit. */
export const ALL_TAGS: readonly string[] = Object.freeze([
  'fitness', 'eco', 'fashion', 'outdoor_travel', 'parenting', 'pets', 'tech_enthusiast', 'foodie', 'beauty', 'gaming', 'student',
  'price_sensitive', 'premium', 'status_luxury', 'convenience', 'functional', 'emotional', 'safety_trust',
  'promoter', 'detractor', 'loyal', 'churn_risk', 'competitor_user', 'complaint_prone',
  'lifecycle_prospect', 'lifecycle_new', 'lifecycle_active', 'lifecycle_at_risk', 'lifecycle_lost',
  'kol', 'koc',
]);

/**
 * The `profiles` block of the config file. Tags that did not reach 0.80 precision on the labelled
 * set (docs/profiles.md) are off unless `enabledTags` lists them.
 */
export const ProfilesFileSchema = z
  .object({
    halfLifeDays: z.number().positive().optional(),
    minConfidence: z.number().min(0).max(1).optional(),
    // A misspelt tag would silently switch every other tag off (and a rebuild would remove them all).
    enabledTags: z.array(z.string().refine((tag) => ALL_TAGS.includes(tag), { error: (issue) => `unknown tag "${String(issue.input)}" (known: ${ALL_TAGS.join(', ')})` })).optional(),
    influence: z
      .object({ kolFollowers: z.number().int().positive(), kocFollowers: z.number().int().positive(), kocMeanEngagement: z.number().positive() })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export interface ProfilesConfig {
  /** Evidence loses half its weight after this many days. */
  halfLifeDays: number;
  /** Tags below this confidence are not stored. */
  minConfidence: number;
  /** Tag ids emitted; the rest are computed and dropped. */
  enabledTags: readonly string[];
  influence: InfluenceThresholds;
}

export const DEFAULT_PROFILES_CONFIG: Readonly<ProfilesConfig> = Object.freeze({
  halfLifeDays: 90,
  minConfidence: 0.5,
  enabledTags: ALL_TAGS.filter((t) => !BELOW_PRECISION_FLOOR.includes(t)),
  influence: DEFAULT_INFLUENCE,
});

/** Fills defaults into the parsed `profiles` block. */
export function resolveProfilesConfig(file: z.infer<typeof ProfilesFileSchema> | undefined): ProfilesConfig {
  return {
    halfLifeDays: file?.halfLifeDays ?? DEFAULT_PROFILES_CONFIG.halfLifeDays,
    minConfidence: file?.minConfidence ?? DEFAULT_PROFILES_CONFIG.minConfidence,
    enabledTags: file?.enabledTags ?? DEFAULT_PROFILES_CONFIG.enabledTags,
    influence: { ...DEFAULT_INFLUENCE, ...file?.influence },
  };
}
