import type { AlertState } from '../analytics/alerts/alert-state.js';
import type { AlertDraft } from '../analytics/alerts/explain.js';
import type { WindowCounts } from '../analytics/alerts/types.js';

/** Outbox status of one (alert, channel) delivery. */
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface DeliveryRecord {
  id: number;
  alertId: number;
  channelId: string;
  /** Sent as `Idempotency-Key` (and in the webhook body) on every attempt. */
  idempotencyKey: string;
  status: DeliveryStatus;
  attempts: number;
  /** Epoch ms; pending deliveries are due at or after it. */
  nextAttemptAt: number;
  lastError: string | null;
  /** HTTP status of the last attempt, when there was a response. */
  lastStatus: number | null;
  sentAt: number | null;
  createdAt: number;
}

/** A stored alert with its deliveries. */
export interface StoredAlert extends AlertDraft {
  id: number;
  deliveries: DeliveryRecord[];
}

export interface NewDelivery {
  channelId: string;
  /** First attempt time: now, or the end of the rule's quiet hours. */
  nextAttemptAt: number;
}

/** Everything one evaluation writes, in one transaction: state changes, new alerts, their deliveries. */
export interface EvaluationRecord {
  at: number;
  states: AlertState[];
  alerts: { draft: AlertDraft; deliveries: NewDelivery[] }[];
}

export interface AlertListQuery {
  limit: number;
  brandId?: string;
  /** Only alerts with at least one failed delivery. */
  failedOnly?: boolean;
  /** Alerts with id below this (for paging, newest first). */
  beforeId?: number;
}

/**
 * How long a run holds each delivery it claims, per place in its channel's queue: the k-th is held
 * k × 30 s. A channel's deliveries go out one after another, each bounded by the 10 s send timeout,
 * so a live run marks them well before then; a run that died lets them expire and be sent by another.
 */
export const CLAIM_MS_PER_DELIVERY = 30_000;

/** A delivery that is due, with the alert it carries. */
export interface DueDelivery {
  delivery: DeliveryRecord;
  alert: StoredAlert;
}

export interface AttemptResult {
  attempts: number;
  error: string;
  status: number | null;
}

/**
 * Alert storage: detection state, the alert history and the delivery outbox, plus the two
 * read-only aggregate queries detection needs (window counts and theme counts of a brand).
 */
export interface AlertRepository {
  /** Mention counts of a brand per time range, reposts and deleted posts excluded (as in trends). */
  windowCounts(brandId: string, ranges: { from: number; to: number }[]): Promise<WindowCounts[]>;
  /** Theme → mentions carrying it, and the number of mentions, for a brand in `[from, to)`. */
  themeCounts(brandId: string, from: number, to: number): Promise<{ themes: Map<string, number>; mentions: number }>;
  /** Whether the brand has a mention in an hour wholly before `at` (one index probe, whatever the history). */
  hasMentionsBefore(brandId: string, at: number): Promise<boolean>;
  listStates(): Promise<AlertState[]>;
  /** Saves states, alerts and pending deliveries atomically; returns the stored alerts. */
  recordEvaluation(record: EvaluationRecord): Promise<StoredAlert[]>;
  listAlerts(query: AlertListQuery): Promise<StoredAlert[]>;
  getAlert(id: number): Promise<StoredAlert | undefined>;
  /**
   * Claims and returns the pending deliveries with `nextAttemptAt <= now`, oldest first, of channels
   * that no other run has claimed deliveries of (so each channel is worked by one run, in order). A
   * claim ends when the delivery is marked (sent, retry, failed, deferred), or expires after
   * `CLAIM_MS_PER_DELIVERY` per place in its channel's queue, when its run died.
   */
  dueDeliveries(now: number, limit: number): Promise<DueDelivery[]>;
  markSent(deliveryId: number, at: number, attempt: { attempts: number; status: number | null }): Promise<void>;
  /** A failed attempt that will be retried at `nextAttemptAt`. */
  markRetry(deliveryId: number, result: AttemptResult, nextAttemptAt: number): Promise<void>;
  /** A delivery that gave up (retries exhausted or a permanent error). */
  markFailed(deliveryId: number, result: AttemptResult): Promise<void>;
  /** Postpones a delivery without counting an attempt (rate limit, quiet hours). */
  defer(deliveryId: number, nextAttemptAt: number): Promise<void>;
  /** Deliveries to a channel marked sent at or after `since`. */
  countSentSince(channelId: string, since: number): Promise<number>;
  getSetting<T>(key: string): Promise<{ value: T; updatedAt: number } | undefined>;
  putSetting(key: string, value: unknown, at: number): Promise<void>;
  deleteSetting(key: string): Promise<void>;
}
