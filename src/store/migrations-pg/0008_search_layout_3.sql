-- Search layout 3 (src/pipeline/search-tokens.ts): in a post not read as Chinese, Han runs are tokens
-- apart from the latin words they touch, cut by the zh segmenter ("eats真快" → eats | 真快). A store
-- without mentions has nothing to rewrite; one with mentions keeps its older layout and is re-indexed
-- at start or by `koubei migrate`, from the first mention: a re-index to layout 2 stopped part-way
-- would otherwise resume where it stopped and leave the rows before in layout 2.
UPDATE store_state SET value = '3' WHERE key = 'search_layout' AND NOT EXISTS (SELECT 1 FROM mentions);
DELETE FROM store_state WHERE key = 'search_reindex_after';
