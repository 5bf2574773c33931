import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { compileCueSet, type CueSet, type Negators } from './cues.js';

/**
 * The tag taxonomy (`lexicons/tags/taxonomy.json`) validated and compiled into frozen cue sets, with
 * the sensitive-category guard (`lexicons/tags/sensitive.json`) applied at load: a tag in a special
 * category, or with a cue from the sensitive word lists, is refused so it can never be emitted.
 */

const Bilingual = z.object({ zh: z.array(z.string().min(1)).default([]), en: z.array(z.string().min(1)).default([]) });
const TagGroup = z.enum(['interest', 'value', 'brand', 'behaviour', 'lifecycle', 'influence']);
const TagDef = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a snake_case tag id'),
    group: z.string(),
    label: z.object({ zh: z.string(), en: z.string() }),
    cues: Bilingual.optional(),
    weak: Bilingual.optional(),
    exclude: Bilingual.optional(),
    rule: z.string().optional(),
  })
  .strict();
const BRAND_CUE_KINDS = ['loyal', 'exit', 'risk', 'prospect', 'new', 'complaint'] as const;
export const TaxonomyFile = z.object({
  version: z.string(),
  updated: z.string().optional(),
  tags: z.array(TagDef),
  brandCues: z.object(Object.fromEntries(BRAND_CUE_KINDS.map((k) => [k, Bilingual])) as Record<(typeof BRAND_CUE_KINDS)[number], typeof Bilingual>),
  negators: Bilingual,
  /** Words holding a negator that negate nothing (不错, 不少, "no doubt"): masked before the negator check. */
  notNegations: Bilingual,
});
export const SensitiveFile = z.object({
  version: z.string(),
  categories: z.array(z.string()),
  terms: z.record(z.string(), Bilingual),
});

export type TagGroup = z.infer<typeof TagGroup>;
export type BrandCueKind = (typeof BRAND_CUE_KINDS)[number];

/** A cue-driven tag (interests, values) ready to match. */
export interface CueTag {
  id: string;
  group: 'interest' | 'value';
  strong: CueSet;
  weak: CueSet;
  exclude: string[];
}

export interface Taxonomy {
  version: string;
  /** Every tag id with its group and bilingual label. */
  tags: ReadonlyMap<string, { group: TagGroup; label: { zh: string; en: string } }>;
  cueTags: readonly CueTag[];
  brandCues: Readonly<Record<BrandCueKind, CueSet>>;
  negators: Negators;
  /** Any of these words in a mention keeps it out of every tag's evidence. */
  sensitive: CueSet;
}

/** Special categories that are never tagged, whatever the taxonomy file says. */
export const SENSITIVE_CATEGORIES: readonly string[] = Object.freeze(['health_condition', 'religion', 'politics', 'sexuality']);

const both = (b: { zh: string[]; en: string[] } | undefined) => [...(b?.zh ?? []), ...(b?.en ?? [])];

/**
 * Validates and compiles the two taxonomy files (already parsed JSON).
 *
 * @example const taxonomy = buildTaxonomy(JSON.parse(tagsJson), JSON.parse(sensitiveJson));
 */
export function buildTaxonomy(taxonomyJson: unknown, sensitiveJson: unknown): Taxonomy {
  const file = parseOrThrow(TaxonomyFile, taxonomyJson, 'lexicons/tags/taxonomy.json');
  const sensitive = parseOrThrow(SensitiveFile, sensitiveJson, 'lexicons/tags/sensitive.json');
  const sensitiveWords = new Set(Object.values(sensitive.terms).flatMap((t) => both(t).map((w) => w.toLowerCase())));
  const tags = new Map<string, { group: TagGroup; label: { zh: string; en: string } }>();
  for (const def of file.tags) {
    assertNotSensitive(def.id, def.group, [...both(def.cues), ...both(def.weak)], sensitiveWords, sensitive.categories);
    const group = TagGroup.safeParse(def.group);
    if (!group.success) throw new ConfigError(`lexicons/tags/taxonomy.json: tag "${def.id}": unknown group "${def.group}" (expected ${TagGroup.options.join(', ')})`);
    if (tags.has(def.id)) throw new ConfigError(`lexicons/tags/taxonomy.json: duplicate tag id "${def.id}"`);
    tags.set(def.id, { group: group.data, label: def.label });
  }
  const cueTags = file.tags
    .filter((d) => d.group === 'interest' || d.group === 'value')
    .map((d) => ({
      id: d.id,
      group: d.group as 'interest' | 'value',
      strong: compileCueSet(both(d.cues)),
      weak: compileCueSet(both(d.weak)),
      exclude: both(d.exclude).map((p) => p.toLowerCase()),
    }));
  const brandCues = Object.fromEntries(BRAND_CUE_KINDS.map((k) => [k, compileCueSet(both(file.brandCues[k]))])) as Record<BrandCueKind, CueSet>;
  return Object.freeze({
    version: file.version,
    tags,
    cueTags: Object.freeze(cueTags),
    brandCues: Object.freeze(brandCues),
    negators: { ...file.negators, notZh: file.notNegations.zh, notEn: file.notNegations.en },
    sensitive: compileCueSet([...sensitiveWords]),
  });
}

/** Refuses a tag in a special category or one whose cues are sensitive words. */
export function assertNotSensitive(id: string, group: string, cues: string[], sensitiveWords: ReadonlySet<string>, categories: readonly string[]): void {
  const blocked = new Set([...SENSITIVE_CATEGORIES, ...categories]);
  if (blocked.has(group) || blocked.has(id)) {
    throw new ConfigError(`lexicons/tags: tag "${id}" is in the sensitive category "${blocked.has(group) ? group : id}", which koubei never tags`);
  }
  const bad = cues.find((cue) => sensitiveWords.has(cue.toLowerCase()));
  if (bad) throw new ConfigError(`lexicons/tags: tag "${id}" uses the sensitive cue "${bad}"; special categories are never tagged`);
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, file: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ConfigError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
}
