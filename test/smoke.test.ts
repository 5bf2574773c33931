import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The server's URL from its "listening on" line; fails at once, with its output, if it exits first. */
function listeningUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no listening line after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}) before listening:\n${output}`));
    });
  });
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * The node arguments of `npm start` (`node <flags> bin/koubei.js start`), run here without npm in
 * between so the test owns the server process itself.
 */
function npmStartArgs(): string[] {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const [command, ...args] = script.split(/\s+/);
  if (command !== 'node') throw new Error(`npm start is expected to run node: ${script}`);
  return args;
}

describe('smoke: npm start', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('serves /health and shows demo data in /api/trends after one scheduled collection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-smoke-'));
    const configFile = join(dir, 'koubei.config.json');
    // Collection only by the schedule (every 2 s), so the data must come from a scheduled run.
    writeFileSync(configFile, JSON.stringify({ demo: true, demoSchedule: '*/2 * * * * *', collectOnStart: false }));
    child = spawn(process.execPath, [...npmStartArgs(), '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', KOUBEI_CONFIG: configFile, KOUBEI_DB: join(dir, 'k.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const base = await listeningUrl(child, 60_000);
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
