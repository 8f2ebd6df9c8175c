-- Accounts, sessions and rate-limit windows (issue 6, "Accounts"). Usernames are unique by
-- username_key: NFKC and lower-cased by the code, so look-alike spellings are one name. Keys that
-- the code sorts or pages by use COLLATE "C" so the order is the byte order SQLite uses too.
CREATE TABLE users (
  id text COLLATE "C" PRIMARY KEY,
  username text NOT NULL,
  username_key text COLLATE "C" NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('resident', 'inspector', 'reviewer', 'responsible_unit', 'admin')),
  unit_id text,
  password_hash text NOT NULL,
  disabled boolean NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE INDEX users_by_role ON users (role, username_key);

-- The cookie token and the CSRF token are stored only as hashes.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  csrf_token_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Fixed-window counters, kept here rather than in memory so that several app servers share them.
CREATE TABLE rate_limit_windows (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  hits integer NOT NULL CHECK (hits >= 1),
  PRIMARY KEY (bucket, window_start)
);

CREATE INDEX rate_limit_windows_by_end ON rate_limit_windows (window_end);
