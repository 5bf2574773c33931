import type { Logger } from '../collectors/types.js';
import type { AppConfig } from '../config.js';
import { checkAlerts, type CheckAlertsSummary } from '../jobs/check-alerts.js';
import { deliverOutbox, type OutboxSummary } from '../jobs/deliver-outbox.js';
import type { Digest } from '../domain.js';
import type { StoredAlert } from '../store/alert-types.js';
import type { Store } from '../store/types.js';
import { digestAlertDraft, planDigestDeliveries, type DigestConfig } from './digest.js';
import { loadCrisisLexicon } from './lexicon.js';
import { syncConfigSettings } from './rule-settings.js';
import { resolveAlertsConfig, type AlertsConfig } from './schema.js';

export interface AlertServiceDeps {
  config: AppConfig;
  store: Store;
  log: Logger;
  fetch?: typeof fetch;
  now?: () => Date;
}

/** Detection and delivery wired for one process (server or CLI). */
export interface AlertService {
  alerts: AlertsConfig;
  /** Evaluate every brand now and queue new alerts. */
  check(): Promise<CheckAlertsSummary>;
  /**
   * Send what is due in the outbox. Overlapping calls run side by side: each run claims the due
   * deliveries of channels no other run is working (the store's claims), so a hung platform holds up
   * only its own channel, and each channel's deliveries still go out in order.
   */
  deliver(): Promise<OutboxSummary>;
  /**
   * Stores a digest as a `digest` alert with one pending delivery per digest channel, then runs the
   * outbox (so it is retried, rate-limited and held in quiet hours like an alert).
   */
  queueDigest(digest: Digest, config: DigestConfig): Promise<{ alert: StoredAlert; delivery: OutboxSummary }>;
  /** `check` then `deliver`; never throws (for the scheduler hook). */
  checkAndDeliver(): Promise<void>;
  /** Mirror config into the store, send pending deliveries, then retry due ones every `intervalMs`. */
  start(intervalMs?: number): Promise<void>;
  stop(): void;
}

/**
 * Builds the alert service once from config: the crisis lexicon is read here, at start-up.
 *
 * @example
 * const alerts = createAlertService({ config, store, log });
 * await alerts.checkAndDeliver();
 */
export function createAlertService(deps: AlertServiceDeps): AlertService {
  const alerts = deps.config.alerts ?? resolveAlertsConfig(undefined, deps.config.brands.map((b) => b.id));
  const lexicon = loadCrisisLexicon();
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  const check = () =>
    checkAlerts({
      store: deps.store,
      alerts,
      lexicon,
      timezone: deps.config.timezone,
      baseUrl: `http://localhost:${deps.config.port}`,
      now,
      log: deps.log,
    });
  const deliver = () => deliverOutbox({ store: deps.store, channels: alerts.channels, fetch: deps.fetch ?? fetch, now, log: deps.log });
  const guard = (what: string) => (err: unknown) => deps.log.error(`alerts: ${what} failed`, { error: err instanceof Error ? err.message : String(err) });
  return {
    alerts,
    check,
    deliver,
    queueDigest: async (digest, config) => {
      const at = now();
      const deliveries = planDigestDeliveries(config, alerts.channels, at.getTime(), deps.config.timezone);
      const [alert] = await deps.store.alerts.recordEvaluation({ at: at.getTime(), states: [], alerts: [{ draft: digestAlertDraft(digest, at, config.lang), deliveries }] });
      return { alert, delivery: await deliver() };
    },
    checkAndDeliver: async () => {
      await check().catch(guard('check'));
      await deliver().catch(guard('delivery'));
    },
    start: async (intervalMs = 15_000) => {
      await syncConfigSettings(deps.store, alerts, now().getTime());
      await deliver().catch(guard('delivery'));
      if (!alerts.channels.length) return;
      timer = setInterval(() => void deliver().catch(guard('delivery')), intervalMs);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}
