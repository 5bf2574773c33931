import { loadCrisisLexicon } from '../../src/alerts/lexicon.js';
import type { AlertsConfig } from '../../src/alerts/schema.js';
import { checkAlerts, type CheckAlertsSummary } from '../../src/jobs/check-alerts.js';
import { silentLogger } from '../../src/logger.js';
import type { Runtime } from '../../src/runtime.js';
import { TEST_BRANDS } from '../helpers/runtime.js';

/** One alert check of the test brands at `at` (epoch ms), with the shipped crisis lexicon, in UTC. */
export function checkAt(runtime: Runtime, alerts: AlertsConfig, at: number): Promise<CheckAlertsSummary> {
  return checkAlerts({ store: runtime.store, brands: TEST_BRANDS, alerts, lexicon: loadCrisisLexicon(), timezone: 'UTC', baseUrl: 'http://unused', now: () => new Date(at), log: silentLogger });
}
