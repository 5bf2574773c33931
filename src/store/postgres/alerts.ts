import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { AlertState } from '../../analytics/alerts/alert-state.js';
import type { AlertDraft } from '../../analytics/alerts/explain.js';
import type { AlertType, Severity } from '../../analytics/alerts/types.js';
import { CLAIM_MS_PER_DELIVERY, type AlertRepository, type DeliveryRecord, type DeliveryStatus, type StoredAlert } from '../alert-types.js';
import { query, queryOne, type Queryable } from './pool.js';
import { withTransaction } from './transaction.js';
import { INTERVAL_MS } from '../intervals.js';
import { splitAtHours } from '../window-parts.js';

type DeliveryRow = { id: number; alert_id: number; channel_id: string; idempotency_key: string; status: string; attempts: number;
  next_attempt_at: number; last_error: string | null; last_status: number | null; sent_at: number | null; created_at: number };
type StateRow = { key: string; brand_id: string; type: string; active: number; severity: string | null; last_fired_at: number | null;
  last_seen_at: number | null; resolved_at: number | null };
type AlertRow = { id: number; payload: string };
type Counts = { volume: number; pos: number; neu: number; neg: number };

// Same population as trends and the rollups: one count per original post, deleted posts and reposts left out.
const BRAND_MENTIONS = `FROM mentions m JOIN analyses a ON a.mention_id = m.id
  WHERE m.created_at >= $1 AND m.created_at < $2 AND m.deleted_at IS NULL AND m.duplicate_of IS NULL
    AND m.id IN (SELECT mention_id FROM mention_brands WHERE brand_id = $3)`;

// Claims the due deliveries of channels no live run works (see the SQLite store: a run is live while
// the earliest claim left on its channel has not run out), oldest first; each is held for its
// place in its channel's queue × CLAIM_MS_PER_DELIVERY. The status is checked again on the row being
// updated, so a delivery another run just marked sent is not claimed from a stale snapshot.
const CLAIM_DUE = `WITH due AS (
    SELECT id, row_number() OVER (PARTITION BY channel_id ORDER BY next_attempt_at, id) AS place FROM (
      SELECT id, channel_id, next_attempt_at FROM alert_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
        AND channel_id NOT IN (SELECT channel_id FROM alert_deliveries WHERE status = 'pending' AND claimed_until IS NOT NULL
          GROUP BY channel_id HAVING min(claimed_until) > $1)
      ORDER BY next_attempt_at, id LIMIT $2) oldest)
  UPDATE alert_deliveries d SET claimed_until = $1::bigint + due.place * $3::bigint FROM due WHERE d.id = due.id AND d.status = 'pending'
  RETURNING d.*`;

const byDue = (a: DeliveryRow, b: DeliveryRow) => a.next_attempt_at - b.next_attempt_at || a.id - b.id;

const toDelivery = (r: DeliveryRow): DeliveryRecord => ({
  id: r.id, alertId: r.alert_id, channelId: r.channel_id, idempotencyKey: r.idempotency_key, status: r.status as DeliveryStatus,
  attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error, lastStatus: r.last_status, sentAt: r.sent_at,
  createdAt: r.created_at,
});

const toState = (r: StateRow): AlertState => ({
  key: r.key, brandId: r.brand_id, type: r.type as AlertType, active: r.active === 1, severity: r.severity as Severity | null,
  lastFiredAt: r.last_fired_at, lastSeenAt: r.last_seen_at, resolvedAt: r.resolved_at,
});

/**
 * Alert repository on Postgres, same contract as SQLite's: an evaluation (states, alerts, pending
 * deliveries) commits as one transaction, so an alert never exists without its deliveries.
 */
