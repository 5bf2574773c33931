-- Versions and markers of data derived from the mentions, which a later release may lay out or
-- compute differently, so a process can tell which stored rows to rebuild. One row per key:
--   search_layout         layout of every live mention's search tokens (1: tokens only, or the first
--                         bigram layout with all bigrams after all tokens; 2: each token followed by its
--                         Han bigrams, src/pipeline/search-tokens.ts)
--   search_reindex_after  while a re-index to a newer layout runs: the highest mention id rewritten
--   aspect_names          JSON list of the brand names the stored aspects looked through (written by
--                         the brand re-match; absent until its first complete pass)
CREATE TABLE store_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Rows stored before this migration may be in either older layout; a new store has none to rewrite.
INSERT INTO store_state (key, value)
SELECT 'search_layout', CASE WHEN EXISTS (SELECT 1 FROM mentions) THEN '1' ELSE '2' END;
