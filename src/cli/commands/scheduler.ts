import { parseArgs } from 'node:util';
import { startSchedulerNode } from '../../queue/nodes.js';
import { loadRuntime } from '../load.js';
import type { CliCommand } from '../types.js';
import { untilSignal } from './worker.js';

export const schedulerCommand: CliCommand = {
  name: 'scheduler',
  summary: 'Enqueue collections on their schedules (needs REDIS_URL); run one or more, each slot fires once',
  usage: 'koubei scheduler',
  async run(argv, io) {
    parseArgs({ args: argv, options: {} });
    const runtime = await loadRuntime(io);
    try {
      const node = await startSchedulerNode(runtime);
      const sources = runtime.config.sources.filter((s) => s.enabled).map((s) => `${s.id} (${s.schedule})`);
      io.stderr.write(`koubei scheduler ${process.pid}: queues ${node.queues.prefix}; sources: ${sources.join(', ') || 'none'}\n`);
      await untilSignal();
      io.stderr.write('scheduler stopping…\n');
      await node.close();
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
