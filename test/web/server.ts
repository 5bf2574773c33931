import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../helpers/cli.js';

export interface SpawnedServer {
  base: string;
  dir: string;
  child: ChildProcess;
  /** What the server wrote to stderr so far (its start lines, logs). */
  stderr(): string;
  stop(): void;
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Starts the real `koubei start --port 0` in a temp cwd with a temp database, like a user would,
 * and resolves once it prints its address. `config` is written as koubei.config.json.
 */
export async function spawnServer(config: Record<string, unknown>, env: Record<string, string> = {}): Promise<SpawnedServer> {
  const dir = mkdtempSync(join(tmpdir(), 'koubei-web-'));
  writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify(config));
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0'], {
    cwd: dir,
    env: { ...process.env, CI: 'true', KOUBEI_DB: join(dir, 'k.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  // A server that dies at start (bad config, broken build) fails the test at once with its stderr.
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`server exited with ${code}`))));
  const listening = waitFor(async () => /listening on (http:\/\/\S+)/.exec(stderr)?.[1], 90_000, () => 'the listening line');
  const base = await Promise.race([listening, exited]).catch((err: Error) => {
    child.kill('SIGTERM');
    throw new Error(`${err.message}\nstderr: ${stderr.slice(-2000)}`);
  });
  exited.catch(() => {});
  return { base, dir, child, stderr: () => stderr, stop: () => void child.kill('SIGTERM') };
}
