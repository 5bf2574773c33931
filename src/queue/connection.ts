import { createClient } from 'redis';
import type { Logger } from '../collectors/types.js';
import { UpstreamError } from '../errors.js';

/** A connected node-redis client. BullMQ 6 takes it as `connection` (it has no ioredis here). */
export type RedisClient = ReturnType<typeof createClient>;

export interface ConnectRedisOptions {
  /** Give up on the first connection after this long, so a mistyped URL fails at start. */
  connectTimeoutMs?: number;
  /** Minimum gap between two "connection lost" log lines while Redis is down. */
  logEveryMs?: number;
}

/**
 * Connects to Redis. After the first connection the client reconnects on its own for as long as
 * Redis is away (BullMQ workers pause and resume with it); until then a failure is an error.
 *
 * @example
 * const client = await connectRedis('redis://127.0.0.1:6379', log);
 */
export async function connectRedis(url: string, log: Logger, options: ConnectRedisOptions = {}): Promise<RedisClient> {
  const { connectTimeoutMs = 5000, logEveryMs = 10_000 } = options;
  let connected = false;
  let lastLog = 0;
  const client = createClient({
    url,
    socket: {
      connectTimeout: connectTimeoutMs,
      // Before the first connection: fail fast. After it: keep retrying (≤ 2 s apart) forever.
      reconnectStrategy: (retries, cause) => (connected ? Math.min(100 * 2 ** retries, 2000) : cause),
    },
  });
  client.on('error', (err: Error) => {
    if (!connected || Date.now() - lastLog < logEveryMs) return;
    lastLog = Date.now();
    log.warn('redis connection lost; retrying', { error: err.message });
  });
  client.on('ready', () => {
    if (connected && lastLog) log.info('redis connection restored');
    lastLog = 0;
  });
  try {
    await client.connect();
  } catch (err) {
    throw new UpstreamError(`redis: cannot connect to ${redactUrl(url)} (${(err as Error).message})`, undefined, { cause: err });
  }
  connected = true;
  return client;
}

/** Closes a client whether or not Redis is still there. */
export async function closeRedis(client: RedisClient): Promise<void> {
  try {
    await client.close();
  } catch {
    client.destroy();
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

/**
 * A warn function that drops repeats of the same message within `everyMs`: while Redis is down,
 * every queue and worker connection reports each failed reconnect.
 */
export function throttledWarn(log: Logger, everyMs = 10_000): (msg: string, fields: Record<string, unknown>) => void {
  const last = new Map<string, number>();
  return (msg, fields) => {
    const now = Date.now();
    if (now - (last.get(msg) ?? -Infinity) < everyMs) return;
    last.set(msg, now);
    log.warn(msg, fields);
  };
}
