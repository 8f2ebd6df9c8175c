-- Fault reports, their history and their photos (issue 6, "The report" and "The loop"). The lists
-- in the CHECK constraints are those of src/domain/reports/model.ts; a value added there needs a
-- new migration here (the contract test stores every value of each list).
CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  -- Sent by the client with every retry of one submission, so a retry never files a duplicate.
  idempotency_key TEXT NOT NULL UNIQUE,
  district_id TEXT NOT NULL,
  facility_id TEXT,
  longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  latitude REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  category TEXT NOT NULL CHECK (category IN ('kerb_ramp', 'tactile_paving', 'elevator', 'toilet', 'entrance', 'path', 'crossing', 'information')),
  fault_code TEXT NOT NULL,
  severity INTEGER NOT NULL CHECK (severity IN (1, 2, 3)),
  permanence TEXT NOT NULL CHECK (permanence IN ('temporary', 'permanent')),
  -- A calendar date "YYYY-MM-DD".
  expected_fix_date TEXT CHECK (expected_fix_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  description TEXT NOT NULL,
  -- A JSON array of {name, value, unit}.
  measurements TEXT NOT NULL CHECK (json_valid(measurements) AND json_type(measurements) = 'array'),
  out_of_service INTEGER NOT NULL CHECK (out_of_service IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('submitted', 'verified', 'assigned', 'in_progress', 'fixed', 'closed', 'duplicate', 'rejected', 'cannot_reproduce')),
  reporter_id TEXT REFERENCES users (id),
  assigned_unit_id TEXT,
  fixed_by_id TEXT REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1)
) STRICT;

CREATE INDEX reports_by_update ON reports (updated_at, id);
CREATE INDEX reports_by_district ON reports (district_id, updated_at, id);
CREATE INDEX reports_by_facility ON reports (facility_id, updated_at, id) WHERE facility_id IS NOT NULL;
CREATE INDEX reports_by_unit ON reports (assigned_unit_id, status) WHERE assigned_unit_id IS NOT NULL;
CREATE INDEX reports_by_status ON reports (status, updated_at, id);

CREATE TABLE report_events (
  report_id TEXT NOT NULL REFERENCES reports (id),
  sequence INTEGER NOT NULL CHECK (sequence >= 1),
  from_status TEXT CHECK (from_status IN ('submitted', 'verified', 'assigned', 'in_progress', 'fixed', 'closed', 'duplicate', 'rejected', 'cannot_reproduce')),
  to_status TEXT NOT NULL CHECK (to_status IN ('submitted', 'verified', 'assigned', 'in_progress', 'fixed', 'closed', 'duplicate', 'rejected', 'cannot_reproduce')),
  actor_id TEXT REFERENCES users (id),
  actor_role TEXT NOT NULL CHECK (actor_role IN ('resident', 'inspector', 'reviewer', 'responsible_unit', 'admin')),
  at TEXT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (report_id, sequence)
) STRICT;

CREATE TABLE report_photos (
  id TEXT PRIMARY KEY,
  report_id TEXT NOT NULL REFERENCES reports (id),
  position INTEGER NOT NULL CHECK (position >= 0),
  media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp')),
  byte_length INTEGER NOT NULL CHECK (byte_length = length(bytes)),
  bytes BLOB NOT NULL,
  UNIQUE (report_id, position)
) STRICT;
