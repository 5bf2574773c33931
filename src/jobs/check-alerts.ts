import type { Logger } from '../collectors/types.js';
import { applyAlertState, resolveUnevaluated, type AlertState } from '../analytics/alerts/alert-state.js';
import { compileCrisisLexicon, type CrisisLexicon } from '../analytics/alerts/crisis-terms.js';
import { evaluateBrand } from '../analytics/alerts/evaluate.js';
import { buildAlertDraft } from '../analytics/alerts/explain.js';
import { resolveRules } from '../analytics/alerts/rules.js';
import type { Signal } from '../analytics/alerts/types.js';
import { effectiveRules } from '../alerts/rule-settings.js';
import { planDeliveries } from '../alerts/routing.js';
import type { AlertsConfig } from '../alerts/schema.js';
import { gatherSnapshot, type AlertBrand } from '../alerts/snapshot.js';
import type { EvaluationRecord, StoredAlert } from '../store/alert-types.js';
import type { Store } from '../store/types.js';

export interface CheckAlertsDeps {
  store: Store;
  /** Brands to evaluate; default: every brand in the store (config and API-managed). */
  brands?: AlertBrand[];
  alerts: AlertsConfig;
  lexicon: CrisisLexicon;
  /** Default zone for quiet hours. */
  timezone: string;
  /** Base of links in alerts when the config has no `alerts.baseUrl`. */
  baseUrl: string;
  now: () => Date;
  log: Logger;
}

export interface CheckAlertsSummary {
  brands: number;
  /** Signals that held, new or ongoing. */
  signals: Signal[];
  /** Alerts stored (and queued for delivery) by this run. */
  alerts: StoredAlert[];
}

/**
 * Evaluates every brand's rules now: fetch windows from the store → detect (pure) → apply
 * cooldown/de-duplication state → store new alerts with their pending deliveries, all in one
 * transaction so nothing is delivered that was not stored first. Delivery is `deliverOutbox`.
 * A brand whose evaluation throws is logged and skipped; the others still run.
 *
 * @example
 * const { alerts } = await checkAlerts(deps);
 */
export async function checkAlerts(deps: CheckAlertsDeps): Promise<CheckAlertsSummary> {
  const now = deps.now().getTime();
  const brands = deps.brands ?? (await deps.store.listBrands());
  const rules = await effectiveRules(deps.store, deps.alerts.rules);
  const lexicon = compileCrisisLexicon(deps.lexicon);
  const states = new Map<string, AlertState>((await deps.store.alerts.listStates()).map((s) => [s.key, s]));
  const record: EvaluationRecord = { at: now, states: [], alerts: [] };
  const signals: Signal[] = [];
  for (const brand of brands) {
    const resolved = resolveRules(rules, brand.id);
    // A brand whose rules are all switched off has nothing to evaluate, but its open incidents resolve.
    if (!resolved.length) {
      record.states.push(...resolveUnevaluated(brand.id, [], states, now));
      continue;
    }
    try {
      const snapshot = await gatherSnapshot(deps.store, brand, resolved, now);
      const found = evaluateBrand(snapshot, resolved, lexicon);
      signals.push(...found);
      const evaluated = resolved.map((r) => ({
        key: `${brand.id}:${r.type}`,
        brandId: brand.id,
        type: r.type,
        cooldownMinutes: r.cooldownMinutes,
        resolveAfterMinutes: r.thresholds.windowMinutes,
      }));
      const decision = applyAlertState({ signals: found, evaluated, states, now });
      // The states go in last: when drafting or planning throws, nothing is marked fired, and the
      // next check fires the alert instead of taking it as already sent.
      if (!decision.fired.length) {
        record.states.push(...decision.states);
        continue;
      }
      const window = snapshot.series.recent;
      const draft = buildAlertDraft({
        brandId: brand.id,
        brandName: brand.name,
        brandTerms: snapshot.brandTerms,
        signals: decision.fired,
        recentMentions: snapshot.recentMentions,
        window: { from: window.from, to: window.to },
        baseUrl: deps.alerts.baseUrl ?? deps.baseUrl,
        now,
      });
      record.alerts.push({ draft, deliveries: planDeliveries(decision.fired, resolved, deps.alerts.channels, now, deps.timezone) });
      record.states.push(...decision.states);
    } catch (err) {
      deps.log.error('alert check failed', { brand: brand.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  const alerts = await deps.store.alerts.recordEvaluation(record);
  for (const alert of alerts) {
    deps.log.info('alert', { brand: alert.brandId, type: alert.type, severity: alert.severity, deliveries: alert.deliveries.length });
  }
  return { brands: brands.length, signals, alerts };
}
