import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import type { LatinLanguageGuesser } from '../pipeline/components/detect-language.js';
import { createLatinGuesser, type FunctionWords } from '../pipeline/components/latin-guesser.js';
import type { ChineseConverter } from '../pipeline/components/to-simplified.js';
import { LEXICON_DIR } from './paths.js';

/** Reads `lexicons/lang/function-words.tsv` (`lang<TAB>words…`). */
export function loadFunctionWords(file = join(LEXICON_DIR, 'lang', 'function-words.tsv')): FunctionWords {
  const table = new Map<string, Set<string>>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [lang, words = ''] = line.split('\t');
    table.set(lang.trim(), new Set(words.trim().split(/\s+/)));
  }
  return table;
}

/**
 * Guesser for Latin-script text (Chinese, Japanese and Korean are decided by script first).
 * Function-word counts, see ADR 0003: eld's smallest model alone costs ~150 MB of RSS.
 */
export async function loadLatinGuesser(): Promise<LatinLanguageGuesser> {
  return createLatinGuesser(loadFunctionWords());
}

/**
 * Traditional (Taiwan/Hong Kong variants included) → mainland simplified, via opencc-js. Most posts
 * are already simplified, and opencc walks its tries and rebuilds the string for every one of them;
 * a text holding no character of `triggerCodePoints` cannot change, so it is returned as is.
 */
export function loadChineseConverter(): ChineseConverter {
  // One per process: the pipeline, brand matching, theme reports and alerts share opencc's tables.
  shared ??= createChineseConverter();
  return shared;
}

let shared: ChineseConverter | undefined;

function createChineseConverter(): ChineseConverter {
  const toCn = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const mayConvert = createTriggerTest(triggerCodePoints(changingEntries()));
  return (text) => (mayConvert(text) ? toCn(text) : text);
}

/**
 * `names` and their simplified forms, without repeats. Posts are simplified before they are matched,
 * segmented and counted, so a brand name given as 鮮蜂外賣 is found, kept whole and recognised in
 * themes only as 鲜蜂外卖.
 */
export function withSimplifiedForms(names: readonly string[]): string[] {
  const simplify = loadChineseConverter();
  return [...new Set([...names, ...names.map(simplify)])];
}

/** The dictionaries of opencc's `hk2s` config, the one `Converter({ from: 'hk', to: 'cn' })` runs. */
interface OpenCCConfig {
  normalizationChain?: readonly (readonly OpenCC.DictLike[])[];
  conversionChain: readonly (readonly OpenCC.DictLike[])[];
}

/**
 * The entries of every converting dictionary of `hk2s` whose replacement differs from the key,
 * split into code points. The segmentation dictionary is left out: it only cuts the text into
 * pieces that are converted and joined again, so it never changes a text on its own.
 */
function changingEntries(): [string[], string[]][] {
  const config = OpenCC.Locale.configs.hk2s as OpenCCConfig | undefined;
  if (!config) throw new Error('opencc-js: the hk2s config is missing; the to-simplified fast path needs it');
  const entries: [string[], string[]][] = [];
  for (const group of [...(config.normalizationChain ?? []), ...config.conversionChain]) {
    for (const dict of group) {
      // The string form is "key value|key value…", read the way opencc-js reads it.
      const pairs: readonly (readonly string[])[] = typeof dict === 'string' ? dict.split('|').map((entry) => entry.split(' ')) : dict;
      for (const [key, value = ''] of pairs) if (key && key !== value) entries.push([[...key], [...value]]);
    }
  }
  return entries;
}

/**
 * One code point of every changing entry: a text that contains an entry contains all of its code
 * points, so a text without any trigger matches no changing entry, and opencc (which only ever
 * replaces matched entries) returns it unchanged. Single-character entries are their own trigger;
 * a phrase is covered by one of those when it can be, otherwise by the first code point that the
 * phrase replaces (瞭 of 明瞭 → 明了), which keeps common simplified characters such as 一 or 不
 * (starts of many phrases) off the list.
 */
function triggerCodePoints(entries: [string[], string[]][]): Set<number> {
  const triggers = new Set<number>();
  for (const [key] of entries) if (key.length === 1) triggers.add(key[0].codePointAt(0)!);
  for (const [key, value] of entries) {
    if (key.length === 1 || key.some((c) => triggers.has(c.codePointAt(0)!))) continue;
    const changed = key.findIndex((c, i) => c !== value[i]);
    triggers.add(key[changed < 0 ? 0 : changed].codePointAt(0)!);
  }
  return triggers;
}

/** Whether a text holds a trigger; code units below the smallest trigger are skipped without a look-up. */
function createTriggerTest(triggers: ReadonlySet<number>): (text: string) => boolean {
  const lowest = Math.min(...triggers);
  return (text) => {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) < lowest) continue;
      const cp = text.codePointAt(i)!;
      if (triggers.has(cp)) return true;
      if (cp > 0xffff) i++;
    }
    return false;
  };
}
