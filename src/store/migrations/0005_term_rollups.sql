-- Daily keyword counts per brand ('' = all mentions), kept incrementally with the other rollups,
-- so themes over long periods read a few thousand rows instead of every mention's terms.
CREATE TABLE term_rollups (
  brand_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  term TEXT NOT NULL,
  mentions INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  neu INTEGER NOT NULL,
  neg INTEGER NOT NULL,
  PRIMARY KEY (brand_id, day, term)
) WITHOUT ROWID;

INSERT INTO term_rollups (brand_id, day, term, mentions, pos, neu, neg)
SELECT b.brand_id, (m.created_at / 86400000) * 86400000, t.term, count(*),
  sum(a.sentiment = 'pos'), sum(a.sentiment = 'neu'), sum(a.sentiment = 'neg')
FROM mentions m JOIN analyses a ON a.mention_id = m.id JOIN mention_terms t ON t.mention_id = m.id
JOIN (SELECT id AS mention_id, '' AS brand_id FROM mentions UNION ALL SELECT mention_id, brand_id FROM mention_brands) b
  ON b.mention_id = m.id
WHERE m.deleted_at IS NULL AND m.duplicate_of IS NULL
GROUP BY 1, 2, 3;
