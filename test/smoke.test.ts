import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

interface Launch {
  name: string;
  /** Spawns the server with `--port 0`, reading its config from `configFile`. */
  spawn(configFile: string, env: NodeJS.ProcessEnv): ChildProcess;
}

const LAUNCHES: Launch[] = [
  {
    name: 'koubei start (TypeScript through tsx)',
    spawn: (configFile, env) => spawn(process.execPath, [BIN, 'start', '--port', '0'], { env: { ...env, KOUBEI_CONFIG: configFile }, stdio: ['ignore', 'pipe', 'pipe'] }),
  },
  {
    // What a fresh clone runs: prestart compiles src/ to dist/, and the compiled CLI must find the
    // lexicons, models, migrations and dashboard assets from there.
    name: 'npm start (compiled to dist/)',
    spawn: (configFile, env) =>
      spawn('npm', ['start', '--silent', '--', '--port', '0'], { cwd: ROOT, env: { ...env, KOUBEI_CONFIG: configFile }, stdio: ['ignore', 'pipe', 'pipe'], detached: true }),
  },
];

describe.each(LAUNCHES)('smoke: $name', (launch) => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    // npm runs the server in a child of its own: stop the whole process group.
    if (child?.pid && child.exitCode === null && child.signalCode === null) process.kill(launch.name.startsWith('npm') ? -child.pid : child.pid, 'SIGTERM');
  });

  it('serves /health and shows demo data in /api/trends after one scheduled collection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-smoke-'));
    const configFile = join(dir, 'koubei.config.json');
    // Collection only by the schedule (every 2 s), so the data must come from a scheduled run.
    writeFileSync(configFile, JSON.stringify({ demo: true, demoSchedule: '*/2 * * * * *', collectOnStart: false }));
    child = launch.spawn(configFile, { ...process.env, CI: 'true', KOUBEI_DB: join(dir, 'k.db') });
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
