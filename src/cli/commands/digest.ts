import { parseArgs } from 'node:util';
import { ValidationError } from '../../errors.js';
import { buildDigest, renderDigestText, type DigestLang, type DigestPeriod } from '../../jobs/digest.js';
import { loadRuntime } from '../load.js';
import type { CliCommand } from '../types.js';

/**
 * `koubei digest --print`: builds the daily/weekly digest (the message the scheduler sends to chat
 * channels) and prints it, so its numbers can be checked before delivery is switched on.
 */
export const digestCommand: CliCommand = {
  name: 'digest',
  summary: 'Print the daily or weekly digest (headline numbers per brand and links) sent to chat channels',
  usage: 'koubei digest --print [--period daily|weekly] [--lang zh|en] [--brand ID] [--at DATE] [--base-url URL] [--json]',
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        print: { type: 'boolean' },
        period: { type: 'string', default: 'daily' },
        lang: { type: 'string', default: 'zh' },
        brand: { type: 'string', short: 'b' },
        at: { type: 'string' },
        'base-url': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (!values.print) throw new ValidationError('--print is required (delivery to chat channels runs from the scheduler)');
    if (values.period !== 'daily' && values.period !== 'weekly') throw new ValidationError(`--period: expected daily or weekly, found "${values.period}"`);
    if (values.lang !== 'zh' && values.lang !== 'en') throw new ValidationError(`--lang: expected zh or en, found "${values.lang}"`);
    const now = values.at ? new Date(values.at) : new Date();
    if (Number.isNaN(now.getTime())) throw new ValidationError(`--at: expected a date like 2026-11-21T09:00Z, found "${values.at}"`);
    const runtime = await loadRuntime(io);
    try {
      const all = await runtime.store.listBrands();
      const brands = values.brand ? all.filter((b) => b.id === values.brand) : all;
      if (!brands.length) throw new ValidationError(`unknown brand "${values.brand}" (known: ${all.map((b) => b.id).join(', ') || 'none'})`);
      const baseUrl = values['base-url'] ?? runtime.config.alerts?.baseUrl ?? `http://localhost:${runtime.config.port}`;
      const digest = await buildDigest(runtime.store, brands, {
        period: values.period as DigestPeriod,
        lang: values.lang as DigestLang,
        now,
        baseUrl,
      });
      io.stdout.write(values.json ? `${JSON.stringify(digest)}\n` : renderDigestText(digest));
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
