import type { AlertType, Signal } from './types.js';

/** Per-signal memory between evaluations, kept in the store. */
export interface AlertState {
  /** Signal key, e.g. `freshbee:volume_spike`. */
  key: string;
  brandId: string;
  type: AlertType;
  /** True while the condition holds (an ongoing incident). */
  active: boolean;
  lastFiredAt: number | null;
  lastSeenAt: number | null;
  resolvedAt: number | null;
}

export interface StateDecision {
  /** New incidents: these become an alert. */
  fired: Signal[];
  /** Ongoing or cooling-down incidents: no new alert. */
  suppressed: Signal[];
  /** Every state that changed, to save. */
  states: AlertState[];
}

export interface ApplyStateInput {
  signals: Signal[];
  /** Keys of every rule that was evaluated (fired or not), so silent ones can resolve. */
  evaluated: { key: string; brandId: string; type: AlertType; cooldownMinutes: number }[];
  states: ReadonlyMap<string, AlertState>;
  now: number;
}

/**
 * De-duplication and cooldown. A signal fires when its incident is new: not already active, and
 * not within `cooldownMinutes` of its last firing. While the condition holds the state stays
 * active and nothing re-fires; when an evaluation no longer sees it, it resolves and may fire
 * again later. A signal seen during its cooldown is marked active, so it must resolve first —
 * one long incident never produces a second alert.
 *
 * @example
 * const { fired, states } = applyAlertState({ signals, evaluated, states: current, now });
 */
export function applyAlertState(input: ApplyStateInput): StateDecision {
  const bySignal = new Map(input.signals.map((s) => [s.key, s]));
  const decision: StateDecision = { fired: [], suppressed: [], states: [] };
  for (const rule of input.evaluated) {
    const prev = input.states.get(rule.key);
    const signal = bySignal.get(rule.key);
    if (!signal) {
      if (prev?.active) decision.states.push({ ...prev, active: false, resolvedAt: input.now });
      continue;
    }
    const base: AlertState = prev ?? { ...rule, active: false, lastFiredAt: null, lastSeenAt: null, resolvedAt: null };
    const coolingDown = base.lastFiredAt !== null && input.now - base.lastFiredAt < rule.cooldownMinutes * 60_000;
    if (base.active || coolingDown) {
      decision.suppressed.push(signal);
      decision.states.push({ key: base.key, brandId: base.brandId, type: base.type, active: true, lastFiredAt: base.lastFiredAt, lastSeenAt: input.now, resolvedAt: base.resolvedAt });
      continue;
    }
    decision.fired.push(signal);
    decision.states.push({ key: base.key, brandId: base.brandId, type: base.type, active: true, lastFiredAt: input.now, lastSeenAt: input.now, resolvedAt: null });
  }
  return decision;
}
