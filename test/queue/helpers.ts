/**
 * Shared set-up for the queue tests: the real Redis at 127.0.0.1:6379, a unique key prefix per
 * test (deleted afterwards), RSS bodies for the fixture server, and polling.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** Whether Redis answers PING within a second. */
export async function pingRedis(url = REDIS_URL): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) await client.close();
  }
}

/**
 * Run the queue suites when Redis is up, and always under CI (where a missing Redis must fail,
 * not skip). Locally without Redis they are skipped with a message.
 */
export async function shouldRunQueueTests(env: Record<string, string | undefined> = process.env): Promise<boolean> {
  if (await pingRedis()) return true;
  if (env.CI) return true;
  console.warn('queue tests skipped: no Redis at 127.0.0.1:6379 (start one with `redis-server --daemonize yes --save ""`)');
  return false;
}

/** A key prefix no other test (or installation) uses. */
export function uniquePrefix(): string {
  return `koubei-test-${randomUUID().slice(0, 8)}`;
}

/** Deletes every key under `prefix`. */
export async function deletePrefix(prefix: string, url = REDIS_URL): Promise<number> {
  const client = createClient({ url });
  await client.connect();
  let deleted = 0;
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
      if (keys.length) deleted += await client.del(keys);
    }
  } finally {
    await client.close();
  }
  return deleted;
}

/** An RSS 2.0 feed of `count` distinct posts, ids `<tag>-<n>`, all dated `date`. */
export function rssFeed(tag: string, count: number, date = '2026-01-01T08:00:00Z'): string {
  const items = Array.from({ length: count }, (_, i) => {
    const text = `${tag} review ${i}: the delivery from FreshBee arrived ${i % 2 ? 'late and cold' : 'early and hot'}, order number ${i * 7919}`;
    return `<item><guid isPermaLink="false">${tag}-${i}</guid><title>${tag} ${i}</title><description>${text}</description><author>user${i % 17}@example.com</author><pubDate>${new Date(date).toUTCString()}</pubDate></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${tag}</title><link>http://127.0.0.1/</link><description>fixture</description>${items.join('')}</channel></rss>`;
}

export const RSS_HEADERS = { 'content-type': 'application/rss+xml; charset=utf-8' };

/** Polls `probe` until it returns a value other than undefined. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
