/**
 * `node bin/run-ts.js scripts/eval-profiles.ts [file.jsonl] [--json] [--errors]`: per-tag precision and
 * recall of the profile tagger on the labelled authors (default
 * `test/fixtures/profiles/authors.jsonl`), every tag enabled, default half-life and threshold.
 * Prints a markdown table (the one in docs/profiles.md); `--errors` lists each false positive and
 * false negative with its author, to see why a tag misfires.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatScores, predictTags, scoreTags, type LabelledAuthor } from '../src/profiles/evaluate.js';
import { loadChineseConverter } from '../src/resources/language.js';
import { loadTaxonomy } from '../src/resources/taxonomy.js';
import { PROJECT_ROOT } from '../src/resources/paths.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? join(PROJECT_ROOT, 'test', 'fixtures', 'profiles', 'authors.jsonl');
const authors = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as LabelledAuthor);
const brands = JSON.parse(readFileSync(join(PROJECT_ROOT, 'data', 'demo', 'brands.json'), 'utf8')) as { id: string; name: string; aliases: string[]; competitors: string[] }[];
const competitors = new Map(brands.map((b) => [b.id, b.competitors]));
const brandAliases = new Map(brands.map((b) => [b.id, [b.name, ...b.aliases]]));

const predicted = predictTags(authors, { taxonomy: loadTaxonomy(), competitors, brandAliases, simplify: loadChineseConverter() });
const scores = scoreTags(authors, predicted);
if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(scores, null, 2)}\n`);
} else {
  const zh = authors.filter((a) => a.posts.some((p) => /\p{Script=Han}/u.test(p.text))).length;
  process.stdout.write(`${authors.length} authors (${zh} writing Chinese, ${authors.length - zh} English only), ${authors.reduce((n, a) => n + a.posts.length, 0)} posts\n\n`);
  process.stdout.write(`${formatScores(scores)}\n`);
}
if (args.includes('--errors')) {
  authors.forEach((a, i) => {
    const expected = new Set(a.expected);
    const got = new Set(predicted[i]);
    const fp = [...got].filter((t) => !expected.has(t));
    const fn = [...expected].filter((t) => !got.has(t));
    if (fp.length || fn.length) process.stdout.write(`${a.author}: +${fp.join(',')}  -${fn.join(',')}\n`);
  });
}
