import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ParseError } from '../errors.js';
import { DEMO_DIR } from '../resources/paths.js';
import type { Collector } from './types.js';
import { type DemoCursor, type DemoPost, replayDemo, TIMELINE_MINUTES } from './demo-stream.js';

const DemoConfig = z
  .object({
    /** Minute of the 72 h timeline that "now" maps to on the first run; the default lands just after the planted incident. */
    anchorMinute: z.number().int().min(0).max(TIMELINE_MINUTES - 1).default(62 * 60),
    file: z.string().default(join(DEMO_DIR, 'posts.jsonl')),
  })
  .strict();

export type DemoConfig = z.infer<typeof DemoConfig>;

const cache = new Map<string, Promise<DemoPost[]>>();

async function readDemoFile(file: string): Promise<DemoPost[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim());
  return lines.map((line, i) => {
    try {
      return JSON.parse(line) as DemoPost;
    } catch (err) {
      throw new ParseError(`${file}:${i + 1}: malformed demo post (${(err as Error).message})`, i + 1, { cause: err });
    }
  });
}

/** The demo file is read once per process and shared by every run. */
function loadDemoPosts(file: string): Promise<DemoPost[]> {
  let posts = cache.get(file);
  if (!posts) {
    posts = readDemoFile(file);
    cache.set(file, posts);
    posts.catch(() => cache.delete(file));
  }
  return posts;
}

function parseCursor(cursor: string | null): DemoCursor | null {
  if (!cursor) return null;
  const value = JSON.parse(cursor) as DemoCursor;
  return Number.isFinite(value.startMs) ? value : null;
}

/**
 * Built-in demo source: replays `data/demo/posts.jsonl`, a 72-hour stream of Chinese and English
 * posts about fictional brands (with a planted complaint burst), so a fresh install has data.
 */
export const collector: Collector<DemoConfig> = {
  type: 'demo',
  name: 'Demo stream (fictional brands)',
  configSchema: DemoConfig,
  defaultSchedule: '* * * * *',
  requiresConfig: [],
  async collect(ctx) {
    const posts = await loadDemoPosts(ctx.config.file);
    const result = replayDemo(posts, parseCursor(ctx.cursor), ctx.now().getTime(), ctx.config.anchorMinute, ctx.sourceId);
    ctx.progress?.(result.posts.length);
    return { posts: result.posts, cursor: JSON.stringify(result.cursor) };
  },
};
