import { parseArgs } from 'node:util';
import { loadRuntime } from '../load.js';
import { createProgress } from '../progress.js';
import type { CliCommand } from '../types.js';

/**
 * `koubei rematch`: matches every stored mention against the brands of the config (and those added
 * through the API) and moves the mentions whose matches changed, with their rollup counts, and
 * recomputes the aspects of mentions naming a brand (aspect matching looks through brand names). The
 * server does the same in the background after a brand changes through the API.
 */
export const rematchCommand: CliCommand = {
  name: 'rematch',
  summary: 'Match stored mentions against the current brands and update their aspects (after adding or editing a brand)',
  usage: 'koubei rematch',
  async run(argv, io) {
    parseArgs({ args: argv, options: {} });
    const runtime = await loadRuntime(io);
    try {
      const progress = createProgress(io.stderr, io.isTTY, 'rematch');
      const summary = await runtime.rematchBrands((s) => progress.update(s.scanned));
      // The search index cannot be read back to compare, so every mention whose tokens hold a brand
      // word is re-indexed on each run; the message says so rather than calling them all changed.
      progress.finish(
        `rematch: ${summary.scanned} mentions read, ${summary.relinked} with changed brand matches, ` +
          `${summary.aspectsChanged} with changed aspects, ${summary.reindexed} naming a brand word re-indexed for search`,
      );
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
