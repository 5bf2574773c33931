import { parseArgs } from 'node:util';
import { ValidationError } from '../../errors.js';
import type { CliCommand } from '../types.js';
import { withProfiles } from './profiles.js';

/** `koubei purge [--days N]`: the retention purge the scheduler runs daily, on demand. */
export const purgeCommand: CliCommand = {
  name: 'purge',
  summary: 'Delete mentions older than retentionDays (or --days N), keeping rollups consistent',
  usage: 'koubei purge [--days N]',
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { days: { type: 'string' } } });
    const result = await withProfiles(io, async ({ config, service }) => {
      const days = values.days !== undefined ? Number(values.days) : config.retentionDays;
      if (days === undefined) throw new ValidationError('purge: no retention set; pass --days N or set "retentionDays" in the config');
      if (!Number.isInteger(days) || days <= 0) throw new ValidationError(`--days: expected a positive integer, found "${values.days}"`);
      return { days, ...(await service.purge(days)) };
    });
    io.stdout.write(`purged ${result.mentions} mentions older than ${result.days} days; ${result.profiles} profiles updated\n`);
    return 0;
  },
};
