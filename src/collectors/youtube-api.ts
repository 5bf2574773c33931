/**
 * YouTube Data API v3 plumbing for the `youtube` collector: response shapes, and turning API
 * errors into typed ones (quota exhaustion → `RateLimitedError` until the Pacific-time reset).
 */
import { z } from 'zod';
import { RateLimitedError, UpstreamError } from '../errors.js';
import { parseJsonBody, redactUrl, snippet } from './fetch-body.js';

export const CommentThreadSchema = z.object({
  id: z.string(),
  snippet: z.object({
    videoId: z.string().optional(),
    totalReplyCount: z.number().default(0),
    topLevelComment: z.object({
      id: z.string(),
      snippet: z.object({
        videoId: z.string().optional(),
        textDisplay: z.string().default(''),
        textOriginal: z.string().optional(),
        authorDisplayName: z.string().optional(),
        authorChannelId: z.object({ value: z.string() }).optional(),
        likeCount: z.number().default(0),
        publishedAt: z.string(),
      }),
    }),
  }),
});
export type CommentThread = z.infer<typeof CommentThreadSchema>;

export const ThreadListSchema = z.object({
  nextPageToken: z.string().optional(),
  items: z.array(CommentThreadSchema),
});

const ErrorBodySchema = z.object({
  error: z.object({ code: z.number(), message: z.string(), errors: z.array(z.object({ reason: z.string() })).default([]) }),
});

/**
 * Milliseconds until the next midnight in America/Los_Angeles, when YouTube resets daily quota.
 *
 * @example msUntilPacificMidnight(new Date('2025-06-10T12:00:00Z')); // 15 h: 05:00 PDT → 24:00
 */
export function msUntilPacificMidnight(now: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    .formatToParts(now)
    .reduce<Record<string, number>>((acc, p) => (p.type === 'literal' ? acc : { ...acc, [p.type]: Number(p.value) }), {});
  return (24 * 3600 - (parts.hour * 3600 + parts.minute * 60 + parts.second)) * 1000;
}

/**
 * Reads a YouTube API response body. Errors carry a reason (`quotaExceeded`, `commentsDisabled`,
 * `keyInvalid`, `videoNotFound`…), which becomes the error message; quota exhaustion becomes
 * `RateLimitedError` so the scheduler waits for the daily reset instead of hammering.
 */
export async function readYouTubeJson(res: Response, url: string, now: Date): Promise<unknown> {
  // The API key sits in the query string: keep it out of error messages and logs.
  const safeUrl = redactUrl(url);
  if (res.ok) return parseJsonBody(await res.text(), safeUrl, 'YouTube commentThreads');
  const body = await res.text();
  const parsed = ErrorBodySchema.safeParse((() => { try { return JSON.parse(body); } catch { return undefined; } })());
  if (!parsed.success) {
    // Not Google's error envelope (a proxy or CDN page): show its first bytes.
    throw new UpstreamError(`expected 2xx from ${safeUrl}, instead found ${res.status} ${res.statusText}: "${snippet(body)}"`, res.status);
  }
  const reason = parsed.data.error.errors[0]?.reason ?? 'unknown';
  if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded' || reason === 'rateLimitExceeded') {
    throw new RateLimitedError(`youtube: ${reason} (${parsed.data.error.message}); quota resets at midnight Pacific time`, msUntilPacificMidnight(now));
  }
  throw new UpstreamError(`youtube: expected comment threads from ${safeUrl}, instead found ${res.status} ${reason}: ${snippet(parsed.data.error.message)}`, res.status);
}
