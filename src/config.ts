import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import cron from 'node-cron';
import { ConfigError } from './errors.js';
import type { Collector } from './collectors/types.js';
import { DEMO_DIR } from './resources/paths.js';
import { AlertsFileSchema, resolveAlertsConfig, type AlertsConfig } from './alerts/schema.js';
import { ProfilesFileSchema, resolveProfilesConfig, type ProfilesConfig } from './profiles/config.js';

/**
 * The only module that reads `process.env`. Everything is resolved and validated once at start-up
 * and injected; messages name the bad field.
 */

export const BrandSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a lower-case id like "freshbee"'),
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    query: z.string().optional(),
    competitors: z.array(z.string()).default([]),
  })
  .strict();

const SourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_:.-]*$/, 'expected an id like "hn-acme"'),
    type: z.string().min(1),
    schedule: z.string().optional(),
    enabled: z.boolean().default(true),
    config: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

const FileSchema = z
  .object({
    port: z.number().int().min(0).max(65535).optional(),
    database: z.string().optional(),
    demo: z.boolean().optional(),
    demoSchedule: z.string().optional(),
    collectOnStart: z.boolean().optional(),
    timezone: z.string().optional(),
    ingestMaxBytes: z.number().int().positive().optional(),
    unhealthyAfterFailures: z.number().int().positive().optional(),
    sources: z.array(SourceSchema).default([]),
    brands: z.array(BrandSchema).default([]),
    alerts: AlertsFileSchema.optional(),
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

export interface LoadConfigOptions {
  env?: Env;
  /** Collector types by name, used to validate each source's `config` block. */
  collectors: ReadonlyMap<string, Collector<unknown>>;
  cwd?: string;
}

const DEFAULTS = {
  port: 8787,
  database: 'data/koubei.db',
  timezone: 'UTC',
  ingestMaxBytes: 5 * 1024 * 1024,
  unhealthyAfterFailures: 3,
};

/**
 * Reads `KOUBEI_CONFIG` (default `./koubei.config.json` when present), resolves `{"env": "NAME"}`
 * secret references, applies env overrides (`PORT`, `KOUBEI_DB`, `KOUBEI_DEMO`) and validates.
 *
 * @example
 * const config = loadConfig({ collectors: registry });
 */
export function loadConfig(options: LoadConfigOptions): AppConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const configFile = findConfigFile(env, cwd);
  const raw = configFile ? readJsonFile(configFile) : {};
  const parsed = FileSchema.safeParse(resolveEnvRefs(raw, env, ''));
  if (!parsed.success) throw new ConfigError(`${configFile ?? 'config'}: ${formatIssues(parsed.error)}`);
  const file = parsed.data;
  const configured = file.sources.map((source, i) => validateSource(source, i, options.collectors));
  const demo = parseBool(env.KOUBEI_DEMO, 'KOUBEI_DEMO') ?? file.demo ?? configured.length === 0;
  const demoSource = { id: 'demo', type: 'demo', schedule: file.demoSchedule, enabled: true, config: {} };
  const sources = demo ? [validateSource(demoSource, configured.length, options.collectors), ...configured] : configured;
  assertUnique(sources.map((s) => s.id), 'sources');
  const brands = file.brands.length || !demo ? file.brands : readDemoBrands();
  assertUnique(brands.map((b) => b.id), 'brands');
  return {
    port: parsePort(env.PORT) ?? file.port ?? DEFAULTS.port,
    databasePath: resolve(cwd, env.KOUBEI_DB ?? file.database ?? DEFAULTS.database),
    demo,
    collectOnStart: file.collectOnStart ?? true,
    timezone: env.TZ_KOUBEI ?? file.timezone ?? DEFAULTS.timezone,
    ingestMaxBytes: file.ingestMaxBytes ?? DEFAULTS.ingestMaxBytes,
    unhealthyAfterFailures: file.unhealthyAfterFailures ?? DEFAULTS.unhealthyAfterFailures,
    sources,
    brands,
    alerts: resolveAlertsConfig(file.alerts, brands.map((b) => b.id)),
    auth: { required: file.auth?.required ?? false },
    profiles: resolveProfilesConfig(file.profiles),
    retentionDays: file.retentionDays,
    pseudonymizeAuthors: file.pseudonymizeAuthors ?? false,
    pseudonymKey: requirePseudonymKey(file.pseudonymizeAuthors, file.pseudonymKey),
    redisUrl: env.REDIS_URL || undefined,
    queuePrefix: env.KOUBEI_QUEUE_PREFIX || 'koubei',
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    configFile,
  };
}

/** Only PostgreSQL URLs select a networked store; anything else set here is a mistake, not a file path. */
function parseDatabaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) throw new ConfigError(`DATABASE_URL: expected postgres://user@host:5432/db, found "${value.slice(0, 40)}"`);
  return value;
}

