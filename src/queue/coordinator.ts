import { randomUUID } from 'node:crypto';
import type { RunCoordinator } from 'node-cron';
import type { RedisClient } from './connection.js';

/**
 * node-cron's `RunCoordinator` on Redis: for each schedule slot (node-cron passes
 * `<task name>:<slot ISO time>` as the key), the first instance to `SET key NX PX ttl` runs it and
 * every other instance skips it. The key is deliberately not deleted on completion: an instance
 * whose clock lags a little would otherwise win the same slot after the first one finished.
 * A Redis error makes node-cron skip the slot (fail-closed), never run it twice.
 *
 * @example
 * cron.createTask('* * * * *', fire, { distributed: true, runCoordinator: createRedisCoordinator(client, 'koubei') });
 */
export function createRedisCoordinator(client: RedisClient, prefix: string, instanceId: string = randomUUID()): RunCoordinator {
  return {
    shouldRun: async (key, ttlMs) => (await client.set(`${prefix}:cron:${key}`, instanceId, { NX: true, PX: Math.max(1, Math.round(ttlMs)) })) === 'OK',
  };
}
