import { parseArgs } from 'node:util';
import { runCollection } from '../../jobs/run-collection.js';
import { assertSourceTypes } from '../../jobs/claim-source.js';
import { COLLECTORS } from '../../runtime.js';
import { loadRuntime } from '../load.js';
import { createProgress } from '../progress.js';
import type { CliCommand } from '../types.js';

export const collectCommand: CliCommand = {
  name: 'collect',
  summary: 'Run sources now (all enabled, or one with --source)',
  usage: 'koubei collect --once [--source ID]',
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { once: { type: 'boolean' }, source: { type: 'string', short: 's' } } });
    if (!values.once) {
      io.stderr.write('koubei collect: pass --once to run now (scheduled collection runs under `koubei start`)\n');
      return 2;
    }
    const runtime = await loadRuntime(io);
    try {
      const sources = runtime.config.sources.filter((s) => (values.source ? s.id === values.source : s.enabled));
      if (values.source && sources.length === 0) {
        io.stderr.write(`koubei collect: unknown source "${values.source}" (configured: ${runtime.config.sources.map((s) => s.id).join(', ')})\n`);
        return 2;
      }
      await assertSourceTypes(sources, runtime.store);
      let failed = 0;
      for (const source of sources) {
        const progress = createProgress(io.stderr, io.isTTY, source.id);
        const run = await runCollection(source, COLLECTORS.get(source.type)!, runtime.collection, {
          onProgress: (stage, done, total) => progress.update(done, stage === 'store' ? total : undefined),
        });
        if (run.status === 'error') failed += 1;
        progress.finish(
          run.status === 'ok'
            ? `${source.id}: ok fetched=${run.fetched} inserted=${run.inserted} updated=${run.updated} duplicates=${run.duplicates} skipped=${run.skipped} (${run.finishedAt - run.startedAt} ms)`
            : `${source.id}: error ${run.error}`,
        );
      }
      return failed ? 1 : 0;
    } finally {
      await runtime.close();
    }
  },
};
