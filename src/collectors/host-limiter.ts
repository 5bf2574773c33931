/**
 * Per-host concurrency limit: at most `maxPerHost` requests in flight to one host at a time,
 * the rest wait in FIFO order. Politeness towards small Mastodon instances and self-hosted
 * feeds matters more than our throughput.
 */

/** A limiter created by {@link createHostLimiter}. */
export interface HostLimiter {
  /** Runs `task` once a slot for `host` is free; the slot is released when it settles. */
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
  /** Requests currently running for `host` (for tests and diagnostics). */
  active(host: string): number;
}

interface HostQueue {
  active: number;
  waiting: (() => void)[];
}

/**
 * Creates a limiter. Share one instance (through one polite fetch) across collectors so the
 * limit holds process-wide.
 *
 * @example
 * const limiter = createHostLimiter(2);
 * await limiter.run('mastodon.social', () => fetch(url));
 */
export function createHostLimiter(maxPerHost: number): HostLimiter {
  if (!Number.isInteger(maxPerHost) || maxPerHost < 1) {
    throw new RangeError(`maxPerHost should be a positive integer, instead found ${maxPerHost}`);
  }
  const queues = new Map<string, HostQueue>();

  const acquire = (host: string): Promise<void> => {
    let queue = queues.get(host);
    if (!queue) {
      queue = { active: 0, waiting: [] };
      queues.set(host, queue);
    }
    if (queue.active < maxPerHost) {
      queue.active += 1;
      return Promise.resolve();
    }
    const q = queue;
    // The releasing task hands its slot over directly, so `active` stays unchanged.
    return new Promise((resolve) => q.waiting.push(resolve));
  };

  const release = (host: string): void => {
    const queue = queues.get(host);
    if (!queue) return;
    const next = queue.waiting.shift();
    if (next) return next();
    queue.active -= 1;
    if (queue.active === 0) queues.delete(host);
  };

  return {
    async run(host, task) {
      await acquire(host);
      try {
        return await task();
      } finally {
        release(host);
      }
    },
    active: (host) => queues.get(host)?.active ?? 0,
  };
}
