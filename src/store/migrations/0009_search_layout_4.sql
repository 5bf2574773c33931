-- Search layout 4 (src/pipeline/search-tokens.ts): the characters of a post's Chinese words are
-- indexed after its tokens, so a one-character query finds 烫 in 烫手. As in 0008: a store without
-- mentions has nothing to rewrite; one with mentions is re-indexed at start or by `koubei migrate`,
-- from the first mention (a re-index to layout 3 stopped part-way must not resume where it stopped).
UPDATE store_state SET value = '4' WHERE key = 'search_layout' AND NOT EXISTS (SELECT 1 FROM mentions);
DELETE FROM store_state WHERE key = 'search_reindex_after';
