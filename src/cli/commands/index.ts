import type { CliCommand } from '../types.js';
import { analyzeCommand } from './analyze.js';
import { collectCommand } from './collect.js';
import { evalCommand } from './eval.js';
import { ingestCommand } from './ingest.js';
import { migrateCommand } from './migrate.js';
import { reportCommand } from './report.js';
import { sourcesCommand } from './sources.js';
import { serveCommand, startCommand } from './start.js';

/** Every `koubei` sub-command, in help order. */
export const COMMANDS: CliCommand[] = [
  startCommand,
  serveCommand,
  collectCommand,
  sourcesCommand,
  ingestCommand,
  reportCommand,
  analyzeCommand,
  evalCommand,
  migrateCommand,
];
