import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './api/app.js';
import { answerClientError } from './api/client-error.js';
import { COLLECTORS, VERSION, type Runtime } from './runtime.js';
import { BRAND_CHECK_MS, createBrandRefresh } from './queue/brand-refresh.js';
import { createScheduler, type Scheduler } from './jobs/scheduler.js';
import { runCollection } from './jobs/run-collection.js';
import { assertSourceTypes } from './jobs/claim-source.js';
import { mountDashboard } from './web/dashboard.js';
import { createProfileMaintenance } from './jobs/update-profiles.js';
import { createAlertService } from './alerts/service.js';
import { buildDigest, digestBrands, scheduleDigest } from './jobs/digest.js';
import { SEARCH_LAYOUT } from './pipeline/search-tokens.js';

export interface RunningServer {
  url: string;
  scheduler?: Scheduler;
  close(): Promise<void>;
}

export interface StartOptions {
  port: number;
  /** Run the collectors on their schedules in this process. */
  withScheduler: boolean;
  /** How often this process looks for brand changes made by another process (default 5 s). */
  brandCheckMs?: number;
}

/**
 * Serves the API and dashboard; with `withScheduler`, also runs every enabled source once
 * (when `collectOnStart`) and then on its cron schedule. With `withScheduler` it refuses to start
 * (SourceTypeConflictError) when the config names a source by the id of a stored one of another type.
 */
export async function startServer(runtime: Runtime, options: StartOptions): Promise<RunningServer> {
  const { config, collection, log } = runtime;
  if (options.withScheduler) await assertSourceTypes(config.sources.filter((s) => s.enabled), runtime.store);
  // Alerts are checked after every collection run and delivered from the outbox (retries on a timer).
  const alerts = createAlertService({ config, store: runtime.store, log });
  const scheduler = options.withScheduler
    ? createScheduler(config.sources, COLLECTORS, collection, { timezone: config.timezone, onRun: () => alerts.checkAndDeliver() })
    : undefined;
  const app = createApp({
    store: runtime.store,
    searchTerms: runtime.searchTerms,
    ingest: runtime.ingest,
    nextRuns: scheduler?.nextRuns,
    onBrandsChanged: runtime.reloadBrands,
    configBrandIds: new Set(config.brands.map((b) => b.id)),
    ingestMaxBytes: config.ingestMaxBytes,
    profiles: runtime.profiles,
    auth: config.auth,
    now: () => new Date(),
    log: (msg, fields) => log.error(msg, fields),
    version: VERSION,
  });
  mountDashboard(app);
  if (scheduler && config.collectOnStart) {
    for (const source of config.sources.filter((s) => s.enabled)) {
      const run = await runCollection(source, COLLECTORS.get(source.type)!, collection);
      log.info('initial collection', { source: source.id, status: run.status, inserted: run.inserted, error: run.error });
    }
  }
  await alerts.start();
  // Retention purge and profile decay run daily wherever collection runs.
  const maintenance = scheduler ? createProfileMaintenance(runtime.profiles, { timezone: config.timezone, retentionDays: config.retentionDays, log }) : undefined;
  // The digest goes out where collection runs (one sender), through the alert outbox.
  const digestConfig = config.digest;
  const digest = scheduler && digestConfig
    ? scheduleDigest({
        period: digestConfig.period,
        timezone: config.timezone,
        schedule: digestConfig.cron,
        build: async () =>
          buildDigest(runtime.store, await digestBrands(runtime.store, digestConfig.brands), {
            period: digestConfig.period,
            now: new Date(),
            baseUrl: config.alerts?.baseUrl ?? `http://localhost:${config.port}`,
            lang: digestConfig.lang ?? 'en',
          }),
        send: async (d) => void (await alerts.queueDigest(d, digestConfig)),
        log,
      })
    : undefined;
  scheduler?.start();
  void maintenance?.start();
  void digest?.task.start();
  // Replicas behind a load balancer analyse pushes and segment searches with their own matcher and
  // jieba words: each follows brand changes made through another replica, as workers do.
  const brandCheckMs = options.brandCheckMs ?? BRAND_CHECK_MS;
  const refreshBrands = createBrandRefresh({ refresh: runtime.refreshBrands, intervalMs: brandCheckMs, log });
  const brandTimer = setInterval(() => void refreshBrands(), brandCheckMs);
  brandTimer.unref();
  const server = await listen(app.fetch, options.port);
  // The first check reads every brand's recent windows (about a minute at 1M mentions), so it runs
  // after the server answers; it logs its own failures.
  if (scheduler && config.collectOnStart) void alerts.checkAndDeliver();
  void reindexInBackground(runtime);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    scheduler,
    close: async () => {
      clearInterval(brandTimer);
      await scheduler?.stop();
      await maintenance?.destroy();
      await digest?.task.destroy();
      alerts.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Rewrites the search tokens of mentions an older release indexed, after the server answers: at a
 * million mentions that takes minutes, and search finds the old rows as it did before meanwhile.
 * Logs the start, every tenth and the end; a run stopped by shutdown goes on at the next start.
 */
async function reindexInBackground(runtime: Runtime): Promise<void> {
  const { log } = runtime;
  try {
    const state = await runtime.store.searchIndexState(SEARCH_LAYOUT);
    if (state.layout >= SEARCH_LAYOUT) return;
    log.info('re-indexing mentions indexed for search in an older layout, in the background', {
      mentions: state.remaining,
      from: state.layout,
      to: SEARCH_LAYOUT,
    });
    let tenths = 0;
    const summary = await runtime.reindexSearch((done, total) => {
      if (total === 0 || Math.floor((done * 10) / total) <= tenths) return;
      tenths = Math.floor((done * 10) / total);
      log.info('search re-index', { done, total });
    });
    if (!summary.stopped) log.info('search re-index finished', { reindexed: summary.reindexed, layout: summary.to });
  } catch (err) {
    log.error('search re-index failed; the next start tries again', { error: (err as Error).message });
  }
}

function listen(fetch: (req: Request) => Response | Promise<Response>, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: '0.0.0.0' }, () => resolve(server));
    server.once('error', reject);
    server.on('clientError', answerClientError);
  });
}
