import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextRun } from '../../src/cli/commands/sources.js';
import { runCli } from '../helpers/cli.js';

describe('koubei sources', () => {
  it('computes the next run of a cron expression in the configured time zone without starting a task', () => {
    const from = Date.now();
    const next = nextRun('0 9 * * *', 'Asia/Shanghai')!;
    expect(next.getTime()).toBeGreaterThan(from);
    expect(next.getTime() - from).toBeLessThanOrEqual(24 * 3600_000);
    expect(next.toISOString()).toMatch(/T01:00:00\.000Z$/);
  });

  it('lists push sources the store knows as /api/sources does, and the next run of scheduled ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-sources-'));
    writeFileSync(
      join(dir, 'koubei.config.json'),
      JSON.stringify({
        timezone: 'Asia/Shanghai',
        sources: [{ id: 'acme-news', type: 'rss', schedule: '0 9 * * *', config: { url: 'https://example.com/feed.xml' } }],
      }),
    );
    writeFileSync(join(dir, 'posts.jsonl'), '{"id":"1","text":"好吃"}\n');
    const env = { KOUBEI_DB: join(dir, 'k.db'), KOUBEI_DEMO: 'false' };
    expect((await runCli(['ingest', 'posts.jsonl', '--source', 'crm'], { env, cwd: dir })).code).toBe(0);
    const result = await runCli(['sources'], { env, cwd: dir });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+SCHEDULE\s+HEALTH\s+LAST RUN\s+STATUS\s+FETCHED\/NEW\s+NEXT RUN$/);
    expect(lines[1]).toMatch(/^acme-news\s+rss\s+0 9 \* \* \*\s+ok\s+never\s+-\s+-\s+\d{4}-\d\d-\d\dT01:00:00\.000Z$/);
    expect(lines[2]).toMatch(/^crm\s+file\s+-\s+ok\s+\S+\s+-\s+-\s+on push$/);
  }, 90_000);
});
