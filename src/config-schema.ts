import cron from 'node-cron';
import { z } from 'zod';
import { DigestFileSchema, type DigestConfig } from './alerts/digest.js';
import { AlertsFileSchema, type AlertsConfig } from './alerts/schema.js';
import { ProfilesFileSchema, type ProfilesConfig } from './profiles/config.js';

/** Shapes of the config file and of the resolved `AppConfig` (loading and env handling: `config.ts`). */

/** Caps that keep one brand's dictionary words and matcher small (they are loaded at every start). */
const BRAND_WORD_MAX = 100;
const BRAND_ALIASES_MAX = 200;

export const BrandSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a lower-case id like "freshbee"'),
    name: z.string().min(1).max(BRAND_WORD_MAX),
    aliases: z.array(z.string().min(1).max(BRAND_WORD_MAX)).max(BRAND_ALIASES_MAX).default([]),
    query: z.string().max(4000).optional(),
    competitors: z.array(z.string()).max(50).default([]),
  })
  .strict()
  .refine((b) => !b.competitors.includes(b.id), { message: 'a brand cannot be its own competitor', path: ['competitors'] });

export const SourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_:.-]*$/, 'expected an id like "hn-acme"'),
    type: z.string().min(1),
    schedule: z.string().optional(),
    enabled: z.boolean().default(true),
    config: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const FileSchema = z
  .object({
    port: z.number().int().min(0).max(65535).optional(),
    database: z.string().optional(),
    demo: z.boolean().optional(),
    // Checked even with the demo off, so a typo does not wait for the day someone turns it on.
    demoSchedule: z.string().refine((value) => cron.validate(value), { error: (issue) => `expected a cron expression, found "${String(issue.input)}"` }).optional(),
    collectOnStart: z.boolean().optional(),
    timezone: z.string().optional(),
    ingestMaxBytes: z.number().int().positive().optional(),
    unhealthyAfterFailures: z.number().int().positive().optional(),
    sources: z.array(SourceSchema).default([]),
    brands: z.array(BrandSchema).default([]),
    alerts: AlertsFileSchema.optional(),
    digest: DigestFileSchema.optional(),
    auth: z.object({ required: z.boolean().default(false) }).strict().optional(),
    profiles: ProfilesFileSchema.optional(),
    retentionDays: z.number().int().positive().optional(),
    pseudonymizeAuthors: z.boolean().optional(),
    pseudonymKey: z.string().min(16, 'expected at least 16 characters of secret').optional(),
  })
  .strict();

export type BrandConfig = z.infer<typeof BrandSchema>;

export interface SourceConfig {
  id: string;
  type: string;
  schedule: string;
  enabled: boolean;
  /** Validated by the collector type's own schema. */
  config: unknown;
}

export interface AppConfig {
  port: number;
  /** SQLite file path (or `:memory:`). */
  databasePath: string;
  /** Replay the built-in demo stream as a source (added to `sources` as id `demo`). */
  demo: boolean;
  /** Run every enabled source once at start-up, before the schedule takes over. */
  collectOnStart: boolean;
  timezone: string;
  ingestMaxBytes: number;
  unhealthyAfterFailures: number;
  sources: SourceConfig[];
  brands: BrandConfig[];
  /** Alert rules and channels; absent means the defaults (every detector, no channels). */
  alerts?: AlertsConfig;
  /** Scheduled daily/weekly digest to the alert channels; absent means off. */
  digest?: DigestConfig;
  /** API key enforcement on /api routes; absent means off (the embedded default). */
  auth?: { required: boolean };
  /** Customer profile tagging; absent means the defaults. */
  profiles?: ProfilesConfig;
  /** Mentions older than this many days are purged daily (rollups kept consistent). */
  retentionDays?: number;
  /** Store HMAC author keys instead of platform ids, handles and names (needs `pseudonymKey`). */
  pseudonymizeAuthors?: boolean;
  pseudonymKey?: string;
  /** Redis for the queue-based process layout (`koubei worker`/`scheduler`); env `REDIS_URL`. */
  redisUrl?: string;
  /** Prefix of every queue key in Redis (env `KOUBEI_QUEUE_PREFIX`, default `koubei`), so installations and tests can share one Redis. */
  queuePrefix?: string;
  /** PostgreSQL instead of the SQLite file when set (env `DATABASE_URL=postgres://…[?schema=name]`). */
  databaseUrl?: string;
  /** Path of the config file that was read, if any. */
  configFile?: string;
}

export type Env = Record<string, string | undefined>;
