import { parseArgs } from 'node:util';
import cron from 'node-cron';
import type { SourceConfig } from '../../config.js';
import type { SourceState } from '../../store/types.js';
import { loadRuntime } from '../load.js';
import type { CliCommand } from '../types.js';

/**
 * Next fire time of a cron expression without scheduling anything. `getNextRun()` answers null
 * for a task that was never started, so the next match is asked of the expression directly.
 */
export function nextRun(schedule: string, timezone: string): Date | null {
  const task = cron.createTask(schedule, () => undefined, { timezone });
  try {
    return task.getNextRuns(1)[0] ?? null;
  } finally {
    void task.destroy();
  }
}

interface SourceRow {
  id: string;
  type: string;
  config?: SourceConfig;
  state?: SourceState;
}

/**
 * The configured sources in config order, then those the store knows that the config does not
 * (push sources created by `POST /api/ingest`, `koubei ingest` imports), as `/api/sources` lists them.
 */
function collectRows(configured: SourceConfig[], states: SourceState[]): SourceRow[] {
  const byId = new Map(states.map((s) => [s.id, s]));
  const known = new Set(configured.map((s) => s.id));
  return [
    ...configured.map((config) => ({ id: config.id, type: config.type, config, state: byId.get(config.id) })),
    ...states.filter((s) => !known.has(s.id)).sort((a, b) => a.id.localeCompare(b.id)).map((state) => ({ id: state.id, type: state.type, state })),
  ];
}

function health(row: SourceRow): string {
  if (row.config && !row.config.enabled) return 'disabled';
  return row.state && !row.state.healthy ? `unhealthy(${row.state.consecutiveFailures})` : 'ok';
}

function nextRunCell(row: SourceRow, timezone: string): string {
  if (!row.config) return 'on push';
  return (row.config.enabled ? nextRun(row.config.schedule, timezone)?.toISOString() : undefined) ?? '-';
}

export const sourcesCommand: CliCommand = {
  name: 'sources',
  summary: 'List sources (configured and push) with schedule, health, last run, counts and next run',
  usage: 'koubei sources',
  async run(argv, io) {
    parseArgs({ args: argv, options: {} });
    const runtime = await loadRuntime(io);
    try {
      const table = [['ID', 'TYPE', 'SCHEDULE', 'HEALTH', 'LAST RUN', 'STATUS', 'FETCHED/NEW', 'NEXT RUN']];
      for (const row of collectRows(runtime.config.sources, await runtime.store.listSources())) {
        const [last] = await runtime.store.listRuns(row.id, 1);
        table.push([
          row.id,
          row.type,
          row.config?.schedule ?? '-',
          health(row),
          row.state?.lastRunAt ?? 'never',
          last ? (last.status === 'ok' ? 'ok' : `error: ${last.error?.slice(0, 60)}`) : '-',
          last ? `${last.fetched}/${last.inserted}` : '-',
          nextRunCell(row, runtime.config.timezone),
        ]);
      }
      const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
      for (const cells of table) io.stdout.write(`${cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()}\n`);
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
