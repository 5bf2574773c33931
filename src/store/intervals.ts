import type { Interval } from './types.js';

/** Bucket sizes in milliseconds; buckets are aligned to UTC. */
export const INTERVAL_MS: Record<Interval, number> = { hour: 3_600_000, day: 86_400_000 };
