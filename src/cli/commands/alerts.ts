import { parseArgs } from 'node:util';
import { sampleAlert } from '../../alerts/sample.js';
import { sendAlert } from '../../alerts/send.js';
import { createAlertService } from '../../alerts/service.js';
import type { StoredAlert } from '../../store/alert-types.js';
import { assertBrand } from '../../store/assert-brand.js';
import { loadRuntime } from '../load.js';
import { integerOption, UsageError } from '../options.js';
import type { CliCommand, CliIo } from '../types.js';

const USAGE = 'koubei alerts check | list [--failed] [--brand ID] [--limit N] [--json] | test --channel ID';

function deliveryLine(alert: StoredAlert): string {
  if (!alert.deliveries.length) return 'no channels';
  return alert.deliveries
    .map((d) => `${d.channelId}:${d.status}${d.attempts ? `(${d.attempts})` : ''}${d.status !== 'sent' && d.lastError ? ` ${d.lastError.slice(0, 80)}` : ''}`)
    .join(', ');
}

function printAlert(io: CliIo, alert: StoredAlert): void {
  const kinds = alert.signals.map((s) => s.type).join('+') || alert.type; // a digest has no signals
  io.stdout.write(`#${alert.id} ${alert.createdAt} ${alert.severity.toUpperCase()} ${alert.brandId} ${kinds}  [${deliveryLine(alert)}]\n`);
}

async function list(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { failed: { type: 'boolean' }, brand: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  });
  const limit = integerOption(values.limit, '--limit', { max: 10_000 }) ?? 20;
  const runtime = await loadRuntime(io);
  try {
    // A mistyped --brand would otherwise read as "no alerts yet".
    if (values.brand !== undefined) await assertBrand(runtime, values.brand);
    const alerts = await runtime.store.alerts.listAlerts({ limit, brandId: values.brand, failedOnly: values.failed });
    for (const alert of alerts) values.json ? io.stdout.write(`${JSON.stringify(alert)}\n`) : printAlert(io, alert);
    if (!alerts.length && !values.json) io.stdout.write(values.failed ? 'no failed deliveries\n' : 'no alerts yet\n');
    return 0;
  } finally {
    await runtime.close();
  }
}

async function check(argv: string[], io: CliIo): Promise<number> {
  parseArgs({ args: argv, options: {} });
  const runtime = await loadRuntime(io);
  try {
    const service = createAlertService({ config: runtime.config, store: runtime.store, log: runtime.log });
    const summary = await service.check();
    const outbox = await service.deliver();
    for (const alert of summary.alerts) printAlert(io, (await runtime.store.alerts.getAlert(alert.id)) ?? alert);
    io.stdout.write(
      `checked ${summary.brands} brands: ${summary.signals.length} signals, ${summary.alerts.length} new alerts; ` +
        `delivered ${outbox.sent}, retrying ${outbox.retried}, failed ${outbox.failed}, queued ${outbox.deferred}\n`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
}

async function test(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { channel: { type: 'string', short: 'c' } } });
  if (values.channel === undefined) throw new UsageError('--channel ID is required for alerts test');
  const runtime = await loadRuntime(io);
  try {
    const channels = runtime.config.alerts?.channels ?? [];
    const channel = channels.find((c) => c.id === values.channel);
    if (!channel) {
      io.stderr.write(`koubei alerts test: unknown channel "${values.channel}" (configured: ${channels.map((c) => c.id).join(', ') || 'none — add alerts.channels to the config'})\n`);
      return 2;
    }
    const now = new Date();
    const base = runtime.config.alerts?.baseUrl ?? `http://localhost:${runtime.config.port}`;
    const result = await sendAlert(sampleAlert(now, base), channel, { fetch, now: () => now }, { idempotencyKey: `koubei-test-${now.getTime()}`, test: true });
    io.stdout.write(`${channel.id} (${channel.type}): sample alert delivered, HTTP ${result.status}\n`);
    return 0;
  } finally {
    await runtime.close();
  }
}

/** `koubei alerts …`: check now, list history (with delivery status), send a sample card. */
export const alertsCommand: CliCommand = {
  name: 'alerts',
  summary: 'Check alert rules now, list alerts and deliveries, or send a test card to a channel',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'check') return check(rest, io);
    if (sub === 'list') return list(rest, io);
    if (sub === 'test') return test(rest, io);
    io.stderr.write(`usage: ${USAGE}\n`);
    return 2;
  },
};