export function createPgAlertRepository(pool: pg.Pool): AlertRepository {
  const rawCounts = async (from: number, to: number, brandId: string): Promise<Counts> =>
    (await queryOne<Counts>(pool, `SELECT count(*) AS volume,
      count(*) FILTER (WHERE a.sentiment = 'pos') AS pos, count(*) FILTER (WHERE a.sentiment = 'neu') AS neu,
      count(*) FILTER (WHERE a.sentiment = 'neg') AS neg ${BRAND_MENTIONS}`, [from, to, brandId], 'koubei_alert_counts'))!;
  const hourCounts = async (from: number, to: number, brandId: string): Promise<Counts> =>
    (await queryOne<Counts>(pool, `SELECT coalesce(sum(volume), 0) AS volume, coalesce(sum(pos), 0) AS pos,
      coalesce(sum(neu), 0) AS neu, coalesce(sum(neg), 0) AS neg
      FROM rollups WHERE interval = 'hour' AND brand_id = $1 AND bucket >= $2 AND bucket < $3`, [brandId, from, to], 'koubei_alert_hour_counts'))!;
  /** Whole hours from the rollups, the partial hours at the ends from the mentions (as on SQLite). */
  const counts = async (from: number, to: number, brandId: string): Promise<Counts> => {
    const { hours, edges } = splitAtHours(from, to);
    const parts = await Promise.all([
      ...(hours ? [hourCounts(hours.from, hours.to, brandId)] : []),
      ...edges.map((e) => rawCounts(e.from, e.to, brandId)),
    ]);
    return parts.reduce((a, b) => ({ volume: a.volume + b.volume, pos: a.pos + b.pos, neu: a.neu + b.neu, neg: a.neg + b.neg }), { volume: 0, pos: 0, neu: 0, neg: 0 });
  };
  const loadAlerts = async (db: Queryable, rows: AlertRow[]): Promise<StoredAlert[]> => {
    const deliveries = await query<DeliveryRow>(db, 'SELECT * FROM alert_deliveries WHERE alert_id = ANY($1::bigint[]) ORDER BY id', [rows.map((r) => r.id)]);
    return rows.map((row) => ({
      ...(JSON.parse(row.payload) as AlertDraft),
      id: row.id,
      deliveries: deliveries.filter((d) => d.alert_id === row.id).map(toDelivery),
    }));
  };
  const alertsById = (db: Queryable, ids: number[]) => query<AlertRow>(db, 'SELECT id, payload FROM alerts WHERE id = ANY($1::bigint[]) ORDER BY id', [ids]);
  const exec = async (text: string, values: unknown[]) => void (await pool.query(text, values));

  return {
    windowCounts: async (brandId, ranges) => Promise.all(ranges.map(async (r) => ({ from: r.from, to: r.to, ...(await counts(r.from, r.to, brandId)) }))),
    hasMentionsBefore: async (brandId, at) =>
      (await query(pool, `SELECT 1 FROM rollups WHERE interval = 'hour' AND brand_id = $1 AND bucket <= $2 AND volume > 0 LIMIT 1`, [brandId, at - INTERVAL_MS.hour])).length > 0,
    themeCounts: async (brandId, from, to) => {
      const rows = await query<{ theme: string; n: number }>(pool, `SELECT lower(j.theme) AS theme, count(DISTINCT m.id) AS n
        ${BRAND_MENTIONS.replace('WHERE', 'CROSS JOIN LATERAL jsonb_array_elements_text(a.themes::jsonb) AS j (theme) WHERE')} GROUP BY 1`,
      [from, to, brandId]);
      return { themes: new Map(rows.map((r) => [r.theme, r.n])), mentions: (await counts(from, to, brandId)).volume };
    },
    listStates: async () => (await query<StateRow>(pool, 'SELECT * FROM alert_state ORDER BY key COLLATE "C"')).map(toState),
    recordEvaluation: (rec) =>
      withTransaction(pool, async (client) => {
        for (const s of [...rec.states].sort((a, b) => (a.key < b.key ? -1 : 1))) {
          await client.query(`INSERT INTO alert_state (key, brand_id, type, active, severity, last_fired_at, last_seen_at, resolved_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (key) DO UPDATE SET active = excluded.active, severity = excluded.severity, last_fired_at = excluded.last_fired_at,
              last_seen_at = excluded.last_seen_at, resolved_at = excluded.resolved_at`,
          [s.key, s.brandId, s.type, s.active ? 1 : 0, s.severity, s.lastFiredAt, s.lastSeenAt, s.resolvedAt]);
        }
        const ids: number[] = [];
        for (const { draft, deliveries } of rec.alerts) {
          const { id } = (await queryOne<{ id: number }>(client, 'INSERT INTO alerts (brand_id, type, severity, payload, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
            [draft.brandId, draft.type, draft.severity, JSON.stringify(draft), rec.at]))!;
          for (const d of deliveries) {
            await client.query(`INSERT INTO alert_deliveries (alert_id, channel_id, idempotency_key, status, next_attempt_at, created_at)
              VALUES ($1, $2, $3, 'pending', $4, $5)`, [id, d.channelId, `koubei-${id}-${d.channelId}-${randomUUID()}`, d.nextAttemptAt, rec.at]);
          }
          ids.push(id);
        }
        return loadAlerts(client, await alertsById(client, ids));
      }),
    listAlerts: async (q) => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.brandId) params.push(q.brandId), where.push(`brand_id = $${params.length}`);
      if (q.beforeId) params.push(q.beforeId), where.push(`id < $${params.length}`);
      if (q.failedOnly) where.push(`id IN (SELECT alert_id FROM alert_deliveries WHERE status = 'failed')`);
      params.push(q.limit);
      const rows = await query<AlertRow>(pool, `SELECT id, payload FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT $${params.length}`, params);
      return loadAlerts(pool, rows);
    },
    getAlert: async (id) => (await loadAlerts(pool, await alertsById(pool, [id])))[0],
    dueDeliveries: async (now, limit) => {
      // Claims are taken one run at a time per schema (a transaction-scoped advisory lock), so two
      // processes never both find a channel unclaimed and send its deliveries side by side.
      const rows = await withTransaction(pool, async (client) => {
        await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('koubei:alert_claims:' || current_schema(), 0))`);
        return (await query<DeliveryRow>(client, CLAIM_DUE, [now, limit, CLAIM_MS_PER_DELIVERY])).sort(byDue);
      });
      const alerts = new Map((await loadAlerts(pool, await alertsById(pool, [...new Set(rows.map((r) => r.alert_id))]))).map((a) => [a.id, a]));
      return rows.map((row) => ({ delivery: toDelivery(row), alert: alerts.get(row.alert_id)! }));
    },
    markSent: (id, at, attempt) => exec(`UPDATE alert_deliveries SET status = 'sent', sent_at = $1, attempts = $2, last_status = $3, last_error = NULL, claimed_until = NULL
      WHERE id = $4`, [at, attempt.attempts, attempt.status, id]),
    markRetry: (id, r, next) => exec(`UPDATE alert_deliveries SET attempts = $1, last_error = $2, last_status = $3, next_attempt_at = $4, claimed_until = NULL
      WHERE id = $5`, [r.attempts, r.error, r.status, next, id]),
    markFailed: (id, r) => exec(`UPDATE alert_deliveries SET status = 'failed', attempts = $1, last_error = $2, last_status = $3, claimed_until = NULL
      WHERE id = $4`, [r.attempts, r.error, r.status, id]),
    defer: (id, next) => exec('UPDATE alert_deliveries SET next_attempt_at = $1, claimed_until = NULL WHERE id = $2', [next, id]),
    countSentSince: async (channelId, since) =>
      (await queryOne<{ n: number }>(pool, `SELECT count(*) AS n FROM alert_deliveries WHERE channel_id = $1 AND status = 'sent' AND sent_at >= $2`, [channelId, since]))!.n,
    getSetting: async <T>(key: string) => {
      const row = await queryOne<{ value: string; updated_at: number }>(pool, 'SELECT value, updated_at FROM alert_settings WHERE key = $1', [key]);
      return row ? { value: JSON.parse(row.value) as T, updatedAt: row.updated_at } : undefined;
    },
    putSetting: (key, value, at) => exec(`INSERT INTO alert_settings (key, value, updated_at) VALUES ($1, $2, $3)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, [key, JSON.stringify(value), at]),
    deleteSetting: (key) => exec('DELETE FROM alert_settings WHERE key = $1', [key]),
  };
}
