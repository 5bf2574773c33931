import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleAlert } from '../../src/alerts/sample.js';
import type { ChannelConfig } from '../../src/alerts/schema.js';
import { deliverOutbox } from '../../src/jobs/deliver-outbox.js';
import { silentLogger } from '../../src/logger.js';
import { openDb } from '../../src/store/db.js';
import { createPgPool } from '../../src/store/postgres/pool.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { makePgSchema, PG_REQUIRED, PG_TEST_URL, PG_UNAVAILABLE } from '../helpers/pg.js';
import { startReceiver, type Receiver } from './receiver.js';

const T0 = Date.parse('2026-03-03T12:00:00.000Z');

/** Two connections to one store, as `koubei start` and an on-call `koubei alerts check` have. */
interface TwoProcesses {
  server: Store;
  cli: Store;
  close(): Promise<void>;
}

async function sqliteFile(): Promise<TwoProcesses> {
  const dir = mkdtempSync(join(tmpdir(), 'koubei-outbox-'));
  const path = join(dir, 'koubei.db');
  const server = createSqliteStore(openDb(path));
  const cli = createSqliteStore(openDb(path));
  return { server, cli, close: async () => (await Promise.all([server.close(), cli.close()]), rmSync(dir, { recursive: true, force: true })) };
}

async function postgresSchema(): Promise<TwoProcesses> {
  const schema = await makePgSchema();
  const otherPool = createPgPool(PG_TEST_URL, { schema: schema.schema, max: 2, synchronousCommit: false });
  const server = createPostgresStore(schema.pool, { schema: schema.schema, ownsPool: false });
  const cli = createPostgresStore(otherPool, { schema: schema.schema, ownsPool: true });
  await cli.alerts.listStates(); // connect now, so both processes reach the outbox at the same moment
  return { server, cli, close: async () => (await Promise.all([server.close(), cli.close()]), await schema.drop()) };
}

const BACKENDS = [
  { name: 'sqlite', skip: false, open: sqliteFile },
  { name: 'postgres', skip: PG_UNAVAILABLE !== null && !PG_REQUIRED, open: postgresSchema },
];

async function enqueue(store: Store, channelIds: string[], count = 1) {
  const draft = sampleAlert(new Date(T0), 'http://koubei.test');
  const alerts = Array.from({ length: count }, () => ({ draft, deliveries: channelIds.map((channelId) => ({ channelId, nextAttemptAt: T0 })) }));
  return store.alerts.recordEvaluation({ at: T0, states: [], alerts });
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`deliver: two processes on one outbox [${backend.name}]`, () => {
    let receiver: Receiver;
    let stores: TwoProcesses;
    let channels: ChannelConfig[];
    beforeEach(async () => {
      receiver = await startReceiver();
      stores = await backend.open();
      channels = [
        { id: 'oncall', type: 'slack', url: `${receiver.url}/oncall`, lang: 'en' },
        { id: 'brand-team', type: 'slack', url: `${receiver.url}/brand-team`, lang: 'en' },
      ];
    });
    afterEach(async () => {
      await receiver.close();
      await stores.close();
    });
    const run = (store: Store, at: number) => deliverOutbox({ store, channels, fetch, now: () => new Date(at), log: silentLogger });

    it('posts each alert once to each channel when both work the outbox at the same moment', async () => {
      await enqueue(stores.server, ['oncall', 'brand-team'], 3);
      const [a, b] = await Promise.all([run(stores.server, T0), run(stores.cli, T0)]);
      expect(a.sent + b.sent).toBe(6);
      expect(receiver.requests).toHaveLength(6);
      expect(new Set(receiver.requests.map((r) => r.headers['idempotency-key'])).size).toBe(6);
      const stored = await stores.cli.alerts.listAlerts({ limit: 10 });
      expect(stored.flatMap((s) => s.deliveries.map((d) => [d.status, d.attempts]))).toEqual(Array(6).fill(['sent', 1]));
    });

    it('sends a delivery claimed by a process that died mid-send once its claim expires, not before', async () => {
      const [alert] = await enqueue(stores.server, ['oncall']);
      expect(await stores.server.alerts.dueDeliveries(T0, 500)).toHaveLength(1); // claimed; then the process dies
      expect(await run(stores.cli, T0 + 10_000)).toMatchObject({ sent: 0 });
      expect(receiver.requests).toHaveLength(0);
      expect(await run(stores.cli, T0 + 5 * 60_000)).toMatchObject({ sent: 1 });
      expect(receiver.processed).toEqual([alert.deliveries[0].idempotencyKey]);
      const stored = await stores.cli.alerts.getAlert(alert.id);
      expect(stored?.deliveries[0]).toMatchObject({ status: 'sent', attempts: 1 });
    });

    it('frees a channel when the claim of the delivery a dead process was sending runs out, not that of its last', async () => {
      await enqueue(stores.server, ['oncall'], 20);
      expect(await stores.server.alerts.dueDeliveries(T0, 500)).toHaveLength(20); // claimed 30 s … 10 min; then the process dies
      expect(await run(stores.cli, T0 + 20_000)).toMatchObject({ sent: 0 });
      expect(await run(stores.cli, T0 + 40_000)).toMatchObject({ sent: 20 });
      expect(receiver.requests).toHaveLength(20);
    });
  });
}
