import { z } from 'zod';
import type { RawPost } from '../domain.js';
import { fingerprintText } from '../pipeline/fingerprint.js';
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
  const parsed = PostInputSchema.safeParse(value);
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

function toAuthor(author: PostInput['author']): RawPost['author'] {
  if (author === undefined) return undefined;
  if (typeof author === 'string') return { id: author, handle: author };
  const id = author.id ?? author.handle ?? author.name;
  if (id === undefined) return undefined;
  return { id: String(id), handle: author.handle, name: author.name, followers: author.followers };
}

/** Accepts ISO strings and epoch seconds or milliseconds; missing means "now". */
function parseTime(value: string | number | undefined, now: Date): string | undefined {
  if (value === undefined || value === '') return now.toISOString();
  const ms = typeof value === 'number' || /^\d+$/.test(value) ? epochMs(Number(value)) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function epochMs(value: number): number {
  return value < 1e11 ? value * 1000 : value;
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
