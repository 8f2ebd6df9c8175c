// The PostgreSQL Repository, used when DATABASE_URL is set, so that several app servers can share
// one database. A pg Pool serves concurrent requests; every multi-step write is one transaction in
// which the row it checks is locked (SELECT … FOR UPDATE) or the check is the write itself
// (INSERT … ON CONFLICT), so two app servers cannot both pass a check. Migrations run under a
// transaction-scoped advisory lock: app servers starting together apply them once.
import pg from 'pg';
import { MAX_PHOTOS_PER_REPORT } from '../../src/domain/reports/model.ts';
import type { Report, ReportEvent, ReportPhoto, ReportStatus, Role, User } from '../../src/domain/reports/model.ts';
import { defaultMigrationsDirectory, pendingMigrations, readMigrations } from './migrations.ts';
import {
  REPORT_COLUMNS, assertExpectedVersion, assertIsoDateTime, buildListQuery, checkNewReport, checkNewUser, checkPhotoBytes, checkUpdate,
  nextCursorOf, rateLimitWindow, reportFromRow, reportValues, userFromRow, usernameKey,
  type ReportRow, type UserRow,
} from './records.ts';
import {
  InvalidStorageInput, PhotoLimitReached, ReportNotFound, UsernameTaken, VersionConflict,
  type AppliedMigration, type CreateReportResult, type NewReportEvent, type NewSession, type ReportFilter, type ReportPage,
  type Repository, type Session, type StoredPhoto, type UserFilter,
} from './repository.ts';

/** "bfmap" read as a 40-bit number: the advisory lock every app server takes to migrate. */
export const MIGRATION_LOCK_KEY = 0x62666d6170;

/** Enough for a busy app server; PostgreSQL's own default limit is 100 connections in all. */
const DEFAULT_POOL_SIZE = 10;

// https://www.postgresql.org/docs/current/errcodes-appendix.html
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

export interface PostgresStorageOptions {
  /** postgres://user:password@host:port/database */
  databaseUrl: string;
  /** Tests point this at a copy to prove a changed file is refused. */
  migrationsDirectory?: string;
  poolSize?: number;
}

interface PostgresReportRow extends Omit<ReportRow, 'created_at' | 'updated_at'> {
  created_at: Date;
  updated_at: Date;
}

interface PostgresUserRow extends Omit<UserRow, 'created_at'> {
  created_at: Date;
}

interface PhotoRow {
  id: string;
  report_id: string;
  media_type: ReportPhoto['mediaType'];
  byte_length: number;
}

interface SessionRow {
  token_hash: string;
  user_id: string;
  csrf_token_hash: string;
  created_at: Date;
  expires_at: Date;
}

interface EventRow {
  report_id: string;
  sequence: number;
  from_status: ReportStatus | null;
  to_status: ReportStatus;
  actor_id: string | null;
  actor_role: Role;
  at: Date;
  note: string;
}

function reportRow(row: PostgresReportRow): ReportRow {
  return { ...row, created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString() };
}

function userFromPostgres(row: PostgresUserRow): User {
  return userFromRow({ ...row, created_at: row.created_at.toISOString() });
}

function photoFromRow(row: PhotoRow): ReportPhoto {
  return { id: row.id, mediaType: row.media_type, byteLength: row.byte_length };
}

function sessionFromRow(row: SessionRow): Session {
  return { tokenHash: row.token_hash, userId: row.user_id, csrfTokenHash: row.csrf_token_hash, createdAt: row.created_at.toISOString(), expiresAt: row.expires_at.toISOString() };
}

function eventFromRow(row: EventRow): ReportEvent {
  return {
    reportId: row.report_id, sequence: row.sequence, fromStatus: row.from_status, toStatus: row.to_status,
    actorId: row.actor_id, actorRole: row.actor_role, at: row.at.toISOString(), note: row.note,
  };
}

function databaseErrorCode(error: unknown): { code: string | undefined; constraint: string | undefined } {
  if (typeof error !== 'object' || error === null) return { code: undefined, constraint: undefined };
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return { code: typeof code === 'string' ? code : undefined, constraint: typeof constraint === 'string' ? constraint : undefined };
}

function foreignKeyMessage(subject: string, error: unknown): unknown {
  const { code, constraint } = databaseErrorCode(error);
  if (code !== FOREIGN_KEY_VIOLATION) return error;
  return new InvalidStorageInput(`${subject} names a user or report that does not exist (constraint ${constraint ?? 'unknown'}).`);
}

async function inTransaction<Result>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<Result>): Promise<Result> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // A connection that cannot roll back must not go back to the pool.
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

const SCHEMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL
)`;

async function readAppliedMigrations(client: pg.Pool | pg.PoolClient): Promise<AppliedMigration[]> {
  const result = await client.query<{ version: number; name: string; checksum: string; applied_at: Date }>('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version');
  return result.rows.map((row) => ({ version: row.version, name: row.name, checksum: row.checksum, appliedAt: row.applied_at.toISOString() }));
}

async function applyMigrations(pool: pg.Pool, directory: string): Promise<void> {
  const files = readMigrations(directory);
  await inTransaction(pool, async (client) => {
    // Held until COMMIT; a second app server waits here, then finds nothing pending.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(SCHEMA_MIGRATIONS_TABLE);
    const pending = pendingMigrations(await readAppliedMigrations(client), files, directory);
    for (const file of pending) {
      await client.query(file.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [file.version, file.name, file.checksum, new Date().toISOString()]);
    }
  });
}

export async function openPostgresRepository(options: PostgresStorageOptions): Promise<Repository> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? DEFAULT_POOL_SIZE, application_name: 'bfmap' });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  pool.on('error', (error) => console.error(`PostgreSQL connection error: ${error.message}`));
  try {
    await applyMigrations(pool, options.migrationsDirectory ?? defaultMigrationsDirectory('postgresql'));
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresRepository(pool);
}

const REPORT_INSERT = `INSERT INTO reports (idempotency_key, ${REPORT_COLUMNS.join(', ')})
  VALUES (${['idempotency_key', ...REPORT_COLUMNS].map((_, index) => `$${index + 1}`).join(', ')})
  ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`;

const UPDATED_COLUMNS = REPORT_COLUMNS.filter((column) => column !== 'id' && column !== 'created_at' && column !== 'reporter_id');
const REPORT_UPDATE = `UPDATE reports SET ${UPDATED_COLUMNS.map((column, index) => `${column} = $${index + 3}`).join(', ')} WHERE id = $1 AND version = $2`;

const EVENT_INSERT = `INSERT INTO report_events (report_id, sequence, from_status, to_status, actor_id, actor_role, at, note)
  VALUES ($1, (SELECT coalesce(max(sequence), 0) + 1 FROM report_events WHERE report_id = $1), $2, $3, $4, $5, $6, $7)`;

const PHOTO_INSERT = 'INSERT INTO report_photos (id, report_id, position, media_type, byte_length, bytes) VALUES ($1, $2, $3, $4, $5, $6)';

const REPORT_SELECT = `SELECT ${REPORT_COLUMNS.join(', ')} FROM reports`;

class PostgresRepository implements Repository {
  readonly backend = 'postgresql';

  constructor(private readonly pool: pg.Pool) {}

  private async insertEvent(client: pg.PoolClient, reportId: string, event: NewReportEvent): Promise<void> {
    await client.query(EVENT_INSERT, [reportId, event.fromStatus, event.toStatus, event.actorId, event.actorRole, event.at, event.note]);
  }

  private async readReports(client: pg.Pool | pg.PoolClient, rows: PostgresReportRow[]): Promise<Report[]> {
    if (rows.length === 0) return [];
    const photoRows = await client.query<PhotoRow>('SELECT id, report_id, media_type, byte_length FROM report_photos WHERE report_id = ANY($1) ORDER BY report_id, position', [rows.map((row) => row.id)]);
    const photosByReport = new Map<string, ReportPhoto[]>();
    for (const photoRow of photoRows.rows) {
      const photos = photosByReport.get(photoRow.report_id) ?? [];
      photos.push(photoFromRow(photoRow));
      photosByReport.set(photoRow.report_id, photos);
    }
    return rows.map((row) => reportFromRow(reportRow(row), photosByReport.get(row.id) ?? []));
  }

  private async readReport(client: pg.Pool | pg.PoolClient, reportId: string): Promise<Report | null> {
    const result = await client.query<PostgresReportRow>(`${REPORT_SELECT} WHERE id = $1`, [reportId]);
    return (await this.readReports(client, result.rows))[0] ?? null;
  }

  async createReport(report: Report, firstEvent: NewReportEvent, idempotencyKey: string, photoBytes: ReadonlyMap<string, Uint8Array> = new Map()): Promise<CreateReportResult> {
    checkNewReport(report, firstEvent, idempotencyKey, photoBytes);
    const values = reportValues(report, 1);
    const createdId = await inTransaction(this.pool, async (client) => {
      // A concurrent insert with the same key waits here until the first one commits, then does nothing.
      const inserted = await client.query(REPORT_INSERT, [idempotencyKey, ...REPORT_COLUMNS.map((column) => values[column])]);
      if (inserted.rowCount === 0) return null;
      await this.insertEvent(client, report.id, firstEvent);
      for (const [position, photo] of report.photos.entries()) {
        await client.query(PHOTO_INSERT, [photo.id, report.id, position, photo.mediaType, photo.byteLength, photoBytes.get(photo.id)]);
      }
      return report.id;
    }).catch((error: unknown) => {
      throw foreignKeyMessage(`Report ${report.id}`, error);
    });
    if (createdId === null) {
      const existing = await this.pool.query<{ id: string }>('SELECT id FROM reports WHERE idempotency_key = $1', [idempotencyKey]);
      const existingId = existing.rows[0]?.id;
      const stored = existingId === undefined ? null : await this.readReport(this.pool, existingId);
      if (!stored) throw new ReportNotFound(existingId ?? report.id);
      return { report: stored, created: false };
    }
    const stored = await this.readReport(this.pool, createdId);
    if (!stored) throw new ReportNotFound(createdId);
    return { report: stored, created: true };
  }

  async getReport(reportId: string): Promise<Report | null> {
    return this.readReport(this.pool, reportId);
  }

  async findReportByIdempotencyKey(idempotencyKey: string): Promise<Report | null> {
    const found = await this.pool.query<{ id: string }>('SELECT id FROM reports WHERE idempotency_key = $1', [idempotencyKey]);
    const reportId = found.rows[0]?.id;
    return reportId === undefined ? null : this.readReport(this.pool, reportId);
  }

  async listReports(filter: ReportFilter = {}): Promise<ReportPage> {
    const query = buildListQuery(filter, (position) => `$${position}`);
    const result = await this.pool.query<PostgresReportRow>(`${REPORT_SELECT} ${query.where} ${query.orderBy} LIMIT ${query.limit + 1}`, query.parameters);
    const reports = await this.readReports(this.pool, result.rows.slice(0, query.limit));
    return { reports, nextCursor: nextCursorOf(reports, query.limit, result.rows.length > query.limit, query.order) };
  }

  async updateReport(report: Report, expectedVersion: number, event: NewReportEvent): Promise<Report> {
    assertExpectedVersion(expectedVersion, report.id);
    const values = reportValues(report, expectedVersion + 1);
    return inTransaction(this.pool, async (client) => {
      // The row lock makes a concurrent update wait, then see the version this one wrote.
      const locked = await client.query<{ status: ReportStatus; version: number; reporter_id: string | null; created_at: Date }>(
        'SELECT status, version, reporter_id, created_at FROM reports WHERE id = $1 FOR UPDATE', [report.id]);
      const stored = locked.rows[0];
      if (!stored) throw new ReportNotFound(report.id);
      if (stored.version !== expectedVersion) throw new VersionConflict(report.id, expectedVersion, stored.version);
      checkUpdate(report, { status: stored.status, version: stored.version, reporterId: stored.reporter_id, createdAt: stored.created_at.toISOString() }, event);
      const updated = await client.query(REPORT_UPDATE, [report.id, expectedVersion, ...UPDATED_COLUMNS.map((column) => values[column])]);
      // The row lock already guarantees this; the version in the WHERE clause keeps it true without one.
      if (updated.rowCount !== 1) throw new VersionConflict(report.id, expectedVersion, stored.version);
      await this.insertEvent(client, report.id, event);
      const result = await this.readReport(client, report.id);
      if (!result) throw new ReportNotFound(report.id);
      return result;
    }).catch((error: unknown) => {
      throw foreignKeyMessage(`Report ${report.id}`, error);
    });
  }

  async listEvents(reportId: string): Promise<ReportEvent[]> {
    const result = await this.pool.query<EventRow>('SELECT * FROM report_events WHERE report_id = $1 ORDER BY sequence', [reportId]);
    return result.rows.map(eventFromRow);
  }

  async addPhoto(reportId: string, photo: ReportPhoto, bytes: Uint8Array): Promise<ReportPhoto> {
    checkPhotoBytes(reportId, photo, bytes);
    await inTransaction(this.pool, async (client) => {
      // Locking the report serialises concurrent additions, so the count below stays true until COMMIT.
      const locked = await client.query('SELECT 1 FROM reports WHERE id = $1 FOR UPDATE', [reportId]);
      if (locked.rowCount === 0) throw new ReportNotFound(reportId);
      const counted = await client.query<{ count: number }>('SELECT count(*)::integer AS count FROM report_photos WHERE report_id = $1', [reportId]);
      const count = counted.rows[0]?.count ?? 0;
      if (count >= MAX_PHOTOS_PER_REPORT) throw new PhotoLimitReached(reportId, MAX_PHOTOS_PER_REPORT);
      await client.query(PHOTO_INSERT, [photo.id, reportId, count, photo.mediaType, photo.byteLength, bytes]);
    });
    return { id: photo.id, mediaType: photo.mediaType, byteLength: photo.byteLength };
  }

  async getPhotoBytes(reportId: string, photoId: string): Promise<StoredPhoto | null> {
    const result = await this.pool.query<PhotoRow & { bytes: Buffer }>('SELECT id, report_id, media_type, byte_length, bytes FROM report_photos WHERE report_id = $1 AND id = $2', [reportId, photoId]);
    const row = result.rows[0];
    return row ? { photo: photoFromRow(row), bytes: row.bytes } : null;
  }

  async createUser(user: User): Promise<User> {
    checkNewUser(user);
    try {
      const result = await this.pool.query<PostgresUserRow>(
        `INSERT INTO users (id, username, username_key, display_name, role, unit_id, password_hash, disabled, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [user.id, user.username, usernameKey(user.username), user.displayName, user.role, user.unitId, user.passwordHash, user.disabled, user.createdAt]);
      const row = result.rows[0];
      if (!row) throw new Error(`PostgreSQL returned no row inserting user ${user.id}.`);
      return userFromPostgres(row);
    } catch (error) {
      const { code, constraint } = databaseErrorCode(error);
      if (code === UNIQUE_VIOLATION && constraint === 'users_username_key_key') throw new UsernameTaken(user.username);
      throw error;
    }
  }

  async findUserByUsername(username: string): Promise<User | null> {
    const result = await this.pool.query<PostgresUserRow>('SELECT * FROM users WHERE username_key = $1', [usernameKey(username)]);
    const row = result.rows[0];
    return row ? userFromPostgres(row) : null;
  }

  async getUser(userId: string): Promise<User | null> {
    const result = await this.pool.query<PostgresUserRow>('SELECT * FROM users WHERE id = $1', [userId]);
    const row = result.rows[0];
    return row ? userFromPostgres(row) : null;
  }

  async listUsers(filter: UserFilter = {}): Promise<User[]> {
    const result = await this.pool.query<PostgresUserRow>(
      'SELECT * FROM users WHERE ($1::text IS NULL OR role = $1) AND ($2::text IS NULL OR unit_id = $2) ORDER BY username_key, id',
      [filter.role ?? null, filter.unitId ?? null]);
    return result.rows.map(userFromPostgres);
  }

  async disableUser(userId: string): Promise<User | null> {
    return inTransaction(this.pool, async (client) => {
      const result = await client.query<PostgresUserRow>('UPDATE users SET disabled = true WHERE id = $1 RETURNING *', [userId]);
      const row = result.rows[0];
      if (!row) return null;
      await client.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
      return userFromPostgres(row);
    });
  }

  async createSession(session: NewSession): Promise<Session> {
    assertIsoDateTime(session.expiresAt, 'Session expiresAt');
    try {
      const result = await this.pool.query<SessionRow>(
        'INSERT INTO sessions (token_hash, user_id, csrf_token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING *',
        [session.tokenHash, session.userId, session.csrfTokenHash, new Date().toISOString(), session.expiresAt]);
      const row = result.rows[0];
      if (!row) throw new Error('PostgreSQL returned no row inserting a session.');
      return sessionFromRow(row);
    } catch (error) {
      throw foreignKeyMessage('The session', error);
    }
  }

  async getSession(tokenHash: string, now: Date = new Date()): Promise<Session | null> {
    const result = await this.pool.query<SessionRow>('SELECT * FROM sessions WHERE token_hash = $1 AND expires_at > $2', [tokenHash, now.toISOString()]);
    const row = result.rows[0];
    return row ? sessionFromRow(row) : null;
  }

  async deleteSession(tokenHash: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    return (result.rowCount ?? 0) > 0;
  }

  async deleteExpiredSessions(now: Date = new Date()): Promise<number> {
    const result = await this.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now.toISOString()]);
    return result.rowCount ?? 0;
  }

  async countRateLimitHit(bucket: string, windowMilliseconds: number, now: Date = new Date()): Promise<number> {
    const window = rateLimitWindow(windowMilliseconds, now);
    const result = await this.pool.query<{ hits: number }>(
      `INSERT INTO rate_limit_windows (bucket, window_start, window_end, hits) VALUES ($1, $2, $3, 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1 RETURNING hits`,
      [bucket, window.start, window.end]);
    const row = result.rows[0];
    if (!row) throw new Error(`PostgreSQL returned no row counting a hit on ${bucket}.`);
    return row.hits;
  }

  async deleteExpiredRateLimits(now: Date = new Date()): Promise<number> {
    const result = await this.pool.query('DELETE FROM rate_limit_windows WHERE window_end <= $1', [now.toISOString()]);
    return result.rowCount ?? 0;
  }

  async migrationStatus(): Promise<AppliedMigration[]> {
    return readAppliedMigrations(this.pool);
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
