import { parseArgs } from 'node:util';
import { noExtraArguments } from '../options.js';
import type { CliCommand } from '../types.js';
import { withProfiles } from './profiles.js';

/** `koubei authors erase ID` (PIPL/GDPR erasure) and `koubei authors link A B` (same person, two platforms). */
export const authorsCommand: CliCommand = {
  name: 'authors',
  summary: 'Erase an author everywhere, or link two authors into one profile',
  usage: 'koubei authors erase AUTHOR | koubei authors link AUTHOR_A AUTHOR_B   (AUTHOR: author id or platform:id)',
  async run(argv, io) {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
    const [action, a, b] = positionals;
    noExtraArguments(positionals, action === 'link' ? 3 : 2);
    if (action === 'erase' && a) {
      const result = await withProfiles(io, ({ service }) => service.erase(a));
      io.stdout.write(`erased author ${result.authorId}: ${result.mentions} mentions, profile and tags removed\n`);
      return 0;
    }
    if (action === 'link' && a && b) {
      const profile = await withProfiles(io, ({ service }) => service.link(a, b));
      const members = profile.authors.map((x) => `${x.id} (${x.platform}:${x.platformId})`).join(', ');
      io.stdout.write(`linked into profile ${profile.profileId}: ${members}; ${profile.tags.length} tags\n`);
      return 0;
    }
    io.stderr.write(`usage: ${authorsCommand.usage}\n`);
    return 2;
  },
};
