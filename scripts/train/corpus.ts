/**
 * Reads the labelled development sets and tokenises them with the runtime components
 * (normalize → to-simplified → segment), caching the result under the OS temp dir so repeated
 * training runs skip jieba. Nothing from the data is written into the repository.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeText } from '../../src/pipeline/components/normalize.js';
import { loadSegmenters } from '../../src/resources/segmenters.js';
import { loadChineseConverter } from '../../src/resources/language.js';

export const DATA_DIR = process.env.KOUBEI_DATA_DIR ?? '/work/shared/data';
/** Bump the version when a segmenter changes (v2: en keeps , ; . : as tokens; v3: en splits Han runs from latin words). */
const CACHE_DIR = join(tmpdir(), 'koubei-train-cache-v3');

export interface Row {
  text: string;
  tokens: string[];
  label: string | null;
  emotion: string | string[] | null;
  split?: string;
  /** Original fine-grained rating (VADER mean score, SST-5 class) where the set has one. */
  score?: number;
}

let segmenters: ReturnType<typeof loadSegmenters> | undefined;
let convert: ((s: string) => string) | undefined;

/** Loads `<lang>/<name>.jsonl` with tokens, from the cache when present. */
export function loadSet(lang: 'zh' | 'en', name: string): Row[] {
  mkdirSync(CACHE_DIR, { recursive: true });
  const cache = join(CACHE_DIR, `${lang}-${name}.json`);
  const source = join(DATA_DIR, lang, `${name}.jsonl`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Row[];
  segmenters ??= loadSegmenters();
  convert ??= loadChineseConverter();
  const rows: Row[] = [];
  for (const line of readFileSync(source, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as { text: string; label?: string | null; emotion?: string | string[]; split?: string; score?: number };
    const normalized = normalizeText(o.text);
    const text = lang === 'zh' ? convert(normalized) : normalized;
    const tokens = lang === 'zh' ? segmenters.zh(text) : segmenters.en(text);
    rows.push({ text, tokens, label: o.label ?? null, emotion: o.emotion ?? null, split: o.split, score: o.score });
  }
  writeFileSync(cache, JSON.stringify(rows));
  return rows;
}
