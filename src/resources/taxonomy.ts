import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEXICON_DIR } from './paths.js';
import { buildTaxonomy, type Taxonomy } from '../profiles/taxonomy.js';

let cached: Taxonomy | undefined;

/**
 * Reads `lexicons/tags/{taxonomy,sensitive}.json` once per process (I/O lives in resources/, the
 * tagger in `src/profiles/` stays pure).
 */
export function loadTaxonomy(dir: string = join(LEXICON_DIR, 'tags')): Taxonomy {
  if (cached && dir === join(LEXICON_DIR, 'tags')) return cached;
  const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
  const taxonomy = buildTaxonomy(read('taxonomy.json'), read('sensitive.json'));
  if (dir === join(LEXICON_DIR, 'tags')) cached = taxonomy;
  return taxonomy;
}
