import { parseArgs } from 'node:util';
import { loadConfig, type AppConfig } from '../../config.js';
import { COLLECTORS } from '../../collectors/index.js';
import { createProfileService, type ProfileService } from '../../jobs/update-profiles.js';
import { resolveProfilesConfig } from '../../profiles/config.js';
import { loadTaxonomy } from '../../resources/taxonomy.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/types.js';
import { noExtraArguments } from '../options.js';
import type { CliCommand, CliIo } from '../types.js';

export interface ProfileContext {
  config: AppConfig;
  store: Store;
  service: ProfileService;
}

/**
 * Config, store and profile service without the NLP resources: profile commands only read stored
 * analyses, so they start in milliseconds instead of loading jieba and the models.
 */
export async function withProfiles<T>(io: CliIo, run: (ctx: ProfileContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ env: io.env, collectors: COLLECTORS });
  const store = openStore(config);
  try {
    await store.upsertBrands(config.brands);
    const service = createProfileService({
      store,
      taxonomy: loadTaxonomy(),
      config: config.profiles ?? resolveProfilesConfig(undefined),
      now: () => new Date(),
      pseudonymKey: config.pseudonymizeAuthors ? config.pseudonymKey : undefined,
    });
    return await run({ config, store, service });
  } finally {
    await store.close();
  }
}

export const profilesCommand: CliCommand = {
  name: 'profiles',
  summary: 'Customer profiles: rebuild all, or show one author\'s profile as JSON',
  usage: 'koubei profiles rebuild | koubei profiles show AUTHOR',
  async run(argv, io) {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
    const [action, ref] = positionals;
    noExtraArguments(positionals, action === 'show' ? 2 : 1);
    if (action === 'rebuild') {
      const started = Date.now();
      const result = await withProfiles(io, ({ service }) => service.rebuild());
      io.stdout.write(`rebuilt ${result.profiles} profiles: ${result.added} tags added, ${result.updated} updated, ${result.removed} removed (${Date.now() - started} ms)\n`);
      return 0;
    }
    if (action === 'show' && ref) {
      const profile = await withProfiles(io, ({ service }) => service.getProfile(ref));
      io.stdout.write(`${JSON.stringify(profile, null, 2)}\n`);
      return 0;
    }
    io.stderr.write(`usage: ${profilesCommand.usage}\n`);
    return 2;
  },
};
