-- Accounts, sessions and rate-limit windows (issue 6, "Accounts"). Timestamps are text written by
-- Date#toISOString (UTC, milliseconds), so text order is time order. Usernames are unique by
-- username_key: NFKC and lower-cased by the code, so look-alike spellings are one name.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  username_key TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('resident', 'inspector', 'reviewer', 'responsible_unit', 'admin')),
  unit_id TEXT,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE INDEX users_by_role ON users (role, username_key);

-- The cookie token and the CSRF token are stored only as hashes.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  csrf_token_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;

CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Fixed-window counters, kept here rather than in memory so that several app servers share them.
CREATE TABLE rate_limit_windows (
  bucket TEXT NOT NULL,
  window_start TEXT NOT NULL,
  window_end TEXT NOT NULL,
  hits INTEGER NOT NULL CHECK (hits >= 1),
  PRIMARY KEY (bucket, window_start)
) STRICT;

CREATE INDEX rate_limit_windows_by_end ON rate_limit_windows (window_end);
