import { parseArgs } from 'node:util';
import { startServer } from '../../server.js';
import { loadRuntime } from '../load.js';
import { integerOption } from '../options.js';
import { parsePgUrl } from '../../store/postgres/index.js';
import type { CliCommand, CliIo } from '../types.js';

async function runServer(argv: string[], io: CliIo, withScheduler: boolean): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string', short: 'p' } } });
  const requestedPort = integerOption(values.port, '--port', { min: 0, max: 65_535 });
  const runtime = await loadRuntime(io);
  const port = requestedPort ?? runtime.config.port;
  const server = await startServer(runtime, { port, withScheduler });
  const sources = runtime.config.sources.filter((s) => s.enabled).map((s) => s.id);
  const url = runtime.config.databaseUrl;
  const database = url ? describePg(url) : runtime.config.databasePath;
  const brands = describeBrands(await runtime.store.listBrands(), runtime.config.brands);
  io.stderr.write(
    `koubei listening on ${server.url.replace('127.0.0.1', 'localhost')}  (dashboard /, API /api, OpenAPI /api/openapi.json)\n` +
      `database ${database}${withScheduler ? `; sources: ${sources.join(', ') || 'none'}` : ''}\n${brands}`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.stderr.write('shutting down…\n');
  await server.close();
  await runtime.close();
  return 0;
}

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'Run everything in one process: scheduler, collectors, API and dashboard',
  usage: 'koubei start [--port N]',
  run: (argv, io) => runServer(argv, io, true),
};

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the API and dashboard only (no collection)',
  usage: 'koubei serve [--port N]',
  run: (argv, io) => runServer(argv, io, false),
};

/** Host, database and schema only: the URL may carry a password. */
function describePg(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL schema "${parsePgUrl(url).schema}" of database "${decodeURIComponent(parsed.pathname.slice(1))}" on ${parsed.host}`;
}

/**
 * The brands being matched. Brands stay in the store when the config drops them (the demo's, after
 * `"demo": false`), so those are named with the way to remove them.
 */
export function describeBrands(stored: readonly { id: string }[], configured: readonly { id: string }[]): string {
  const inConfig = new Set(configured.map((b) => b.id));
  const others = stored.filter((b) => !inConfig.has(b.id)).map((b) => b.id);
  const line = `brands: ${stored.map((b) => b.id).join(', ') || 'none'}\n`;
  if (configured.length === 0 || others.length === 0) return line;
  return `${line}  not in the config file (added through the API, or kept from an earlier config such as the demo's): ${others.join(', ')}; DELETE /api/brands/{id} removes one\n`;
}
