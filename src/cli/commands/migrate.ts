import { loadConfig } from '../../config.js';
import { COLLECTORS } from '../../collectors/index.js';
import { migrateDb, openDb } from '../../store/db.js';
import type { CliCommand } from '../types.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Create or upgrade the database schema',
  usage: 'koubei migrate',
  async run(_argv, io) {
    const config = loadConfig({ env: io.env, collectors: COLLECTORS });
    const db = openDb(config.databasePath, { migrate: false });
    try {
      const applied = migrateDb(db);
      const version = db.pragma('user_version', { simple: true });
      io.stderr.write(
        applied.length
          ? `migrated ${config.databasePath}: applied ${applied.join(', ')}; schema version ${version}\n`
          : `${config.databasePath} is up to date (schema version ${version})\n`,
      );
    } finally {
      db.close();
    }
    return 0;
  },
};
