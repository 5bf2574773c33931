import { parseArgs } from 'node:util';
import { listDeadLetters, retryDeadLetter, type DeadLetter } from '../../queue/dead-letter.js';
import { WORK_QUEUES } from '../../queue/jobs.js';
import { openQueueNode } from '../../queue/nodes.js';
import { loadRuntime } from '../load.js';
import { integerOption, noExtraArguments } from '../options.js';
import type { CliCommand, CliIo } from '../types.js';

/** One line per dead letter: id, queue, attempts, time, error, and a short view of the payload. */
export function printDeadLetters(letters: DeadLetter[], io: CliIo, json = false): void {
  if (json) {
    for (const letter of letters) io.stdout.write(`${JSON.stringify(letter)}\n`);
    return;
  }
  if (!letters.length) io.stdout.write('no dead letters\n');
  for (const l of letters) {
    const data = l.data as { sourceId?: string; posts?: unknown[] };
    const what = data?.posts ? `source=${data.sourceId} posts=${data.posts.length}` : JSON.stringify(l.data).slice(0, 60);
    io.stdout.write(`${l.id}  ${l.queue}  attempts=${l.attempts}  ${l.failedAt}  ${what}  error: ${l.error}\n`);
  }
}

export const queueCommand: CliCommand = {
  name: 'queue',
  summary: 'Inspect the job queues (needs REDIS_URL): counts, dead letters, retry a dead letter',
  usage: 'koubei queue counts | koubei queue dead [--limit N] [--json] | koubei queue retry ID',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { limit: { type: 'string' }, json: { type: 'boolean' } },
    });
    const [action, id] = positionals;
    noExtraArguments(positionals, action === 'retry' ? 2 : 1);
    const limit = integerOption(values.limit, '--limit', { max: 10_000 }) ?? 100;
    if (!['counts', 'dead', 'retry'].includes(action ?? '') || (action === 'retry' && !id)) {
      io.stderr.write(`usage: ${queueCommand.usage}\n`);
      return 2;
    }
    const runtime = await loadRuntime(io);
    const node = await openQueueNode(runtime, '`koubei queue`').catch(async (err) => {
      await runtime.close();
      throw err;
    });
    try {
      if (action === 'dead') printDeadLetters(await listDeadLetters(node.queues.dead, limit), io, values.json);
      if (action === 'retry') {
        const letter = await retryDeadLetter(node.queues, id);
        io.stdout.write(`re-queued ${letter.queue} job ${letter.jobId}\n`);
      }
      if (action === 'counts') {
        for (const name of WORK_QUEUES) {
          const counts = await node.queues[name].getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
          io.stdout.write(`${name.padEnd(8)} ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
        }
        io.stdout.write(`dead     ${await node.queues.dead.count()}\n`);
      }
      return 0;
    } finally {
      await node.close();
      await runtime.close();
    }
  },
};
