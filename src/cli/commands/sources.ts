import cron from 'node-cron';
import { loadRuntime } from '../load.js';
import type { CliCommand } from '../types.js';

/** Next fire time of a cron expression without scheduling anything. */
function nextRun(schedule: string, timezone: string): string {
  const task = cron.createTask(schedule, () => undefined, { timezone });
  const next = task.getNextRun();
  void task.destroy();
  return next ? next.toISOString() : '-';
}

export const sourcesCommand: CliCommand = {
  name: 'sources',
  summary: 'List sources with last run, status, counts and next run',
  usage: 'koubei sources',
  async run(_argv, io) {
    const runtime = await loadRuntime(io);
    try {
      const states = new Map((await runtime.store.listSources()).map((s) => [s.id, s]));
      const rows = [['ID', 'TYPE', 'SCHEDULE', 'HEALTH', 'LAST RUN', 'STATUS', 'FETCHED/NEW', 'NEXT RUN']];
      for (const source of runtime.config.sources) {
        const state = states.get(source.id);
        const [last] = await runtime.store.listRuns(source.id, 1);
        rows.push([
          source.id,
          source.type,
          source.schedule,
          !source.enabled ? 'disabled' : state && !state.healthy ? `unhealthy(${state.consecutiveFailures})` : 'ok',
          state?.lastRunAt ?? 'never',
          last ? (last.status === 'ok' ? 'ok' : `error: ${last.error?.slice(0, 60)}`) : '-',
          last ? `${last.fetched}/${last.inserted}` : '-',
          source.enabled ? nextRun(source.schedule, runtime.config.timezone) : '-',
        ]);
      }
      const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
      for (const row of rows) io.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()}\n`);
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
