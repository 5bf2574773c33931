import { randomUUID } from 'node:crypto';
import type { Db } from '../db.js';
import type { AlertState } from '../../analytics/alerts/alert-state.js';
import type { AlertDraft } from '../../analytics/alerts/explain.js';
import type { AlertType, Severity, WindowCounts } from '../../analytics/alerts/types.js';
import { createStatementCache, writeTransaction } from './statements.js';
import { INTERVAL_MS } from '../intervals.js';
import { splitAtHours } from '../window-parts.js';
import { CLAIM_MS_PER_DELIVERY, type AlertListQuery, type AlertRepository, type DeliveryRecord, type DeliveryStatus, type DueDelivery,
  type EvaluationRecord, type StoredAlert } from '../alert-types.js';

interface DeliveryRow {
  id: number;
  alert_id: number;
  channel_id: string;
  idempotency_key: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  last_status: number | null;
  sent_at: number | null;
  created_at: number;
}

interface StateRow {
  key: string;
  brand_id: string;
  type: string;
  active: number;
  severity: string | null;
  last_fired_at: number | null;
  last_seen_at: number | null;
  resolved_at: number | null;
}

// Same population as trends and the rollups: one count per original post, deleted posts and reposts
// left out. The join order is fixed (CROSS JOIN): the time range on mentions_created, then the brand
// link, and only the brand's mentions are read. `m.id IN (SELECT … WHERE brand_id = ?)` made SQLite
// walk every mention the brand ever had, once per window (~35 s per alert check at 1M mentions).
const brandMentions = (extra = '') => `FROM (SELECT id FROM mentions WHERE created_at >= ? AND created_at < ?) r
  CROSS JOIN mention_brands b CROSS JOIN mentions m CROSS JOIN analyses a ${extra}
  WHERE b.brand_id = ? AND b.mention_id = r.id AND m.id = r.id AND a.mention_id = m.id
    AND m.deleted_at IS NULL AND m.duplicate_of IS NULL`;

const COUNTS = `count(*) AS volume, coalesce(sum(a.sentiment = 'pos'), 0) AS pos,
  coalesce(sum(a.sentiment = 'neu'), 0) AS neu, coalesce(sum(a.sentiment = 'neg'), 0) AS neg`;

type Counts = Omit<WindowCounts, 'from' | 'to'>;

// Due deliveries of channels no live run works, oldest first, each with its place in its channel's
// queue (its claim lasts that many CLAIM_MS_PER_DELIVERY). A run sends in queue order, so it is live
// while the earliest claim left on its channel has not run out; a run that died frees the channel
// when the claim of the delivery it was sending runs out, not the claim of its last.
const DUE_UNCLAIMED = `SELECT *, row_number() OVER (PARTITION BY channel_id ORDER BY next_attempt_at, id) AS place FROM (
    SELECT * FROM alert_deliveries WHERE status = 'pending' AND next_attempt_at <= @now
      AND channel_id NOT IN (SELECT channel_id FROM alert_deliveries WHERE status = 'pending' AND claimed_until IS NOT NULL
        GROUP BY channel_id HAVING min(claimed_until) > @now)
    ORDER BY next_attempt_at, id LIMIT @limit)
  ORDER BY next_attempt_at, id`;

const toDelivery = (r: DeliveryRow): DeliveryRecord => ({
  id: r.id,
  alertId: r.alert_id,
  channelId: r.channel_id,
  idempotencyKey: r.idempotency_key,
  status: r.status as DeliveryStatus,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  lastStatus: r.last_status,
  sentAt: r.sent_at,
  createdAt: r.created_at,
});

const toState = (r: StateRow): AlertState => ({
  key: r.key,
  brandId: r.brand_id,
  type: r.type as AlertType,
  active: r.active === 1,
  severity: r.severity as Severity | null,
  lastFiredAt: r.last_fired_at,
  lastSeenAt: r.last_seen_at,
  resolvedAt: r.resolved_at,
});

/**
 * SQLite alert repository: detection state, alert history and the delivery outbox. Prepared
 * statements only; an evaluation is written in one transaction so an alert never exists without
 * its pending deliveries.
 */
