-- A run claims the due deliveries it is about to send until `claimed_until` (epoch ms), so a second
-- process working the same outbox (`koubei start` and `koubei alerts check`) never sends them too:
-- Slack, Feishu, DingTalk and WeCom ignore Idempotency-Key. A run that dies mid-send leaves the claim
-- to expire, and the delivery is sent later by another run. NULL: not claimed.
ALTER TABLE alert_deliveries ADD COLUMN claimed_until INTEGER;
