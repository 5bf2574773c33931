import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { makeRuntime } from '../helpers/runtime.js';

interface RawResponse {
  statusLine: string;
  headers: Map<string, string>;
  body: string;
}

/** Sends `request` as bytes over a plain TCP socket, as a raw client would, and reads the reply to its end. */
function sendRaw(port: number, request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.from(request, 'utf8')));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // A 200 keeps the connection alive: stop once the declared body is in.
      const text = Buffer.concat(chunks).toString('utf8');
      const length = /content-length: (\d+)/i.exec(text)?.[1];
      const bodyStart = text.indexOf('\r\n\r\n');
      if (length && bodyStart >= 0 && Buffer.byteLength(text.slice(bodyStart + 4)) >= Number(length)) socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, body = ''] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ statusLine, headers, body });
    });
  });
}

describe('requests Node cannot parse', () => {
  let runtime: Runtime;
  let server: RunningServer;
  let port: number;
  beforeAll(async () => {
    runtime = await makeRuntime();
    server = await startServer(runtime, { port: 0, withScheduler: false });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server.close();
    await runtime.close();
  });

  it('answers raw UTF-8 in the request line with a JSON 400 in the API error shape that says to percent-encode', async () => {
    const res = await sendRaw(port, 'GET /api/mentions?q=外卖 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(res.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('connection')).toBe('close');
    const body = JSON.parse(res.body);
    expect(Object.keys(body).sort()).toEqual(['code', 'message', 'requestId']);
    expect(body).toMatchObject({ code: 'VALIDATION', requestId: res.headers.get('x-request-id') });
    expect(body.message).toContain('percent-encode the path and query (q=%E5%A4%96%E5%8D%96 for q=外卖');
  });

  it('answers the same query percent-encoded as usual', async () => {
    const res = await sendRaw(port, `GET /api/mentions?q=${encodeURIComponent('外卖')} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(res.statusLine).toBe('HTTP/1.1 200 OK');
    expect(JSON.parse(res.body)).toEqual({ items: [], nextCursor: null });
  });

  it('answers other malformed requests with a JSON 400 as well', async () => {
    const res = await sendRaw(port, 'GET /api/mentions HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n');
    expect(res.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(res.body)).toMatchObject({ code: 'PARSE', message: 'malformed HTTP request: Parse Error: Invalid header token (HPE_INVALID_HEADER_TOKEN)' });
  });
});
