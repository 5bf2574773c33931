/**
 * A chat-platform stand-in on 127.0.0.1 (node:http, port 0). It keeps the raw request URL (to
 * check URL-encoding of signatures), headers and body, and answers with a scripted handler.
 * `processed` holds the idempotency keys it acted on, the way a careful receiver would.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  rawUrl: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status?: number;
  body?: string | object;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Idempotency keys processed once each. */
  processed: string[];
  handle: (req: ReceivedRequest, index: number) => Answer;
  close(): Promise<void>;
}

/** Starts a receiver; by default answers 200 `{}` and processes each idempotency key once. */
export async function startReceiver(handle: Receiver['handle'] = () => ({ status: 200, body: {} })): Promise<Receiver> {
  const receiver = { requests: [] as ReceivedRequest[], processed: [] as string[], handle } as Receiver;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', rawUrl: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      receiver.requests.push(request);
      const key = String(req.headers['idempotency-key'] ?? '');
      if (key && !receiver.processed.includes(key)) receiver.processed.push(key);
      const answer = receiver.handle(request, receiver.requests.length - 1);
      const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
      res.writeHead(answer.status ?? 200, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
