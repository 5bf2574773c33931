-- Alerts and their delivery outbox. An alert row is committed before any delivery is attempted;
-- each (alert, channel) pair gets one delivery row with a stable idempotency key, so a crash
-- between "sent" and "marked sent" re-sends with the same key and the receiver can drop it.

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  brand_id TEXT NOT NULL,
  type TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  -- JSON: the alert as built by detection (signals, window, themes, samples, links).
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX alerts_created ON alerts (created_at DESC);
CREATE INDEX alerts_brand ON alerts (brand_id, created_at DESC);

-- One row per signal key (brand:type): whether the incident is ongoing, for de-duplication and cooldown.
CREATE TABLE alert_state (
  key TEXT PRIMARY KEY,
  brand_id TEXT NOT NULL,
  type TEXT NOT NULL,
  active INTEGER NOT NULL,
  -- Severity when it last fired: a brand's later signals only alert again when they escalate.
  severity TEXT,
  last_fired_at INTEGER,
  last_seen_at INTEGER,
  resolved_at INTEGER
);

CREATE TABLE alert_deliveries (
  id INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  channel_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  last_status INTEGER,
  sent_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (alert_id, channel_id)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
-- Per-channel send counts over the last minute (DingTalk and WeCom allow 20 per minute).
CREATE INDEX alert_deliveries_sent ON alert_deliveries (channel_id, sent_at);

-- Small JSON settings: alert rules mirrored from config and rules set through the API.
CREATE TABLE alert_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
