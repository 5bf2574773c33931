import { z } from 'zod';
import type { RawPost } from '../domain.js';
import { fingerprintText } from '../pipeline/fingerprint.js';
import { MAX_EPOCH_MS, parseDateString, parseIsoDate } from '../text/dates.js';
import { isTooFarAhead } from './time.js';

/**
 * The public post format accepted by `POST /api/ingest`, `koubei ingest` and the file importer.
 * Unknown fields are ignored; only `text` is required.
 */
export const PostInputSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).optional(),
  text: z.string({ error: 'expected "text" to be a string' }),
  title: z.string().optional(),
  url: z.string().optional(),
  lang: z.string().optional(),
  author: z
    .union([
      z.string().min(1),
      z.object({
        id: z.union([z.string(), z.number()]).optional(),
        handle: z.string().optional(),
        name: z.string().optional(),
        followers: z.number().nonnegative().optional(),
      }),
    ])
    .optional(),
  created_at: z.union([z.string(), z.number()]).optional(),
  createdAt: z.union([z.string(), z.number()]).optional(),
  likes: z.number().optional(),
  replies: z.number().optional(),
  reposts: z.number().optional(),
  rating: z.number().optional(),
});

export type PostInput = z.infer<typeof PostInputSchema>;

export type ParsedPost = { ok: true; post: RawPost } | { ok: false; reason: string };

/**
 * Validates one input object and normalises it to a `RawPost`. Posts without an `id` get a stable
 * one from their text, author and time, so re-importing the same file never duplicates.
 */
export function toRawPost(value: unknown, source: string, now: Date): ParsedPost {
  const parsed = PostInputSchema.safeParse(readable(value));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'post';
    return { ok: false, reason: issue.code === 'invalid_type' && field === 'text' ? 'missing "text" (expected a string)' : `${field}: ${issue.message}` };
  }
  const input = parsed.data;
  if (input.text.trim() === '') return { ok: false, reason: '"text" is empty' };
  const createdAt = parseTime(input.created_at ?? input.createdAt, now);
  if (!createdAt) return { ok: false, reason: `created_at: expected an ISO date or epoch, found "${String(input.created_at ?? input.createdAt)}"` };
  if (isTooFarAhead(createdAt, now)) {
    return { ok: false, reason: `created_at: ${createdAt} is more than a day in the future` };
  }
  const author = toAuthor(input.author);
  return {
    ok: true,
    post: {
      source,
      externalId: input.id !== undefined ? String(input.id) : derivedId(input.text, author?.id, input.created_at ?? input.createdAt),
      text: input.text,
      title: input.title,
      url: input.url,
      lang: input.lang,
      author,
      createdAt,
      engagement: pickEngagement(input),
    },
  };
}

const COUNTS = new Set(['likes', 'replies', 'reposts', 'rating', 'followers']);

/**
 * The input with optional fields that cannot be read left out, so they cost the field and not the
 * post: `null` (pandas and many exporters write it for a missing value) and counts in no readable
 * form. Counts may be written as people write them: 1,234 · 1.2k · 3.5万 · ★★★★ (a rating).
 */
function readable(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === null && key !== 'text') continue;
    const count = COUNTS.has(key) ? readCount(field, key) : undefined;
    if (!COUNTS.has(key)) out[key] = key === 'author' ? readable(field) : field;
    else if (count !== undefined) out[key] = count;
  }
  return out;
}

const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, w: 1e4, 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/**
 * A count as a number: integers for likes, replies, reposts and followers (1.13万 × 10⁴ is
 * 11299.999999999998 in floating point, and the store keeps them as integers); a rating may be 4.5.
 */
function readCount(value: unknown, key: string): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? writtenCount(value.trim()) : undefined;
  if (n === undefined || !Number.isFinite(n)) return undefined;
  return key === 'rating' ? n : Math.round(n);
}

function writtenCount(text: string): number | undefined {
  if (/^★+☆*$/.test(text)) return text.replace(/☆/g, '').length;
  const m = /^(\d[\d,]*(?:\.\d+)?)\s*([kmw万萬亿億])?\+?$/i.exec(text);
  return m ? Number(m[1].replace(/,/g, '')) * (m[2] ? MULTIPLIERS[m[2].toLowerCase()] : 1) : undefined;
}

function toAuthor(author: PostInput['author']): RawPost['author'] {
  if (author === undefined) return undefined;
  if (typeof author === 'string') return { id: author, handle: author };
  const id = author.id ?? author.handle ?? author.name;
  if (id === undefined) return undefined;
  return { id: String(id), handle: author.handle, name: author.name, followers: author.followers };
}

/**
 * Accepts ISO strings (a time without an offset is UTC), other written dates with a year and a zone
 * (RFC 822), epoch seconds or milliseconds (10 digits or more) and compact dates (20250610); missing
 * means "now". Other digit strings are refused: read as epoch seconds, 2025 would be 1970.
 */
function parseTime(value: string | number | undefined, now: Date): string | undefined {
  if (value === undefined || value === '') return now.toISOString();
  const ms = typeof value === 'number' || /^\d+(\.\d+)?$/.test(value.trim()) ? numericTime(Number(value)) : parseDateString(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function numericTime(value: number): number {
  if (value >= 1e9) return inEpochRange(value < 1e11 ? value * 1000 : value);
  return Number.isInteger(value) && value >= 1e7 && value < 1e8 ? compactDate(value) : Number.NaN;
}

/** 20250610 → 2025-06-10 (UTC), NaN when it is no calendar date. */
function compactDate(value: number): number {
  const digits = String(value);
  return parseIsoDate(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`);
}

function inEpochRange(ms: number): number {
  return ms <= MAX_EPOCH_MS ? ms : Number.NaN;
}

/** Built from what the input says (not from "now"), so the same line always gets the same id. */
function derivedId(text: string, authorId: string | undefined, created: string | number | undefined): string {
  return `h${fingerprintText(`${authorId ?? ''}|${created ?? ''}|${text}`).hash}`;
}

function pickEngagement(input: PostInput): RawPost['engagement'] {
  const { likes, replies, reposts, rating } = input;
  if ([likes, replies, reposts, rating].every((v) => v === undefined)) return undefined;
  return { likes, replies, reposts, rating };
}
