-- Who fills each source ('collector' or 'push'), as in migrations/0007_source_origin.sql.
ALTER TABLE sources ADD COLUMN origin TEXT NOT NULL DEFAULT 'collector' CHECK (origin IN ('collector', 'push'));

-- Pushes make only push and file sources and never record a run, so such a source without runs is
-- a push's; every other stored source is a collector's.
UPDATE sources SET origin = 'push'
WHERE type IN ('push', 'file') AND NOT EXISTS (SELECT 1 FROM collector_runs r WHERE r.source_id = sources.id);
