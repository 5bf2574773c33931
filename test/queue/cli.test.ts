import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { closeRedis, connectRedis } from '../../src/queue/connection.js';
import { openQueues } from '../../src/queue/queues.js';
import { runCli } from '../helpers/cli.js';
import { deletePrefix, REDIS_URL, shouldRunQueueTests, uniquePrefix } from './helpers.js';

const runQueueTests = await shouldRunQueueTests();
const dir = mkdtempSync(join(tmpdir(), 'koubei-queue-cli-'));
writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify({ demo: false }));
const baseEnv = { KOUBEI_DB: join(dir, 'k.db'), DATABASE_URL: '' };

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('koubei worker without Redis configured', () => {
  it('exits 1 naming REDIS_URL and pointing at koubei start', async () => {
    const result = await runCli(['worker'], { cwd: dir, env: { ...baseEnv, REDIS_URL: '' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('REDIS_URL: required for `koubei worker`');
    expect(result.stderr).toContain('koubei start');
  }, 60_000);
});

describe.runIf(runQueueTests)('koubei queue (Redis)', () => {
  const prefix = uniquePrefix();
  afterAll(() => deletePrefix(prefix));

  it('lists dead letters, re-queues one with `retry`, and prints queue counts', async () => {
    const client = await connectRedis(REDIS_URL, silentLogger);
    const queues = openQueues(client, { prefix });
    try {
      const entry = { queue: 'collect', jobId: 'c-x1', name: 'collect', data: { sourceId: 'hn-acme' }, error: 'upstream answered 503', attempts: 3, failedAt: '2026-11-20T10:00:00.000Z' };
      await queues.dead.add('collect', entry, { jobId: 'collect-c-x1' });
      const env = { ...baseEnv, REDIS_URL, KOUBEI_QUEUE_PREFIX: prefix };
      const dead = await runCli(['queue', 'dead'], { cwd: dir, env });
      expect(dead.code).toBe(0);
      expect(dead.stdout).toContain('collect-c-x1  collect  attempts=3');
      expect(dead.stdout).toContain('error: upstream answered 503');
      const json = await runCli(['worker', '--dead-letters'], { cwd: dir, env });
      expect(json.stdout).toContain('collect-c-x1');
      const retry = await runCli(['queue', 'retry', 'collect-c-x1'], { cwd: dir, env });
      expect(retry).toMatchObject({ code: 0, stdout: 're-queued collect job c-x1\n' });
      expect(await queues.dead.count()).toBe(0);
      expect((await queues.collect.getJob('c-x1'))?.data).toEqual({ sourceId: 'hn-acme' });
      const counts = await runCli(['queue', 'counts'], { cwd: dir, env });
      expect(counts.stdout).toMatch(/^collect +waiting=1 active=0/m);
    } finally {
      await queues.close();
      await closeRedis(client);
    }
  }, 90_000);
});
