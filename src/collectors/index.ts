import type { Collector } from './types.js';
import { collector as demo } from './demo.js';
import { collector as file } from './file-import.js';

/** Every source type koubei knows, by the `type` used in config. */
export const COLLECTORS: ReadonlyMap<string, Collector<unknown>> = new Map(
  ([demo, file] as Collector<never>[]).map((c) => [c.type, c as Collector<unknown>]),
);
