import { createServer, maxHeaderSize } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientError } from '../../src/api/client-error.js';
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

/** The API's error body, with the id of the X-Request-Id header and the connection closed. */
function expectErrorBody(res: RawResponse, code: string): void {
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(res.headers.get('connection')).toBe('close');
  const body = JSON.parse(res.body);
  expect(Object.keys(body).sort()).toEqual(['code', 'message', 'requestId']);
  expect(body).toMatchObject({ code, requestId: res.headers.get('x-request-id') });
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

  it('answers request headers over Node\'s limit with a JSON 431 naming the limit', async () => {
    const res = await sendRaw(port, `GET /api/mentions HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${'a'.repeat(maxHeaderSize)}\r\n\r\n`);
    expect(res.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expectErrorBody(res, 'HEADERS_TOO_LARGE');
    expect(JSON.parse(res.body).message).toBe(
      `the request line and headers are larger than the ${maxHeaderSize} bytes this server reads: shorten the URL, or send fewer or shorter headers (cookies, tokens)`,
    );
  });

  it('answers chunk extensions over Node\'s limit with a JSON 413', async () => {
    const chunked = `POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const res = await sendRaw(port, `${chunked}2;${'x'.repeat(20_000)}\r\n[]\r\n0\r\n\r\n`);
    expect(res.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expectErrorBody(res, 'PAYLOAD_TOO_LARGE');
  });

  it('answers other malformed requests with a JSON 400 as well', async () => {
    const res = await sendRaw(port, 'GET /api/mentions HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n');
    expect(res.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(res.body)).toMatchObject({ code: 'PARSE', message: 'malformed HTTP request: Parse Error: Invalid header token (HPE_INVALID_HEADER_TOKEN)' });
  });
});

describe('requests that do not arrive in time', () => {
  it('get a JSON 408 once the server\'s headers timeout passes', async () => {
    // Node checks for late requests every connectionsCheckingInterval (30 s by default), so this server checks often.
    const server = createServer({ connectionsCheckingInterval: 20, headersTimeout: 100, requestTimeout: 100 }, (_req, res) => res.end());
    server.on('clientError', answerClientError);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await sendRaw((server.address() as AddressInfo).port, 'GET /api/mentions HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      expect(res.statusLine).toBe('HTTP/1.1 408 Request Timeout');
      expectErrorBody(res, 'REQUEST_TIMEOUT');
      expect(JSON.parse(res.body).message).toBe('the request did not arrive whole in time: send its headers and body without pausing');
    } finally {
      server.close();
    }
  });
});
