/**
 * Local HTTP fixture server for collector tests: node:http on 127.0.0.1, port 0, serving recorded
 * platform responses and recording every request so tests can assert on query strings, headers
 * and bodies. No test reaches the internet.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One canned response. An object `body` is sent as JSON; a Buffer as raw bytes. */
export interface FixtureResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
  /** Wait this long before answering (timeouts, concurrency). */
  delayMs?: number;
}

/** A request the server received. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A route: a fixed response, a sequence (served in order, the last one repeating) or a function
 * of the request.
 */
export type FixtureHandler = FixtureResponse | FixtureResponse[] | ((req: RecordedRequest) => FixtureResponse);

/** Route keys are `"/path"` (any method) or `"POST /path"`. */
export type FixtureRoutes = Record<string, FixtureHandler>;

export interface FixtureServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Requests whose path equals `path`. */
  requestsTo(path: string): RecordedRequest[];
  /** Adds or replaces a route (a sequence restarts from its first response). */
  route(key: string, handler: FixtureHandler): void;
  close(): Promise<void>;
}

const FIXTURE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'collectors');

/** Reads `test/fixtures/collectors/<source>/<name>` as UTF-8. */
export function readFixture(source: string, name: string): string {
  return readFileSync(join(FIXTURE_ROOT, source, name), 'utf8');
}

/** Reads a fixture as raw bytes (for non-UTF-8 bodies). */
export function readFixtureBytes(source: string, name: string): Buffer {
  return readFileSync(join(FIXTURE_ROOT, source, name));
}

/** Reads and parses a JSON fixture (so tests can tweak it before serving). */
export function readJsonFixture<T = any>(source: string, name: string): T {
  return JSON.parse(readFixture(source, name)) as T;
}

function pick(handler: FixtureHandler, req: RecordedRequest, served: number): FixtureResponse {
  if (typeof handler === 'function') return handler(req);
  if (Array.isArray(handler)) return handler[Math.min(served, handler.length - 1)];
  return handler;
}

/**
 * Starts a fixture server. Unknown routes answer 404 with a message naming the path.
 *
 * @example
 * const server = await startFixtureServer({ '/feed.xml': { headers: { 'content-type': 'application/rss+xml' }, body: xml } });
 * afterEach(() => server.close());
 */
export async function startFixtureServer(routes: FixtureRoutes = {}): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const servedCount = new Map<string, number>();
  const requests: RecordedRequest[] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const key = table.has(`${recorded.method} ${recorded.path}`) ? `${recorded.method} ${recorded.path}` : recorded.path;
      const handler = table.get(key);
      if (!handler) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`no fixture route for ${recorded.method} ${recorded.path}`);
        return;
      }
      const served = servedCount.get(key) ?? 0;
      servedCount.set(key, served + 1);
      const fixture = pick(handler, recorded, served);
      const raw = fixture.body;
      const isJson = raw !== undefined && typeof raw !== 'string' && !Buffer.isBuffer(raw);
      const body = isJson ? JSON.stringify(raw) : ((raw as string | Buffer | undefined) ?? '');
      const headers = { ...(isJson ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...fixture.headers };
      const send = () => {
        if (!res.destroyed) res.writeHead(fixture.status ?? 200, headers).end(body);
      };
      if (fixture.delayMs) setTimeout(send, fixture.delayMs);
      else send();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    route: (key, handler) => {
      table.set(key, handler);
      servedCount.delete(key); // a replaced sequence starts from its first response
    },
    // Idempotent, so a suite-level afterEach may close a server a test already closed.
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
