-- Daily keyword and aspect counts per brand ('' = all mentions), as in migrations/0005_analysis_rollups.sql;
-- kept incrementally with the other rollups (src/store/postgres/analysis-rollups.ts).
CREATE TABLE term_rollups (
  brand_id TEXT NOT NULL,
  day BIGINT NOT NULL,
  term TEXT NOT NULL,
  mentions BIGINT NOT NULL,
  pos BIGINT NOT NULL,
  neu BIGINT NOT NULL,
  neg BIGINT NOT NULL,
  PRIMARY KEY (brand_id, day, term)
);

INSERT INTO term_rollups (brand_id, day, term, mentions, pos, neu, neg)
SELECT b.brand_id, (m.created_at / 86400000) * 86400000, t.term, count(*),
  count(*) FILTER (WHERE a.sentiment = 'pos'), count(*) FILTER (WHERE a.sentiment = 'neu'), count(*) FILTER (WHERE a.sentiment = 'neg')
FROM mentions m JOIN analyses a ON a.mention_id = m.id JOIN mention_terms t ON t.mention_id = m.id
JOIN (SELECT id AS mention_id, '' AS brand_id FROM mentions UNION ALL SELECT mention_id, brand_id FROM mention_brands) b
  ON b.mention_id = m.id
WHERE m.deleted_at IS NULL AND m.duplicate_of IS NULL
GROUP BY 1, 2, 3;

-- Daily aspect opinions per brand ('' = all), for aspect sentiment over periods of days.
CREATE TABLE aspect_rollups (
  brand_id TEXT NOT NULL,
  day BIGINT NOT NULL,
  aspect TEXT NOT NULL,
  mentions BIGINT NOT NULL,
  pos BIGINT NOT NULL,
  neu BIGINT NOT NULL,
  neg BIGINT NOT NULL,
  score_sum DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (brand_id, day, aspect)
);

INSERT INTO aspect_rollups (brand_id, day, aspect, mentions, pos, neu, neg, score_sum)
SELECT b.brand_id, (m.created_at / 86400000) * 86400000, x.aspect, count(*),
  count(*) FILTER (WHERE x.label = 'pos'), count(*) FILTER (WHERE x.label = 'neu'), count(*) FILTER (WHERE x.label = 'neg'), sum(x.score)
FROM mentions m JOIN mention_aspects x ON x.mention_id = m.id
JOIN (SELECT id AS mention_id, '' AS brand_id FROM mentions UNION ALL SELECT mention_id, brand_id FROM mention_brands) b
  ON b.mention_id = m.id
WHERE m.deleted_at IS NULL AND m.duplicate_of IS NULL
GROUP BY 1, 2, 3;
