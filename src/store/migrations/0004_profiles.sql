-- Customer profiles: tags per profile with evidence, lifecycle per brand, a change feed, explicit
-- identity links and hashed API keys. A profile is a group of authors (one per platform); it is keyed by
-- the lowest author id in the group, and an unlinked author is a group of one.

CREATE TABLE profile_members (
  author_id INTEGER PRIMARY KEY REFERENCES authors (id) ON DELETE CASCADE,
  profile_id INTEGER NOT NULL
);
CREATE INDEX profile_members_profile ON profile_members (profile_id);

CREATE TABLE profiles (
  id INTEGER PRIMARY KEY,
  -- JSON: influence tier, lifecycle per brand with transitions, counts. Tags live in profile_tags.
  summary TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- brand_id '' for tags about the person (interests, values, influence); a brand id for tags about
-- their relationship to that brand (promoter, churn risk, lifecycle stage).
CREATE TABLE profile_tags (
  profile_id INTEGER NOT NULL,
  tag TEXT NOT NULL,
  brand_id TEXT NOT NULL DEFAULT '',
  confidence REAL NOT NULL,
  -- JSON: [{mentionId, cue}], newest first, capped.
  evidence TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (profile_id, tag, brand_id)
) WITHOUT ROWID;
CREATE INDEX profile_tags_tag ON profile_tags (tag, brand_id, confidence);

-- Monotonic change sequence. SQLite has one writer at a time and a row's seq is assigned inside the
-- writing transaction, so seqs become visible in order: a reader paging by "seq > cursor" never
-- skips a change committed later with a smaller seq. AUTOINCREMENT: seqs are never reused.
CREATE TABLE tag_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  profile_id INTEGER NOT NULL,
  tag TEXT NOT NULL,
  brand_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('added', 'updated', 'removed')),
  confidence REAL,
  at INTEGER NOT NULL
);

-- Key ids are public (they prefix the token); only salt + SHA-256(salt + secret) are stored.
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT,
  salt TEXT NOT NULL,
  hash TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
