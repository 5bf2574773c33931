import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

/** Runs `koubei …` in-process (no spawn, no tsx start-up) with its own env and captured output. */
async function runCli(argv: string[], options: { env: Record<string, string> }) {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough().on('data', (d) => (stdout += d));
  const err = new PassThrough().on('data', (d) => (stderr += d));
  const code = await main(argv, { stdout: out, stderr: err, stdin: new PassThrough(), isTTY: false, env: { CI: 'true', ...options.env } });
  return { code, stdout, stderr };
}
import { startReceiver, type Receiver } from './receiver.js';

describe('koubei alerts (CLI)', () => {
  let dir: string;
  let receiver: Receiver;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'koubei-cli-alerts-'));
    receiver = await startReceiver();
    const config = { demo: true, alerts: { channels: [{ id: 'team', type: 'webhook', url: `${receiver.url}/hook`, lang: 'en', secret: { env: 'HOOK_SECRET' } }] } };
    writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify(config));
    env = { KOUBEI_CONFIG: join(dir, 'koubei.config.json'), KOUBEI_DB: join(dir, 'k.db'), HOOK_SECRET: 'cli-secret' };
  });
  afterAll(async () => {
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('collects the demo, raises the FreshBee alert on `alerts check`, delivers it and lists it', async () => {
    expect((await runCli(['collect', '--once'], { env })).code).toBe(0);
    const check = await runCli(['alerts', 'check'], { env });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/CRITICAL freshbee .*volume_spike/);
    expect(check.stdout).toContain('1 new alerts; delivered 1');
    expect(receiver.requests).toHaveLength(1);
    const list = await runCli(['alerts', 'list'], { env });
    expect(list.stdout).toMatch(/#1 .* freshbee .*\[team:sent\(1\)\]/);
    expect((await runCli(['alerts', 'list', '--failed'], { env })).stdout).toContain('no failed deliveries');
  }, 90_000);

  it('`alerts test --channel` sends a sample card; an unknown channel is a usage error', async () => {
    const before = receiver.requests.length;
    const sent = await runCli(['alerts', 'test', '--channel', 'team'], { env });
    expect(sent.stdout).toContain('team (webhook): sample alert delivered, HTTP 200');
    const body = JSON.parse(receiver.requests[before].body);
    expect(body.title).toMatch(/^TEST/);
    const unknown = await runCli(['alerts', 'test', '--channel', 'nope'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('configured: team');
  }, 60_000);
});
