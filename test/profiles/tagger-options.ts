import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_TAGS } from '../../src/profiles/config.js';
import { DEFAULT_INFLUENCE } from '../../src/profiles/influence.js';
import type { TaggerOptions } from '../../src/profiles/tagger.js';
import { loadChineseConverter } from '../../src/resources/language.js';
import { PROJECT_ROOT } from '../../src/resources/paths.js';
import { loadTaxonomy } from '../../src/resources/taxonomy.js';

const BRANDS = JSON.parse(readFileSync(join(PROJECT_ROOT, 'data/demo/brands.json'), 'utf8')) as { id: string; name: string; aliases: string[]; competitors: string[] }[];

/** The tagger as the service runs it, over the demo brands, every tag enabled, at `now`. */
export function taggerOptions(now: number): TaggerOptions {
  return {
    taxonomy: loadTaxonomy(),
    now,
    halfLifeDays: 90,
    minConfidence: 0.5,
    enabledTags: new Set(ALL_TAGS),
    competitors: new Map(BRANDS.map((b) => [b.id, b.competitors])),
    brandAliases: new Map(BRANDS.map((b) => [b.id, [b.name, ...b.aliases]])),
    influence: DEFAULT_INFLUENCE,
    simplify: loadChineseConverter(),
  };
}
