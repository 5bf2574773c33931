import type { Collector } from './types.js';
import { collector as appstore } from './appstore.js';
import { collector as bluesky } from './bluesky.js';
import { collector as demo } from './demo.js';
import { collector as file } from './file-import.js';
import { collector as hackernews } from './hackernews.js';
import { collector as mastodon } from './mastodon.js';
import { collector as reddit } from './reddit.js';
import { collector as rss } from './rss.js';
import { collector as v2ex } from './v2ex.js';
import { collector as youtube } from './youtube.js';

/** Every source type koubei knows, by the `type` used in config. */
export const COLLECTORS: ReadonlyMap<string, Collector<unknown>> = new Map(
  ([demo, file, rss, mastodon, hackernews, reddit, appstore, v2ex, bluesky, youtube] as Collector<never>[]).map((c) => [
    c.type,
    c as Collector<unknown>,
  ]),
);
