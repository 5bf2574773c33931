import { z } from 'zod';
import { BrandSchema } from '../config.js';
import { MAX_EPOCH_MS, parseIsoDate } from '../text/dates.js';

/**
 * Epoch ms of an ISO-8601 date (see `parseIsoDate`: a time without an offset is UTC) or of epoch
 * milliseconds (13 digits or more: 2001-09-09 onwards, up to the largest date JavaScript holds); NaN
 * for anything else. Shorter digit strings are refused rather than misread: 20261101, or epoch seconds
 * such as 1763870000 (1970 as milliseconds). Four digits are a year (`2026`). Free text that
 * `Date.parse` would guess at ("foo 1" → 2001) and impossible dates (2026-02-30) are refused.
 */
export function epochMsOf(value: string): number {
  if (/^\d{13,}$/.test(value)) return Number(value) <= MAX_EPOCH_MS ? Number(value) : Number.NaN;
  return /^\d{5,}$/.test(value) ? Number.NaN : parseIsoDate(value);
}

/** Accepts ISO-8601 or epoch milliseconds; returns epoch ms. */
export const TimeParam = z
  .string()
  .transform((value, ctx) => {
    const ms = epochMsOf(value);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: 'custom', message: `expected an ISO-8601 date or epoch milliseconds, found "${value}"` });
      return z.NEVER;
    }
    return ms;
  })
  .meta({ type: 'string', description: 'ISO-8601 date-time or epoch milliseconds', example: '2026-11-20T00:00:00Z' });

export const LangParam = z.enum(['zh', 'en', 'other']);
export const SentimentParam = z.enum(['pos', 'neu', 'neg']);

export const MentionsQuery = z
  .object({
    brand: z.string().optional().meta({ description: 'Brand id (see /api/brands)' }),
    q: z.string().max(200).optional().meta({ description: 'Keywords; Chinese is segmented, all words must match' }),
    lang: LangParam.optional(),
    sentiment: SentimentParam.optional(),
    source: z.string().optional(),
    from: TimeParam.optional(),
    to: TimeParam.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().optional().meta({ description: 'nextCursor from the previous page' }),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: '"from" must be before "to"',
    path: ['from'],
  });

export const TrendsQuery = z
  .object({
    interval: z.enum(['hour', 'day']).optional(),
    brand: z.string().optional(),
    lang: LangParam.optional(),
    source: z.string().optional(),
    from: TimeParam.optional(),
    to: TimeParam.optional(),
  });

export const IngestQuery = z.object({
  source: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_:.-]*$/, 'expected an id like "crm-export"')
    .default('push')
    .meta({ description: 'Source id the posts are stored under' }),
});

export const PeriodQuery = z.object({
  brand: z.string().optional(),
  from: TimeParam.optional(),
  to: TimeParam.optional(),
});

export const ThemesQuery = PeriodQuery.extend({
  limit: z.coerce.number().int().min(1).max(50).default(15),
});

export const AspectsQuery = PeriodQuery.extend({
  interval: z.enum(['hour', 'day']).optional().meta({ description: 'Omit for totals over the period' }),
});

export const CompareQuery = z.object({
  brand: z.string(),
  from: TimeParam.optional(),
  to: TimeParam.optional(),
  baselineFrom: TimeParam.optional().meta({ description: 'Default: the same length right before "from"' }),
  baselineTo: TimeParam.optional(),
});

/** A brand as PUT to `/api/brands/{id}`: the same shape as a config brand. */
export const BrandBody = BrandSchema;
