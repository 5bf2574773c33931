-- Incremental rollups, as in migrations/0002_rollups.sql: one row per interval × brand × bucket ×
-- source × language; brand_id '' holds every counted mention once. Trends read a primary-key range
-- (interval, brand_id, bucket …), so their cost follows the buckets asked for, not the mentions.
CREATE TABLE rollups (
  interval TEXT NOT NULL CHECK (interval IN ('hour', 'day')),
  brand_id TEXT NOT NULL,
  bucket BIGINT NOT NULL,
  source_id TEXT NOT NULL,
  lang TEXT NOT NULL,
  volume BIGINT NOT NULL,
  pos BIGINT NOT NULL,
  neu BIGINT NOT NULL,
  neg BIGINT NOT NULL,
  score_sum DOUBLE PRECISION NOT NULL,
  likes BIGINT NOT NULL,
  replies BIGINT NOT NULL,
  reposts BIGINT NOT NULL,
  PRIMARY KEY (interval, brand_id, bucket, source_id, lang)
);

CREATE TABLE rollup_authors (
  interval TEXT NOT NULL,
  brand_id TEXT NOT NULL,
  bucket BIGINT NOT NULL,
  source_id TEXT NOT NULL,
  lang TEXT NOT NULL,
  author_id BIGINT NOT NULL,
  mentions BIGINT NOT NULL,
  PRIMARY KEY (interval, brand_id, bucket, source_id, lang, author_id)
);

CREATE TABLE mention_terms (
  mention_id BIGINT NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
  term TEXT NOT NULL,
  PRIMARY KEY (mention_id, term)
);
CREATE INDEX mention_terms_term ON mention_terms (term);

CREATE TABLE mention_aspects (
  mention_id BIGINT NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
  aspect TEXT NOT NULL,
  label TEXT NOT NULL CHECK (label IN ('pos', 'neu', 'neg')),
  score DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (mention_id, aspect)
);
CREATE INDEX mention_aspects_aspect ON mention_aspects (aspect);
