import type { SentimentLabel } from '../domain.js';
import { ALL_TAGS } from './config.js';
import { DEFAULT_INFLUENCE } from './influence.js';
import { tagProfile } from './tagger.js';
import type { Taxonomy } from './taxonomy.js';
import type { ProfileSource } from './types.js';

/**
 * Precision/recall of the tagger on a labelled set of authors. A labelled author is one line of
 * `test/fixtures/profiles/authors.jsonl`; `expected` lists every tag a reader would give, brand-scoped
 * ones as `tag@brand`. Post sentiment and brands are labelled too, so the figures measure the tagger,
 * not the sentiment engine.
 */
export interface LabelledAuthor {
  author: string;
  platform: string;
  followers?: number;
  posts: { text: string; sentiment: SentimentLabel; brands?: string[]; day: number; eng?: number }[];
  expected: string[];
}

export interface TagScore {
  tag: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
}

export interface EvaluationOptions {
  taxonomy: Taxonomy;
  competitors: ReadonlyMap<string, readonly string[]>;
  brandAliases?: ReadonlyMap<string, readonly string[]>;
  /** Traditional → simplified, as the profile service passes it (see `TaggerOptions`). */
  simplify: (text: string) => string;
  halfLifeDays?: number;
  minConfidence?: number;
  /** Evaluation time; posts are `day` days before it. */
  now?: number;
}

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 10, 21);

/** A labelled author as the tagger's input (mention ids are 1-based post positions). */
export function toSource(author: LabelledAuthor, index: number, now = NOW): ProfileSource {
  return {
    profileId: index + 1,
    authors: [{ authorId: index + 1, platform: author.platform, followers: author.followers ?? null }],
    mentions: author.posts.map((p, i) => ({
      id: i + 1,
      text: p.text,
      lang: /\p{Script=Han}/u.test(p.text) ? 'zh' : 'en',
      createdAt: now - p.day * DAY_MS - i * 60_000,
      sentiment: p.sentiment,
      score: p.sentiment === 'pos' ? 0.6 : p.sentiment === 'neg' ? -0.6 : 0,
      brands: p.brands ?? [],
      engagement: p.eng ?? 0,
    })),
  };
}

/** Predicted tag keys (`tag` or `tag@brand`) per author, with every tag enabled. */
export function predictTags(authors: readonly LabelledAuthor[], options: EvaluationOptions): string[][] {
  const now = options.now ?? NOW;
  return authors.map((author, i) =>
    tagProfile(toSource(author, i, now), {
      taxonomy: options.taxonomy,
      now,
      halfLifeDays: options.halfLifeDays ?? 90,
      minConfidence: options.minConfidence ?? 0.5,
      enabledTags: new Set(ALL_TAGS),
      competitors: options.competitors,
      brandAliases: options.brandAliases,
      influence: DEFAULT_INFLUENCE,
      simplify: options.simplify,
    }).tags.map((t) => (t.brandId ? `${t.tag}@${t.brandId}` : t.tag)),
  );
}

/** Per-tag counts; a brand-scoped tag is right only for the right brand. */
export function scoreTags(authors: readonly LabelledAuthor[], predicted: readonly string[][]): TagScore[] {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>(ALL_TAGS.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const bump = (key: string, field: 'tp' | 'fp' | 'fn') => {
    const c = counts.get(key.split('@')[0]);
    if (c) c[field] += 1;
  };
  authors.forEach((author, i) => {
    const expected = new Set(author.expected);
    const got = new Set(predicted[i]);
    for (const key of got) bump(key, expected.has(key) ? 'tp' : 'fp');
    for (const key of expected) if (!got.has(key)) bump(key, 'fn');
  });
  return [...counts].map(([tag, c]) => ({
    tag,
    ...c,
    precision: c.tp + c.fp ? c.tp / (c.tp + c.fp) : null,
    recall: c.tp + c.fn ? c.tp / (c.tp + c.fn) : null,
  }));
}

/** Markdown table of the scores. */
export function formatScores(scores: readonly TagScore[]): string {
  const f = (v: number | null) => (v === null ? '–' : v.toFixed(2));
  const rows = scores.map((s) => `| ${s.tag} | ${s.tp + s.fn} | ${s.tp + s.fp} | ${f(s.precision)} | ${f(s.recall)} |`);
  return ['| tag | labelled | emitted | precision | recall |', '|---|---|---|---|---|', ...rows].join('\n');
}
