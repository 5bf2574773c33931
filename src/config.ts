import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import cron from 'node-cron';
import { ConfigError } from './errors.js';
import type { Collector } from './collectors/types.js';
import { DEMO_DIR } from './resources/paths.js';
import { resolveAlertsConfig } from './alerts/schema.js';
import { resolveDigestConfig } from './alerts/digest.js';
import { resolveProfilesConfig } from './profiles/config.js';
import { assertBrands, assertTimeZone } from './config-checks.js';
import { BrandSchema, FileSchema, SourceSchema, type AppConfig, type BrandConfig, type Env, type SourceConfig } from './config-schema.js';

/**
 * The only module that reads `process.env`. Everything is resolved and validated once at start-up
 * and injected; messages name the bad field.
 */

export { BrandSchema } from './config-schema.js';
export type { AppConfig, BrandConfig, Env, SourceConfig } from './config-schema.js';

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
  assertBrands(brands);
  return {
    port: parsePort(env.PORT) ?? file.port ?? DEFAULTS.port,
    databasePath: resolve(cwd, env.KOUBEI_DB ?? file.database ?? DEFAULTS.database),
    demo,
    collectOnStart: file.collectOnStart ?? true,
    timezone: assertTimeZone(env.TZ_KOUBEI ?? file.timezone ?? DEFAULTS.timezone, env.TZ_KOUBEI ? 'TZ_KOUBEI' : 'timezone'),
    ingestMaxBytes: file.ingestMaxBytes ?? DEFAULTS.ingestMaxBytes,
    unhealthyAfterFailures: file.unhealthyAfterFailures ?? DEFAULTS.unhealthyAfterFailures,
    sources,
    brands,
    alerts: resolveAlertsConfig(file.alerts, brands.map((b) => b.id)),
    digest: resolveDigestConfig(file.digest, (file.alerts?.channels ?? []).map((c) => c.id), brands.map((b) => b.id)),
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

/**
 * Only the `brands` of the config file, for `koubei analyze`, which analyses text without the store: a
 * secret another block needs, or a bad env override, cannot stop it, and with no file there are no
 * brands (not the demo's fictional ones).
 */
export function loadBrandConfig(options: Omit<LoadConfigOptions, 'collectors'>): BrandConfig[] {
  const env = options.env ?? process.env;
  const configFile = findConfigFile(env, options.cwd ?? process.cwd());
  if (!configFile) return [];
  const raw = readJsonFile(configFile) as { brands?: unknown };
  // `{"env": …}` references are resolved in the brands alone, so an unset secret elsewhere does not matter.
  const parsed = z.object({ brands: z.array(BrandSchema).default([]) }).safeParse(resolveEnvRefs({ brands: raw?.brands }, env, ''));
  if (!parsed.success) throw new ConfigError(`${configFile}: ${formatIssues(parsed.error)}`);
  assertUnique(parsed.data.brands.map((b) => b.id), 'brands');
  assertBrands(parsed.data.brands);
  return parsed.data.brands;
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