/** Pseudonymous author keys are HMACs, so they need a secret (write it as {"env": "NAME"}). */
function requirePseudonymKey(on: boolean | undefined, key: string | undefined): string | undefined {
  if (on && !key) throw new ConfigError('pseudonymKey: required when pseudonymizeAuthors is true (a secret of ≥16 characters, e.g. {"env": "KOUBEI_PSEUDONYM_KEY"})');
  return key;
}

/** A snapshot of the process environment, taken once by the CLI entry and injected from there. */
export function readProcessEnv(): Env {
  return { ...process.env };
}

/** True when stdout is an interactive terminal (progress bars) and not under CI. */
export function isInteractive(env: Env, isTTY: boolean): boolean {
  return isTTY && !env.CI;
}

/** The demo's fictional brands, used when the demo runs and no brands are configured. */
function readDemoBrands(): BrandConfig[] {
  const file = join(DEMO_DIR, 'brands.json');
  const parsed = z.array(BrandSchema).safeParse(readJsonFile(file));
  if (!parsed.success) throw new ConfigError(`${file}: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

function findConfigFile(env: Env, cwd: string): string | undefined {
  if (env.KOUBEI_CONFIG) {
    const file = resolve(cwd, env.KOUBEI_CONFIG);
    if (!existsSync(file)) throw new ConfigError(`KOUBEI_CONFIG: file not found: ${file}`);
    return file;
  }
  const fallback = resolve(cwd, 'koubei.config.json');
  return existsSync(fallback) ? fallback : undefined;
}

function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: expected valid JSON (${(err as Error).message})`, { cause: err });
  }
}

/** Replaces every `{"env": "NAME"}` object with the variable's value; a missing variable is an error. */
function resolveEnvRefs(value: unknown, env: Env, path: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => resolveEnvRefs(v, env, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0][0] === 'env' && typeof entries[0][1] === 'string') {
    const name = entries[0][1];
    const resolved = env[name];
    if (resolved === undefined || resolved === '') {
      throw new ConfigError(`${path.slice(1)}: environment variable ${name} is not set`);
    }
    return resolved;
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveEnvRefs(v, env, `${path}.${k}`)]));
}

function validateSource(
  source: Omit<z.infer<typeof SourceSchema>, 'schedule'> & { schedule?: string },
  index: number,
  collectors: ReadonlyMap<string, Collector<unknown>>,
): SourceConfig {
  const collector = collectors.get(source.type);
  if (!collector) {
    throw new ConfigError(
      `sources[${index}].type: unknown source type "${source.type}" (known: ${[...collectors.keys()].join(', ')})`,
    );
  }
  if (source.schedule !== undefined && !cron.validate(source.schedule)) {
    throw new ConfigError(`sources[${index}] (${source.id}).schedule: expected a cron expression, found "${source.schedule}"`);
  }
  const parsed = collector.configSchema.safeParse(source.config);
  if (!parsed.success) throw new ConfigError(`sources[${index}] (${source.id}).config: ${formatIssues(parsed.error)}`);
  return {
    id: source.id,
    type: source.type,
    schedule: source.schedule ?? collector.defaultSchedule,
    enabled: source.enabled,
    config: parsed.data,
  };
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

function assertUnique(ids: string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new ConfigError(`${what}: duplicate id "${id}"`);
    seen.add(id);
  }
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT: expected an integer 0–65535, found "${value}"`);
  }
  return port;
}

function parseBool(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name}: expected true/false, found "${value}"`);
}
