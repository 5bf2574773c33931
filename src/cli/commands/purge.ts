import { parseArgs } from 'node:util';
import { ValidationError } from '../../errors.js';
import { integerOption } from '../options.js';
import type { CliCommand } from '../types.js';
import { withProfiles } from './profiles.js';

/** `koubei purge [--days N]`: the retention purge the scheduler runs daily, on demand. */
export const purgeCommand: CliCommand = {
  name: 'purge',
  summary: 'Delete mentions older than retentionDays (or --days N), keeping rollups consistent',
  usage: 'koubei purge [--days N]',
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { days: { type: 'string' } } });
    const requested = integerOption(values.days, '--days');
    const result = await withProfiles(io, async ({ config, service }) => {
      const days = requested ?? config.retentionDays;
      if (days === undefined) throw new ValidationError('no retention set; pass --days N or set "retentionDays" in the config');
      return { days, ...(await service.purge(days)) };
    });
    io.stdout.write(`purged ${result.mentions} mentions older than ${result.days} days; ${result.profiles} profiles updated\n`);
    return 0;
  },
};
