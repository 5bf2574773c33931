import { loadConfig, type AppConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { COLLECTORS, createRuntime, type Runtime } from '../runtime.js';
import type { CliIo } from './types.js';

/** Config + runtime for a command; logs go to stderr so stdout stays for command output. */
export async function loadRuntime(io: CliIo, overrides: Partial<AppConfig> = {}): Promise<Runtime> {
  const config = { ...loadConfig({ env: io.env, collectors: COLLECTORS }), ...overrides };
  return createRuntime(config, createLogger(io.stderr, io.env.LOG_LEVEL === 'debug' ? 'debug' : 'info'));
}
