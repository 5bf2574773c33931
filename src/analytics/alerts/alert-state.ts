import type { AlertType, Severity, Signal } from './types.js';

/** Per-signal memory between evaluations, kept in the store. */
export interface AlertState {
  /** Signal key, e.g. `freshbee:volume_spike`. */
  key: string;
  brandId: string;
  type: AlertType;
  /** True while the condition holds (an ongoing incident). */
  active: boolean;
  /** Severity when it last fired (null if it never fired, e.g. absorbed into another alert). */
  severity: Severity | null;
  lastFiredAt: number | null;
  lastSeenAt: number | null;
  resolvedAt: number | null;
}

export interface StateDecision {
  /** New or escalating signals: together they become one alert. */
  fired: Signal[];
  /** Ongoing, cooling-down or absorbed signals: no new alert. */
  suppressed: Signal[];
  /** Every state that changed, to save. */
  states: AlertState[];
}

/** One evaluated rule of one brand. */
export interface EvaluatedRule {
  key: string;
  brandId: string;
  type: AlertType;
  cooldownMinutes: number;
  /** A signal unseen for this long is resolved (hysteresis: a dip inside one window is the same incident). */
  resolveAfterMinutes: number;
}

export interface ApplyStateInput {
  signals: Signal[];
  /** Every rule of ONE brand that was evaluated (fired or not), so silent ones can resolve. */
  evaluated: EvaluatedRule[];
  states: ReadonlyMap<string, AlertState>;
  now: number;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
const MINUTE = 60_000;

function fresh(rule: EvaluatedRule): AlertState {
  return { key: rule.key, brandId: rule.brandId, type: rule.type, active: false, severity: null, lastFiredAt: null, lastSeenAt: null, resolvedAt: null };
}

/**
 * Active states of the brand whose rule was not evaluated (switched off or removed), resolved now.
 * Nothing else would ever resolve them, and an incident left open would absorb every later alert
 * of the brand; resolved, a rule switched back on starts a new incident.
 */
export function resolveUnevaluated(brandId: string, evaluated: readonly EvaluatedRule[], states: ReadonlyMap<string, AlertState>, now: number): AlertState[] {
  const keys = new Set(evaluated.map((r) => r.key));
  return [...states.values()]
    .filter((s) => s.brandId === brandId && s.active && !keys.has(s.key))
    .map((s) => ({ ...s, active: false, resolvedAt: now }));
}

/**
 * De-duplication, cooldown and escalation for one brand.
 * - A signal is new when not already active and not within `cooldownMinutes` of its last firing.
 *   An active signal only counts again when its severity rises.
 * - New signals fire together as one alert — unless the brand already has an ongoing incident at
 *   the same or a higher severity, in which case they are absorbed (one incident, one message per
 *   severity level).
 * - A signal resolves once unseen for `resolveAfterMinutes`; after that (and the cooldown) it may
 *   fire again. A signal seen during its cooldown becomes active, so it must resolve first.
 * - Only evaluated rules make an incident ongoing: a rule switched off resolves at once.
 *
 * @example
 * const { fired, states } = applyAlertState({ signals, evaluated, states: current, now });
 */
export function applyAlertState(input: ApplyStateInput): StateDecision {
  const bySignal = new Map(input.signals.map((s) => [s.key, s]));
  const next = new Map<string, AlertState>();
  const candidates: Signal[] = [];
  const suppressed: Signal[] = [];
  for (const rule of input.evaluated) {
    const prev = input.states.get(rule.key) ?? fresh(rule);
    const signal = bySignal.get(rule.key);
    if (!signal) {
      const stale = prev.lastSeenAt === null || input.now - prev.lastSeenAt >= rule.resolveAfterMinutes * MINUTE;
      if (prev.active && stale) next.set(rule.key, { ...prev, active: false, resolvedAt: input.now });
      continue;
    }
    const escalated = prev.active && prev.severity !== null && RANK[signal.severity] > RANK[prev.severity];
    const coolingDown = prev.lastFiredAt !== null && input.now - prev.lastFiredAt < rule.cooldownMinutes * MINUTE;
    next.set(rule.key, { ...prev, active: true, lastSeenAt: input.now });
    if (escalated || (!prev.active && !coolingDown)) candidates.push(signal);
    else suppressed.push(signal);
  }
  const brandId = input.evaluated[0]?.brandId;
  if (brandId !== undefined) for (const state of resolveUnevaluated(brandId, input.evaluated, input.states, input.now)) next.set(state.key, state);
  const ongoing = input.evaluated
    .map((rule) => next.get(rule.key) ?? input.states.get(rule.key))
    .filter((s): s is AlertState => s !== undefined && s.active && s.severity !== null)
    .filter((s) => !candidates.some((c) => c.key === s.key))
    .map((s) => RANK[s.severity!]);
  const top = Math.max(-1, ...candidates.map((c) => RANK[c.severity]));
  const absorb = candidates.length > 0 && ongoing.length > 0 && top <= Math.max(...ongoing);
  const fired = absorb ? [] : candidates;
  for (const signal of fired) next.set(signal.key, { ...next.get(signal.key)!, severity: signal.severity, lastFiredAt: input.now, resolvedAt: null });
  return { fired, suppressed: absorb ? [...suppressed, ...candidates] : suppressed, states: [...next.values()] };
}
