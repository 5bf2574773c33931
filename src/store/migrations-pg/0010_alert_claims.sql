-- Delivery claims, as in migrations/0010_alert_claims.sql.
ALTER TABLE alert_deliveries ADD COLUMN claimed_until BIGINT;
