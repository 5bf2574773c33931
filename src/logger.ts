import type { Logger } from './collectors/types.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/**
 * Line logger writing `time LEVEL message key=value…` to an injected stream (stderr in the CLI,
 * so stdout stays clean for JSONL output).
 */
export function createLogger(stream: NodeJS.WritableStream, level: LogLevel = 'info'): Logger {
  const write = (at: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: Record<string, unknown>) => {
    if (RANK[at] < RANK[level]) return;
    const extra = fields ? Object.entries(fields).map(([k, v]) => ` ${k}=${formatValue(v)}`).join('') : '';
    stream.write(`${new Date().toISOString()} ${at.toUpperCase()} ${msg}${extra}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
