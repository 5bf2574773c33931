import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers/cli.js';

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('smoke: koubei start', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('serves /health and shows demo data in /api/trends after one scheduled collection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-smoke-'));
    // Collection only by the schedule (every 2 s), so the data must come from a scheduled run.
    writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify({ demo: true, demoSchedule: '*/2 * * * * *', collectOnStart: false }));
    child = spawn(process.execPath, [BIN, 'start', '--port', '0'], {
      cwd: dir,
      env: { ...process.env, CI: 'true', KOUBEI_DB: join(dir, 'k.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const base = await waitFor(async () => /listening on (http:\/\/\S+)/.exec(stderr)?.[1], 60_000, `the listening line (stderr: ${stderr})`);
    const health = await waitFor(async () => {
      const res = await fetch(`${base}/health`);
      return res.ok ? res.json() : undefined;
    }, 10_000, '/health');
    expect(health).toMatchObject({ status: 'ok' });
    const volume = await waitFor(async () => {
      const body = (await (await fetch(`${base}/api/trends?interval=hour`)).json()) as { points: { volume: number }[] };
      const total = body.points.reduce((sum, p) => sum + p.volume, 0);
      return total > 0 ? total : undefined;
    }, 20_000, 'demo data in /api/trends');
    expect(volume).toBeGreaterThan(100);
    const sources = (await (await fetch(`${base}/api/sources`)).json()) as { items: { id: string; lastStatus: string; nextRunAt: string }[] };
    expect(sources.items).toEqual([expect.objectContaining({ id: 'demo', lastStatus: 'ok', nextRunAt: expect.any(String) })]);
    const page = await (await fetch(`${base}/`)).text();
    expect(page).toContain('<title>koubei');
  }, 90_000);
});
