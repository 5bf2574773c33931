-- Core tables. Times are INTEGER milliseconds since the epoch (UTC): compact, and range/bucket
-- queries stay index-friendly.

CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  cursor TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  healthy INTEGER NOT NULL DEFAULT 1,
  last_run_at INTEGER,
  last_status TEXT,
  last_error TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE collector_runs (
  id INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  fetched INTEGER NOT NULL DEFAULT 0,
  inserted INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
CREATE INDEX collector_runs_source ON collector_runs (source_id, started_at DESC);

-- One row per person per platform: the same person on two platforms stays two authors.
CREATE TABLE authors (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  platform_id TEXT NOT NULL,
  handle TEXT,
  name TEXT,
  followers INTEGER,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  UNIQUE (platform, platform_id)
);

CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  url TEXT,
  author_id INTEGER REFERENCES authors (id) ON DELETE SET NULL,
  title TEXT,
  text TEXT NOT NULL,
  lang TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  collected_at INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  -- Near-duplicate (repost/copy) of an earlier mention: kept, linked, not counted twice in trends.
  duplicate_of INTEGER REFERENCES mentions (id) ON DELETE SET NULL,
  likes INTEGER,
  replies INTEGER,
  reposts INTEGER,
  rating REAL,
  deleted_at INTEGER,
  UNIQUE (source_id, external_id)
);
CREATE INDEX mentions_created ON mentions (created_at);
CREATE INDEX mentions_hash ON mentions (content_hash);
CREATE INDEX mentions_author ON mentions (author_id);

CREATE TABLE analyses (
  mention_id INTEGER PRIMARY KEY REFERENCES mentions (id) ON DELETE CASCADE,
  sentiment TEXT NOT NULL CHECK (sentiment IN ('pos', 'neg', 'neu')),
  score REAL NOT NULL,
  confidence REAL NOT NULL,
  explanation TEXT NOT NULL,
  emotion TEXT NOT NULL,
  emotion_confidence REAL NOT NULL,
  keywords TEXT NOT NULL,
  themes TEXT NOT NULL,
  aspects TEXT NOT NULL,
  analysed_at INTEGER NOT NULL
);

CREATE TABLE brands (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  aliases TEXT NOT NULL,
  query TEXT,
  competitors TEXT NOT NULL
);

CREATE TABLE mention_brands (
  mention_id INTEGER NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
  brand_id TEXT NOT NULL,
  PRIMARY KEY (brand_id, mention_id)
) WITHOUT ROWID;
CREATE INDEX mention_brands_mention ON mention_brands (mention_id);

-- Segmented tokens (jieba for Chinese) joined by spaces, so FTS5 matches Chinese words.
CREATE VIRTUAL TABLE mention_search USING fts5 (tokens, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
