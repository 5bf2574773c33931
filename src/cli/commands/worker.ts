import { parseArgs } from 'node:util';
import { listDeadLetters } from '../../queue/dead-letter.js';
import { openQueueNode, startWorkerNode } from '../../queue/nodes.js';
import { loadRuntime } from '../load.js';
import { integerOption } from '../options.js';
import type { CliCommand } from '../types.js';
import { printDeadLetters } from './queue.js';

/** Waits for SIGINT or SIGTERM. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'Run queued collection, analysis, tag and alert jobs (needs REDIS_URL); any number of these may run',
  usage: 'koubei worker [--concurrency N] [--batch-size N] [--lock-duration MS] [--stalled-interval MS] | koubei worker --dead-letters',
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        concurrency: { type: 'string', short: 'c' },
        'batch-size': { type: 'string' },
        'lock-duration': { type: 'string' },
        'stalled-interval': { type: 'string' },
        'dead-letters': { type: 'boolean' },
      },
    });
    const options = {
      concurrency: integerOption(values.concurrency, '--concurrency') ?? 1,
      batchSize: integerOption(values['batch-size'], '--batch-size'),
      lockDurationMs: integerOption(values['lock-duration'], '--lock-duration'),
      stalledIntervalMs: integerOption(values['stalled-interval'], '--stalled-interval'),
    };
    const runtime = await loadRuntime(io);
    try {
      if (values['dead-letters']) {
        const queues = await openQueueNode(runtime, '`koubei worker --dead-letters`');
        printDeadLetters(await listDeadLetters(queues.queues.dead), io);
        await queues.close();
        return 0;
      }
      const node = await startWorkerNode(runtime, options);
      io.stderr.write(`koubei worker ${process.pid}: concurrency ${options.concurrency}, queues ${node.queues.prefix}:{collect,analyse,tags,alerts}; database ${runtime.config.databasePath}\n`);
      await untilSignal();
      io.stderr.write('worker stopping: finishing running jobs…\n');
      await node.close();
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
