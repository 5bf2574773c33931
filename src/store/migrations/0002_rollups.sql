-- Incremental rollups: one row per interval × brand × bucket × source × language. brand_id '' holds
-- every counted mention once (a mention of two brands is in both brand rows and once in '').
-- A mention counts when it is neither deleted nor a near-duplicate of an earlier one.
CREATE TABLE rollups (
  interval TEXT NOT NULL CHECK (interval IN ('hour', 'day')),
  brand_id TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  source_id TEXT NOT NULL,
  lang TEXT NOT NULL,
  volume INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  neu INTEGER NOT NULL,
  neg INTEGER NOT NULL,
  score_sum REAL NOT NULL,
  likes INTEGER NOT NULL,
  replies INTEGER NOT NULL,
  reposts INTEGER NOT NULL,
  PRIMARY KEY (interval, brand_id, bucket, source_id, lang)
) WITHOUT ROWID;

-- Mentions per author in each rollup cell, so unique authors stay exact under updates and deletes.
CREATE TABLE rollup_authors (
  interval TEXT NOT NULL,
  brand_id TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  source_id TEXT NOT NULL,
  lang TEXT NOT NULL,
  author_id INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  PRIMARY KEY (interval, brand_id, bucket, source_id, lang, author_id)
) WITHOUT ROWID;

-- Keywords/themes per mention, for theme extraction over a brand and period.
CREATE TABLE mention_terms (
  mention_id INTEGER NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
  term TEXT NOT NULL,
  PRIMARY KEY (mention_id, term)
) WITHOUT ROWID;
CREATE INDEX mention_terms_term ON mention_terms (term);

-- Aspect opinions per mention (one row per aspect category), for aspect sentiment over time.
CREATE TABLE mention_aspects (
  mention_id INTEGER NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
  aspect TEXT NOT NULL,
  label TEXT NOT NULL CHECK (label IN ('pos', 'neu', 'neg')),
  score REAL NOT NULL,
  PRIMARY KEY (mention_id, aspect)
) WITHOUT ROWID;
CREATE INDEX mention_aspects_aspect ON mention_aspects (aspect);
