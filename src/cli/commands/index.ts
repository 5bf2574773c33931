import type { CliCommand } from '../types.js';
import { alertsCommand } from './alerts.js';
import { analyzeCommand } from './analyze.js';
import { collectCommand } from './collect.js';
import { digestCommand } from './digest.js';
import { evalCommand } from './eval.js';
import { ingestCommand } from './ingest.js';
import { migrateCommand } from './migrate.js';
import { migrateStoreCommand } from './migrate-store.js';
import { reportCommand } from './report.js';
import { sourcesCommand } from './sources.js';
import { authorsCommand } from './authors.js';
import { keysCommand } from './keys.js';
import { profilesCommand } from './profiles.js';
import { purgeCommand } from './purge.js';
import { rematchCommand } from './rematch.js';
import { serveCommand, startCommand } from './start.js';
import { workerCommand } from './worker.js';
import { schedulerCommand } from './scheduler.js';
import { queueCommand } from './queue.js';

/** Every `koubei` sub-command, in help order. */
export const COMMANDS: CliCommand[] = [
  startCommand,
  serveCommand,
  collectCommand,
  sourcesCommand,
  ingestCommand,
  reportCommand,
  digestCommand,
  analyzeCommand,
  alertsCommand,
  evalCommand,
  migrateCommand,
  migrateStoreCommand,
  profilesCommand,
  authorsCommand,
  keysCommand,
  purgeCommand,
  rematchCommand,
  workerCommand,
  schedulerCommand,
  queueCommand,
];
