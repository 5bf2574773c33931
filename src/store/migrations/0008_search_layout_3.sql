-- Search layout 3 (src/pipeline/search-tokens.ts): an en post's Han runs are tokens apart from the
-- latin words they touch ("eats真快" → eats | 真快). A store without mentions has nothing to rewrite;
-- one with mentions keeps its older layout and is re-indexed at start or by `koubei migrate`.
UPDATE store_state SET value = '3' WHERE key = 'search_layout' AND NOT EXISTS (SELECT 1 FROM mentions);
