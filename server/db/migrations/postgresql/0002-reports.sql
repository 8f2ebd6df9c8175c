-- Fault reports, their history and their photos (issue 6, "The report" and "The loop"). The lists
-- in the CHECK constraints are those of src/domain/reports/model.ts; a value added there needs a
-- new migration here (the contract test stores every value of each list).
CREATE TABLE reports (
  id text COLLATE "C" PRIMARY KEY,
  -- Sent by the client with every retry of one submission, so a retry never files a duplicate.
  idempotency_key text NOT NULL UNIQUE,
  district_id text NOT NULL,
  facility_id text,
  longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  category text NOT NULL CHECK (category IN ('kerb_ramp', 'tactile_paving', 'elevator', 'toilet', 'entrance', 'path', 'crossing', 'information')),
  fault_code text NOT NULL,
  severity smallint NOT NULL CHECK (severity IN (1, 2, 3)),
  permanence text NOT NULL CHECK (permanence IN ('temporary', 'permanent')),
  -- A calendar date "YYYY-MM-DD", kept as text: node-postgres would turn a date column into a
  -- local-time Date and shift it by the server's time zone.
  expected_fix_date text CHECK (expected_fix_date ~ '^\d{4}-\d{2}-\d{2}$'),
  description text NOT NULL,
  -- A JSON array of {name, value, unit}.
  measurements jsonb NOT NULL CHECK (jsonb_typeof(measurements) = 'array'),
  out_of_service boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('submitted', 'verified', 'assigned', 'in_progress', 'fixed', 'closed', 'duplicate', 'rejected', 'cannot_reproduce')),
  reporter_id text REFERENCES users (id),
  assigned_unit_id text,
  fixed_by_id text REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL CHECK (version >= 1)
);

CREATE INDEX reports_by_update ON reports (updated_at, id);
CREATE INDEX reports_by_district ON reports (district_id, updated_at, id);
CREATE INDEX reports_by_facility ON reports (facility_id, updated_at, id) WHERE facility_id IS NOT NULL;
CREATE INDEX reports_by_unit ON reports (assigned_unit_id, status) WHERE assigned_unit_id IS NOT NULL;
CREATE INDEX reports_by_status ON reports (status, updated_at, id);

CREATE TABLE report_events (
  report_id text NOT NULL REFERENCES reports (id),
  sequence integer NOT NULL CHECK (sequence >= 1),
  from_status text CHECK (from_status IN ('submitted', 'verified', 'assigned', 'in_progress', 'fixed', 'closed', 'duplicate', 'rejected', 'cannot_reproduce')),
  to_status text NOT NULL CHECK (to_status IN ('submitted', 'verified', 'assigned', 'in_progress', 'fixed', 'closed', 'duplicate', 'rejected', 'cannot_reproduce')),
  actor_id text REFERENCES users (id),
  actor_role text NOT NULL CHECK (actor_role IN ('resident', 'inspector', 'reviewer', 'responsible_unit', 'admin')),
  at timestamptz NOT NULL,
  note text NOT NULL,
  PRIMARY KEY (report_id, sequence)
);

CREATE TABLE report_photos (
  id text PRIMARY KEY,
  report_id text NOT NULL REFERENCES reports (id),
  position integer NOT NULL CHECK (position >= 0),
  media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp')),
  byte_length integer NOT NULL CHECK (byte_length = octet_length(bytes)),
  bytes bytea NOT NULL,
  UNIQUE (report_id, position)
);
