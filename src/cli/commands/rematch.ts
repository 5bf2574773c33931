import { loadRuntime } from '../load.js';
import { createProgress } from '../progress.js';
import type { CliCommand } from '../types.js';

/**
 * `koubei rematch`: matches every stored mention against the brands of the config (and those added
 * through the API) and moves the mentions whose matches changed, with their rollup counts. The
 * server does the same in the background after a brand changes through the API.
 */
export const rematchCommand: CliCommand = {
  name: 'rematch',
  summary: 'Match stored mentions against the current brands (after adding or editing a brand)',
  usage: 'koubei rematch',
  async run(_argv, io) {
    const runtime = await loadRuntime(io);
    try {
      const progress = createProgress(io.stderr, io.isTTY, 'rematch');
      const summary = await runtime.rematchBrands((s) => progress.update(s.scanned));
      progress.finish(`rematch: ${summary.scanned} mentions read, ${summary.relinked} with changed brand matches, ${summary.reindexed} re-indexed for search`);
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
