import { parseArgs } from 'node:util';
import { resolveDigestConfig } from '../../alerts/digest.js';
import { createAlertService } from '../../alerts/service.js';
import { ValidationError } from '../../errors.js';
import type { DigestLang, DigestPeriod } from '../../domain.js';
import { buildDigest } from '../../jobs/digest.js';
import { renderDigestText } from '../../reports/digest-text.js';
import { loadRuntime } from '../load.js';
import type { CliCommand } from '../types.js';
import { UsageError } from '../options.js';

/**
 * `koubei digest --print`: builds the daily/weekly digest (the message the scheduler sends to chat
 * channels) and prints it, so its numbers can be checked before delivery is switched on.
 * `koubei digest --send` stores it in the alert outbox now and delivers it to the `digest`
 * channels (all alert channels when there is no `digest` block), retries included.
 */
export const digestCommand: CliCommand = {
  name: 'digest',
  summary: 'Print or send the daily or weekly digest (headline numbers per brand and links) to chat channels',
  usage: 'koubei digest --print|--send [--period daily|weekly] [--lang zh|en] [--brand ID] [--at DATE] [--base-url URL] [--json]',
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        print: { type: 'boolean' },
        send: { type: 'boolean' },
        period: { type: 'string' },
        lang: { type: 'string' },
        brand: { type: 'string', short: 'b' },
        at: { type: 'string' },
        'base-url': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (!values.print && !values.send) throw new UsageError('--print or --send is required');
    if (values.period !== undefined && values.period !== 'daily' && values.period !== 'weekly') throw new UsageError(`--period: expected daily or weekly, found "${values.period}"`);
    if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en') throw new UsageError(`--lang: expected zh or en, found "${values.lang}"`);
    const now = values.at ? new Date(values.at) : new Date();
    if (Number.isNaN(now.getTime())) throw new UsageError(`--at: expected a date like 2026-11-21T09:00Z, found "${values.at}"`);
    const runtime = await loadRuntime(io);
    try {
      const all = await runtime.store.listBrands();
      const brands = values.brand ? all.filter((b) => b.id === values.brand) : all;
      if (!brands.length) throw new ValidationError(`unknown brand "${values.brand}" (known: ${all.map((b) => b.id).join(', ') || 'none'})`);
      const baseUrl = values['base-url'] ?? runtime.config.alerts?.baseUrl ?? `http://localhost:${runtime.config.port}`;
      const channelIds = (runtime.config.alerts?.channels ?? []).map((c) => c.id);
      const config = runtime.config.digest ?? resolveDigestConfig({ schedule: 'daily', time: '09:00' }, channelIds, []);
      const lang = (values.lang as DigestLang | undefined) ?? config?.lang;
      const digest = await buildDigest(runtime.store, values.brand || !config?.brands ? brands : brands.filter((b) => config.brands!.includes(b.id)), {
        period: (values.period as DigestPeriod | undefined) ?? config?.period ?? 'daily',
        lang: lang ?? 'zh',
        now,
        baseUrl,
      });
      if (values.print) io.stdout.write(values.json ? `${JSON.stringify(digest)}\n` : renderDigestText(digest));
      if (!values.send) return 0;
      if (!config?.channels.length) throw new ValidationError('--send: no channels to send to (add alerts.channels, and optionally a digest block, to the config)');
      const service = createAlertService({ config: runtime.config, store: runtime.store, log: runtime.log });
      const { alert, delivery } = await service.queueDigest(digest, { ...config, lang });
      io.stdout.write(
        `digest ${alert.id} queued for ${alert.deliveries.map((d) => d.channelId).join(', ')}: ` +
          `delivered ${delivery.sent}, retrying ${delivery.retried}, failed ${delivery.failed}, queued ${delivery.deferred}\n`,
      );
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
