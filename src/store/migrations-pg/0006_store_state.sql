-- Versions and markers of derived data, as in migrations/0006_store_state.sql (keys search_layout,
-- search_reindex_after, aspect_names). `koubei migrate-store` writes its own search_layout: it
-- computes every copied mention's search tokens afresh.
CREATE TABLE store_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Rows stored before this migration may be in either older layout; a new store has none to rewrite.
INSERT INTO store_state (key, value)
SELECT 'search_layout', CASE WHEN EXISTS (SELECT 1 FROM mentions) THEN '1' ELSE '2' END;