export function createAlertRepository(db: Db): AlertRepository {
  const q = {
    counts: db.prepare(`SELECT ${COUNTS} ${brandMentions()}`),
    hourCounts: db.prepare(`SELECT coalesce(sum(volume), 0) AS volume, coalesce(sum(pos), 0) AS pos, coalesce(sum(neu), 0) AS neu,
      coalesce(sum(neg), 0) AS neg FROM rollups WHERE interval = 'hour' AND brand_id = ? AND bucket >= ? AND bucket < ?`),
    before: db.prepare(`SELECT 1 FROM rollups WHERE interval = 'hour' AND brand_id = ? AND bucket <= ? AND volume > 0 LIMIT 1`).pluck(),
    themes: db.prepare(`SELECT lower(j.value) AS theme, count(DISTINCT m.id) AS n ${brandMentions('CROSS JOIN json_each(a.themes) j')} GROUP BY theme`),
    states: db.prepare('SELECT * FROM alert_state'),
    upsertState: db.prepare(`INSERT INTO alert_state (key, brand_id, type, active, severity, last_fired_at, last_seen_at, resolved_at)
      VALUES (@key, @brandId, @type, @active, @severity, @lastFiredAt, @lastSeenAt, @resolvedAt)
      ON CONFLICT (key) DO UPDATE SET active = excluded.active, severity = excluded.severity, last_fired_at = excluded.last_fired_at,
        last_seen_at = excluded.last_seen_at, resolved_at = excluded.resolved_at`),
    insertAlert: db.prepare('INSERT INTO alerts (brand_id, type, severity, payload, created_at) VALUES (?, ?, ?, ?, ?)'),
    insertDelivery: db.prepare(`INSERT INTO alert_deliveries (alert_id, channel_id, idempotency_key, status, next_attempt_at, created_at)
      VALUES (?, ?, ?, 'pending', ?, ?)`),
    alert: db.prepare('SELECT * FROM alerts WHERE id = ?'),
    deliveriesOf: db.prepare('SELECT * FROM alert_deliveries WHERE alert_id = ? ORDER BY id'),
    due: db.prepare(DUE_UNCLAIMED),
    claim: db.prepare('UPDATE alert_deliveries SET claimed_until = ? WHERE id = ?'),
    sent: db.prepare(`UPDATE alert_deliveries SET status = 'sent', sent_at = ?, attempts = ?, last_status = ?, last_error = NULL, claimed_until = NULL
      WHERE id = ?`),
    retry: db.prepare('UPDATE alert_deliveries SET attempts = ?, last_error = ?, last_status = ?, next_attempt_at = ?, claimed_until = NULL WHERE id = ?'),
    failed: db.prepare(`UPDATE alert_deliveries SET status = 'failed', attempts = ?, last_error = ?, last_status = ?, claimed_until = NULL WHERE id = ?`),
    defer: db.prepare('UPDATE alert_deliveries SET next_attempt_at = ?, claimed_until = NULL WHERE id = ?'),
    sentSince: db.prepare(`SELECT count(*) AS n FROM alert_deliveries WHERE channel_id = ? AND status = 'sent' AND sent_at >= ?`),
    getSetting: db.prepare('SELECT value, updated_at FROM alert_settings WHERE key = ?'),
    putSetting: db.prepare(`INSERT INTO alert_settings (key, value, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
    deleteSetting: db.prepare('DELETE FROM alert_settings WHERE key = ?'),
  };

  const prepare = createStatementCache(db);
  /** Whole hours from the rollups, the partial hours at the ends from the mentions. */
  const count = (brandId: string, from: number, to: number): Counts => {
    const { hours, edges } = splitAtHours(from, to);
    const parts = [
      ...(hours ? [q.hourCounts.get(brandId, hours.from, hours.to) as Counts] : []),
      ...edges.map((e) => q.counts.get(e.from, e.to, brandId) as Counts),
    ];
    return parts.reduce((a, b) => ({ volume: a.volume + b.volume, pos: a.pos + b.pos, neu: a.neu + b.neu, neg: a.neg + b.neg }), { volume: 0, pos: 0, neu: 0, neg: 0 });
  };
  const loadAlert = (row: { id: number; payload: string }): StoredAlert => ({
    ...(JSON.parse(row.payload) as AlertDraft),
    id: row.id,
    deliveries: (q.deliveriesOf.all(row.id) as DeliveryRow[]).map(toDelivery),
  });

  const record = writeTransaction(db, (rec: EvaluationRecord): number[] => {
    for (const state of rec.states) q.upsertState.run({ ...state, active: state.active ? 1 : 0 });
    return rec.alerts.map(({ draft, deliveries }) => {
      const id = Number(q.insertAlert.run(draft.brandId, draft.type, draft.severity, JSON.stringify(draft), rec.at).lastInsertRowid);
      for (const d of deliveries) q.insertDelivery.run(id, d.channelId, `koubei-${id}-${d.channelId}-${randomUUID()}`, d.nextAttemptAt, rec.at);
      return id;
    });
  });
  // Read and claim under SQLite's write lock, so another process never sees these rows unclaimed.
  const claimDue = writeTransaction(db, (now: number, limit: number): DueDelivery[] =>
    (q.due.all({ now, limit }) as (DeliveryRow & { place: number })[]).map((row) => {
      q.claim.run(now + row.place * CLAIM_MS_PER_DELIVERY, row.id);
      return { delivery: toDelivery(row), alert: loadAlert(q.alert.get(row.alert_id) as { id: number; payload: string }) };
    }),
  );

  return {
    hasMentionsBefore: async (brandId, at) => q.before.get(brandId, at - INTERVAL_MS.hour) !== undefined,
    windowCounts: async (brandId, ranges) => ranges.map((r) => ({ from: r.from, to: r.to, ...count(brandId, r.from, r.to) })),
    themeCounts: async (brandId, from, to) => {
      const rows = q.themes.all(from, to, brandId) as { theme: string; n: number }[];
      return { themes: new Map(rows.map((r) => [r.theme, r.n])), mentions: count(brandId, from, to).volume };
    },
    listStates: async () => (q.states.all() as StateRow[]).map(toState),
    recordEvaluation: async (rec) => record(rec).map((id) => loadAlert(q.alert.get(id) as { id: number; payload: string })),
    listAlerts: async (query) => listAlerts(prepare, query).map(loadAlert),
    getAlert: async (id) => {
      const row = q.alert.get(id) as { id: number; payload: string } | undefined;
      return row ? loadAlert(row) : undefined;
    },
    dueDeliveries: async (now, limit) => claimDue(now, limit),
    markSent: async (id, at, attempt) => void q.sent.run(at, attempt.attempts, attempt.status, id),
    markRetry: async (id, r, next) => void q.retry.run(r.attempts, r.error, r.status, next, id),
    markFailed: async (id, r) => void q.failed.run(r.attempts, r.error, r.status, id),
    defer: async (id, next) => void q.defer.run(next, id),
    countSentSince: async (channelId, since) => (q.sentSince.get(channelId, since) as { n: number }).n,
    getSetting: async <T>(key: string) => {
      const row = q.getSetting.get(key) as { value: string; updated_at: number } | undefined;
      return row ? { value: JSON.parse(row.value) as T, updatedAt: row.updated_at } : undefined;
    },
    putSetting: async (key, value, at) => void q.putSetting.run(key, JSON.stringify(value), at),
    deleteSetting: async (key) => void q.deleteSetting.run(key),
  };
}

/** Newest-first history; filters are bound parameters. */
function listAlerts(prepare: ReturnType<typeof createStatementCache>, query: AlertListQuery): { id: number; payload: string }[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.brandId) where.push('brand_id = ?'), params.push(query.brandId);
  if (query.beforeId) where.push('id < ?'), params.push(query.beforeId);
  if (query.failedOnly) where.push(`id IN (SELECT alert_id FROM alert_deliveries WHERE status = 'failed')`);
  const sql = `SELECT id, payload FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
  return prepare(sql).all(...params, query.limit) as { id: number; payload: string }[];
}
