-- Who fills each source, beside its type: 'collector' (a configured collector) or 'push'
-- (POST /api/ingest, koubei ingest). The claim that creates a source sets it, and collectors and
-- pushes each refuse a source the other made; the type alone cannot tell them apart, since the file
-- collector and koubei ingest both make file sources.
ALTER TABLE sources ADD COLUMN origin TEXT NOT NULL DEFAULT 'collector' CHECK (origin IN ('collector', 'push'));

-- Pushes make only push and file sources and never record a run, so such a source without runs is
-- a push's; every other stored source is a collector's.
UPDATE sources SET origin = 'push'
WHERE type IN ('push', 'file') AND NOT EXISTS (SELECT 1 FROM collector_runs r WHERE r.source_id = sources.id);
