import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEXICON_DIR } from '../resources/paths.js';
import { buildTaxonomy, type Taxonomy } from './taxonomy.js';

let cached: Taxonomy | undefined;

/**
 * Reads `lexicons/tags/{taxonomy,sensitive}.json` once per process. The only file in
 * `src/profiles/` that does I/O; the composition root calls it and injects the result.
 */
export function loadTaxonomy(dir: string = join(LEXICON_DIR, 'tags')): Taxonomy {
  if (cached && dir === join(LEXICON_DIR, 'tags')) return cached;
  const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
  const taxonomy = buildTaxonomy(read('taxonomy.json'), read('sensitive.json'));
  if (dir === join(LEXICON_DIR, 'tags')) cached = taxonomy;
  return taxonomy;
}
