import { brandTags } from './brand-tags.js';
import { roundConfidence, decayWeight } from './decay.js';
import { influenceOf, influenceTag, type InfluenceThresholds } from './influence.js';
import { cueTags } from './interest-tags.js';
import { brandLifecycles } from './lifecycle.js';
import { prepareMentions } from './prepare.js';
import { SENSITIVE_CATEGORIES, type Taxonomy } from './taxonomy.js';
import type { BrandLifecycle, ComputedProfile, ComputedTag, ProfileSource } from './types.js';

export interface TaggerOptions {
  taxonomy: Taxonomy;
  /** Epoch ms the decay is measured from. */
  now: number;
  halfLifeDays: number;
  minConfidence: number;
  /** Tag ids to emit; others are dropped. */
  enabledTags: ReadonlySet<string>;
  competitors: ReadonlyMap<string, readonly string[]>;
  /** Brand id → name and aliases (who was switched to, who lost a comparison). */
  brandAliases?: ReadonlyMap<string, readonly string[]>;
  influence: InfluenceThresholds;
  /**
   * Traditional → simplified (`loadChineseConverter()`). Posts and brand aliases are compared in simplified
   * script, as the cue lists are written: 確診 must hit the sensitive 确诊, and 換成速達 a switch to 速达.
   */
  simplify: (text: string) => string;
}

/**
 * Tags one profile: interests and values from cue words, brand relationships from the sentiment
 * history, lifecycle per brand, influence tier. Pure: same input and options, same output.
 *
 * @example
 * const profile = tagProfile(source, { taxonomy, now: Date.now(), halfLifeDays: 90, minConfidence: 0.5, enabledTags, competitors, influence });
 */
export function tagProfile(source: ProfileSource, options: TaggerOptions): ComputedProfile {
  const mentions = prepareMentions(source.mentions, options.taxonomy, options.simplify);
  const aliases = simplifiedAliases(options.brandAliases ?? new Map<string, readonly string[]>(), options.simplify);
  const lifecycle = brandLifecycles(mentions, aliases);
  const influence = influenceOf(source.authors, source.mentions, options.influence);
  const all = [
    ...cueTags(mentions, options.taxonomy.cueTags, { now: options.now, halfLifeDays: options.halfLifeDays, negators: options.taxonomy.negators }),
    ...brandTags(mentions, { now: options.now, halfLifeDays: options.halfLifeDays, competitors: options.competitors, aliases }),
    ...lifecycleTags(lifecycle, mentions, options),
    ...[influenceTag(influence, mentions, options.influence)].filter((tag) => tag !== null),
  ];
  const tags = all
    .filter((t) => t.confidence >= options.minConfidence && options.enabledTags.has(t.tag))
    .filter((t) => isAllowedTag(t.tag, options.taxonomy))
    .sort((a, b) => a.tag.localeCompare(b.tag) || a.brandId.localeCompare(b.brandId));
  return { tags, lifecycle, influence };
}

/** Each brand's aliases as the simplified text holds them. */
function simplifiedAliases(aliases: ReadonlyMap<string, readonly string[]>, simplify: (text: string) => string): Map<string, string[]> {
  return new Map([...aliases].map(([brand, names]) => [brand, [...new Set(names.map(simplify))]]));
}

/** The current stage as a brand-scoped tag, confident while the author keeps talking about the brand. */
function lifecycleTags(lifecycle: BrandLifecycle[], mentions: { brands: string[]; createdAt: number }[], options: TaggerOptions): ComputedTag[] {
  return lifecycle.map((l) => {
    const last = Math.max(...mentions.filter((m) => m.brands.includes(l.brandId)).map((m) => m.createdAt));
    const entered = l.transitions[l.transitions.length - 1];
    return {
      tag: `lifecycle_${l.stage}`,
      brandId: l.brandId,
      confidence: roundConfidence(0.8 * decayWeight(options.now - last, options.halfLifeDays)),
      evidence: entered ? [{ mentionId: entered.mentionId, cue: entered.reason }] : [],
      firstSeen: l.since,
      lastSeen: last,
    };
  });
}

/**
 * Last line of the sensitive-category guard: only tags the taxonomy defines, in a group that is not
 * a special category, ever leave the tagger.
 */
export function isAllowedTag(tag: string, taxonomy: Taxonomy): boolean {
  const def = taxonomy.tags.get(tag);
  return def !== undefined && !SENSITIVE_CATEGORIES.includes(def.group) && !SENSITIVE_CATEGORIES.includes(tag);
}
