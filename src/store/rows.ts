import type { Lang, SentimentLabel } from '../domain.js';
import type { MentionRow, RunRecord, SourceOrigin, SourceState, TrendPoint } from './types.js';

/**
 * Row shapes both backends select, and their mapping to the `Store` types, so SQLite and
 * PostgreSQL return identical objects from the same columns.
 */

/** A mention joined with its analysis and author (`brands` already split into ids). */
export interface MentionRecord {
  id: number;
  source_id: string;
  external_id: string;
  url: string | null;
  title: string | null;
  text: string;
  lang: string;
  created_at: number;
  duplicate_of: number | null;
  likes: number | null;
  replies: number | null;
  reposts: number | null;
  rating: number | null;
  platform: string | null;
  platform_id: string | null;
  handle: string | null;
  name: string | null;
  followers: number | null;
  sentiment: string;
  score: number;
  confidence: number;
  explanation: string;
  emotion: string;
  emotion_confidence: number;
  themes: string;
  aspects: string;
  brands: string[];
}

export function toMentionRow(row: MentionRecord): MentionRow {
  return {
    id: row.id,
    sourceId: row.source_id,
    externalId: row.external_id,
    url: row.url,
    title: row.title,
    text: row.text,
    lang: row.lang as Lang,
    createdAt: new Date(row.created_at).toISOString(),
    author: row.platform_id
      ? { platform: row.platform!, id: row.platform_id, handle: row.handle, name: row.name, followers: row.followers }
      : null,
    engagement: { likes: row.likes, replies: row.replies, reposts: row.reposts, rating: row.rating },
    duplicateOf: row.duplicate_of,
    brands: row.brands,
    sentiment: { label: row.sentiment as SentimentLabel, score: row.score, confidence: row.confidence, explanation: JSON.parse(row.explanation) },
    emotion: { label: row.emotion, confidence: row.emotion_confidence },
    themes: JSON.parse(row.themes),
    aspects: JSON.parse(row.aspects),
  };
}

/** One trend bucket as aggregated from the rollups. */
export interface BucketRecord {
  bucket: number;
  volume: number;
  pos: number;
  neu: number;
  neg: number;
  score_sum: number;
  likes: number;
  replies: number;
  reposts: number;
  authors: number;
}

/** Every bucket from `start` to `end`, zeros where the rollups had nothing (continuous chart axes). */
export function fillBuckets(rows: BucketRecord[], start: number, end: number, size: number): TrendPoint[] {
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  const points: TrendPoint[] = [];
  for (let bucket = start; bucket < end; bucket += size) points.push(toPoint(bucket, byBucket.get(bucket)));
  return points;
}

function toPoint(bucket: number, row: BucketRecord | undefined): TrendPoint {
  const volume = row?.volume ?? 0;
  const pos = row?.pos ?? 0;
  const neg = row?.neg ?? 0;
  return {
    bucket: new Date(bucket).toISOString(),
    volume,
    pos,
    neu: row?.neu ?? 0,
    neg,
    netSentiment: volume ? round((pos - neg) / volume) : 0,
    meanScore: volume ? round((row?.score_sum ?? 0) / volume) : 0,
    uniqueAuthors: row?.authors ?? 0,
    likes: row?.likes ?? 0,
    replies: row?.replies ?? 0,
    reposts: row?.reposts ?? 0,
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export interface SourceRecord {
  id: string;
  type: string;
  origin: SourceOrigin;
  cursor: string | null;
  consecutive_failures: number;
  healthy: number | boolean;
  last_run_at: number | null;
  last_status: 'ok' | 'error' | null;
  last_error: string | null;
}

export interface RunRow {
  source_id: string;
  started_at: number;
  finished_at: number;
  status: 'ok' | 'error';
  fetched: number;
  inserted: number;
  updated: number;
  duplicates: number;
  skipped: number;
  error: string | null;
}

export function toSourceState(row: SourceRecord): SourceState {
  return {
    id: row.id,
    type: row.type,
    origin: row.origin,
    cursor: row.cursor,
    consecutiveFailures: row.consecutive_failures,
    healthy: row.healthy === 1 || row.healthy === true,
    lastRunAt: row.last_run_at === null ? null : new Date(row.last_run_at).toISOString(),
    lastStatus: row.last_status,
    lastError: row.last_error,
  };
}

export function toRunRecord(row: RunRow): RunRecord {
  return {
    sourceId: row.source_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    fetched: row.fetched,
    inserted: row.inserted,
    updated: row.updated,
    duplicates: row.duplicates,
    skipped: row.skipped,
    error: row.error,
  };
}

/** One aspect opinion of a mention, as the aspect rollups count it. */
export interface AspectContribution {
  aspect: string;
  label: 'pos' | 'neu' | 'neg';
  score: number;
}

/** The part of a counted mention the daily term and aspect rollups need. */
export interface AnalysisContribution {
  createdAt: number;
  sentiment: 'pos' | 'neu' | 'neg';
  brands: string[];
  terms: string[];
  aspects: AspectContribution[];
}

/** What one counted mention adds to all rollups; both backends add and subtract these. */
export interface RollupContribution extends AnalysisContribution {
  sourceId: string;
  lang: string;
  score: number;
  likes: number;
  replies: number;
  reposts: number;
  authorId: number | null;
}
