-- Daily keyword and aspect counts per brand ('' = all mentions), kept incrementally with the other
-- rollups, so themes and aspect sentiment over days read a few thousand rows instead of every mention.
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

-- Daily aspect opinions per brand ('' = all), for aspect sentiment over periods of days.
CREATE TABLE aspect_rollups (
  brand_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  aspect TEXT NOT NULL,
  mentions INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  neu INTEGER NOT NULL,
  neg INTEGER NOT NULL,
  score_sum REAL NOT NULL,
  PRIMARY KEY (brand_id, day, aspect)
) WITHOUT ROWID;

INSERT INTO aspect_rollups (brand_id, day, aspect, mentions, pos, neu, neg, score_sum)
SELECT b.brand_id, (m.created_at / 86400000) * 86400000, x.aspect, count(*),
  sum(x.label = 'pos'), sum(x.label = 'neu'), sum(x.label = 'neg'), sum(x.score)
FROM mentions m JOIN mention_aspects x ON x.mention_id = m.id
JOIN (SELECT id AS mention_id, '' AS brand_id FROM mentions UNION ALL SELECT mention_id, brand_id FROM mention_brands) b
  ON b.mention_id = m.id
WHERE m.deleted_at IS NULL AND m.duplicate_of IS NULL
GROUP BY 1, 2, 3;
