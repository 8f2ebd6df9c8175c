// The SQLite Repository (the default backend): one file under the data directory, one connection
// per process, WAL so readers never wait for the writer, foreign keys on, and a busy timeout so a
// second process on the same file (a CLI next to the server) waits rather than fails. Calls are
// synchronous underneath (better-sqlite3); every write runs in a BEGIN IMMEDIATE transaction, so
// the check-then-write steps (idempotency key, version, photo count) cannot interleave.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MAX_PHOTOS_PER_REPORT } from '../../src/domain/reports/model.ts';
import type { Report, ReportEvent, ReportPhoto, User } from '../../src/domain/reports/model.ts';
import { defaultMigrationsDirectory, pendingMigrations, readMigrations } from './migrations.ts';
import {
  REPORT_COLUMNS, assertExpectedVersion, buildListQuery, checkNewReport, checkNewUser, checkPhotoBytes, checkUpdate,
  nextCursorOf, rateLimitWindow, reportFromRow, reportValues, userFromRow, usernameKey, assertIsoDateTime,
  type ReportRow, type UserRow,
} from './records.ts';
import {
  InvalidStorageInput, PhotoLimitReached, ReportNotFound, UsernameTaken, VersionConflict,
  type AppliedMigration, type CreateReportResult, type NewReportEvent, type NewSession, type ReportFilter, type ReportPage,
  type Repository, type Session, type StoredPhoto, type UserFilter,
} from './repository.ts';

export const SQLITE_FILE_NAME = 'bfmap.sqlite3';

/** How long a write waits for another process's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MILLISECONDS = 5000;

export interface SqliteStorageOptions {
  /** Created when missing; the database is SQLITE_FILE_NAME inside it. */
  dataDirectory: string;
  /** Tests point this at a copy to prove a changed file is refused. */
  migrationsDirectory?: string;
  /**
   * FULL (the default) syncs the write-ahead log on every commit, so an acknowledged report also
   * survives a power cut; NORMAL survives a killed process but may lose the last commits on a power
   * cut (https://www.sqlite.org/pragma.html#pragma_synchronous).
   */
  synchronous?: 'full' | 'normal';
}

interface SqliteReportRow extends Omit<ReportRow, 'measurements' | 'out_of_service'> {
  measurements: string;
  out_of_service: number;
}

interface SqliteUserRow extends Omit<UserRow, 'disabled'> {
  disabled: number;
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
  created_at: string;
  expires_at: string;
}

function reportRow(row: SqliteReportRow): ReportRow {
  return { ...row, measurements: JSON.parse(row.measurements) as ReportRow['measurements'], out_of_service: row.out_of_service === 1 };
}

function photoFromRow(row: PhotoRow): ReportPhoto {
  return { id: row.id, mediaType: row.media_type, byteLength: row.byte_length };
}

function sessionFromRow(row: SessionRow): Session {
  return { tokenHash: row.token_hash, userId: row.user_id, csrfTokenHash: row.csrf_token_hash, createdAt: row.created_at, expiresAt: row.expires_at };
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null, not booleans. */
function sqliteReportValues(report: Report, version: number): Record<string, unknown> {
  const values = reportValues(report, version);
  return { ...values, out_of_service: values.out_of_service ? 1 : 0 };
}

/** better-sqlite3 binds a Buffer as a BLOB; a plain Uint8Array is viewed as one without copying. */
function asBuffer(bytes: Uint8Array | undefined): Buffer | undefined {
  return bytes === undefined || Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function isUniqueViolation(error: unknown, column: string): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes(column);
}

/** Foreign keys name users: turn SQLite's bare "FOREIGN KEY constraint failed" into what went wrong. */
function withForeignKeyMessage<Result>(subject: string, write: () => Result): Result {
  try {
    return write();
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new InvalidStorageInput(`${subject} names a user or report that does not exist (reporterId, fixedById, the event's actorId or the session's userId).`);
    }
    throw error;
  }
}

function applyMigrations(database: Database.Database, directory: string): void {
  const files = readMigrations(directory);
  const migrate = database.transaction(() => {
    database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      checksum TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    const applied = readAppliedMigrations(database);
    const record = database.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
    for (const file of pendingMigrations(applied, files, directory)) {
      database.exec(file.sql);
      record.run(file.version, file.name, file.checksum, new Date().toISOString());
    }
  });
  migrate.immediate();
}

function readAppliedMigrations(database: Database.Database): AppliedMigration[] {
  return database.prepare('SELECT version, name, checksum, applied_at AS appliedAt FROM schema_migrations ORDER BY version').all() as AppliedMigration[];
}

export async function openSqliteRepository(options: SqliteStorageOptions): Promise<Repository> {
  const directory = resolve(options.dataDirectory);
  mkdirSync(directory, { recursive: true });
  const database = new Database(join(directory, SQLITE_FILE_NAME));
  try {
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MILLISECONDS}`);
    const journalMode = database.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal') throw new Error(`SQLite could not switch ${join(directory, SQLITE_FILE_NAME)} to WAL mode (it stayed in ${String(journalMode)}); is the data directory on a network file system?`);
    database.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    database.pragma('foreign_keys = ON');
    applyMigrations(database, options.migrationsDirectory ?? defaultMigrationsDirectory('sqlite'));
    return new SqliteRepository(database);
  } catch (error) {
    database.close();
    throw error;
  }
}

class SqliteRepository implements Repository {
  readonly backend = 'sqlite';
  private readonly statements;
  private readonly createInTransaction;

  constructor(private readonly database: Database.Database) {
    const updatedColumns = REPORT_COLUMNS.filter((column) => column !== 'id' && column !== 'created_at' && column !== 'reporter_id');
    this.statements = {
      reportIdByKey: database.prepare<[string], { id: string }>('SELECT id FROM reports WHERE idempotency_key = ?'),
      insertReport: database.prepare(`INSERT INTO reports (idempotency_key, ${REPORT_COLUMNS.join(', ')}) VALUES (@idempotency_key, ${REPORT_COLUMNS.map((column) => `@${column}`).join(', ')})`),
      updateReport: database.prepare(`UPDATE reports SET ${updatedColumns.map((column) => `${column} = @${column}`).join(', ')} WHERE id = @id AND version = @expected_version`),
      reportById: database.prepare<[string], SqliteReportRow>('SELECT * FROM reports WHERE id = ?'),
      insertEvent: database.prepare(`INSERT INTO report_events (report_id, sequence, from_status, to_status, actor_id, actor_role, at, note)
        VALUES (@report_id, (SELECT coalesce(max(sequence), 0) + 1 FROM report_events WHERE report_id = @report_id), @from_status, @to_status, @actor_id, @actor_role, @at, @note)`),
      eventsOf: database.prepare<[string], ReportEvent>(`SELECT report_id AS reportId, sequence, from_status AS fromStatus, to_status AS toStatus,
        actor_id AS actorId, actor_role AS actorRole, at, note FROM report_events WHERE report_id = ? ORDER BY sequence`),
      photosOf: database.prepare<[string], PhotoRow>(`SELECT id, report_id, media_type, byte_length FROM report_photos
        WHERE report_id IN (SELECT value FROM json_each(?)) ORDER BY report_id, position`),
      photoCount: database.prepare<[string], { count: number }>('SELECT count(*) AS count FROM report_photos WHERE report_id = ?'),
      insertPhoto: database.prepare('INSERT INTO report_photos (id, report_id, position, media_type, byte_length, bytes) VALUES (?, ?, ?, ?, ?, ?)'),
      photoBytes: database.prepare<[string, string], PhotoRow & { bytes: Buffer }>('SELECT id, report_id, media_type, byte_length, bytes FROM report_photos WHERE report_id = ? AND id = ?'),
      insertUser: database.prepare(`INSERT INTO users (id, username, username_key, display_name, role, unit_id, password_hash, disabled, created_at)
        VALUES (@id, @username, @username_key, @display_name, @role, @unit_id, @password_hash, @disabled, @created_at)`),
      userById: database.prepare<[string], SqliteUserRow>('SELECT * FROM users WHERE id = ?'),
      userByKey: database.prepare<[string], SqliteUserRow>('SELECT * FROM users WHERE username_key = ?'),
      listUsers: database.prepare<[{ role: string | null; unit_id: string | null }], SqliteUserRow>(`SELECT * FROM users
        WHERE (@role IS NULL OR role = @role) AND (@unit_id IS NULL OR unit_id = @unit_id) ORDER BY username_key, id`),
      disableUser: database.prepare<[string]>('UPDATE users SET disabled = 1 WHERE id = ?'),
      deleteSessionsOf: database.prepare<[string]>('DELETE FROM sessions WHERE user_id = ?'),
      insertSession: database.prepare('INSERT INTO sessions (token_hash, user_id, csrf_token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
      sessionByToken: database.prepare<[string, string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?'),
      deleteSession: database.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?'),
      deleteExpiredSessions: database.prepare<[string]>('DELETE FROM sessions WHERE expires_at <= ?'),
      countHit: database.prepare<[string, string, string], { hits: number }>(`INSERT INTO rate_limit_windows (bucket, window_start, window_end, hits) VALUES (?, ?, ?, 1)
        ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1 RETURNING hits`),
      deleteExpiredRateLimits: database.prepare<[string]>('DELETE FROM rate_limit_windows WHERE window_end <= ?'),
    };
    this.createInTransaction = database.transaction((report: Report, firstEvent: NewReportEvent, idempotencyKey: string, photoBytes: ReadonlyMap<string, Uint8Array>) => {
      const existing = this.statements.reportIdByKey.get(idempotencyKey);
      if (existing) return { reportId: existing.id, created: false };
      this.statements.insertReport.run({ ...sqliteReportValues(report, 1), idempotency_key: idempotencyKey });
      this.insertEvent(report.id, firstEvent);
      report.photos.forEach((photo, position) => {
        this.statements.insertPhoto.run(photo.id, report.id, position, photo.mediaType, photo.byteLength, asBuffer(photoBytes.get(photo.id)));
      });
      return { reportId: report.id, created: true };
    });
  }

  private insertEvent(reportId: string, event: NewReportEvent): void {
    this.statements.insertEvent.run({
      report_id: reportId, from_status: event.fromStatus, to_status: event.toStatus, actor_id: event.actorId,
      actor_role: event.actorRole, at: event.at, note: event.note,
    });
  }

  private readReports(rows: SqliteReportRow[]): Report[] {
    if (rows.length === 0) return [];
    const photosByReport = new Map<string, ReportPhoto[]>();
    for (const photoRow of this.statements.photosOf.all(JSON.stringify(rows.map((row) => row.id)))) {
      const photos = photosByReport.get(photoRow.report_id) ?? [];
      photos.push(photoFromRow(photoRow));
      photosByReport.set(photoRow.report_id, photos);
    }
    return rows.map((row) => reportFromRow(reportRow(row), photosByReport.get(row.id) ?? []));
  }

  private readReport(reportId: string): Report | null {
    const row = this.statements.reportById.get(reportId);
    return row ? this.readReports([row])[0] ?? null : null;
  }

  async createReport(report: Report, firstEvent: NewReportEvent, idempotencyKey: string, photoBytes: ReadonlyMap<string, Uint8Array> = new Map()): Promise<CreateReportResult> {
    checkNewReport(report, firstEvent, idempotencyKey, photoBytes);
    const outcome = withForeignKeyMessage(`Report ${report.id}`, () => this.createInTransaction.immediate(report, firstEvent, idempotencyKey, photoBytes));
    const stored = this.readReport(outcome.reportId);
    if (!stored) throw new ReportNotFound(outcome.reportId);
    return { report: stored, created: outcome.created };
  }

  async getReport(reportId: string): Promise<Report | null> {
    return this.readReport(reportId);
  }

  async findReportByIdempotencyKey(idempotencyKey: string): Promise<Report | null> {
    const found = this.statements.reportIdByKey.get(idempotencyKey);
    return found ? this.readReport(found.id) : null;
  }

  async listReports(filter: ReportFilter = {}): Promise<ReportPage> {
    const query = buildListQuery(filter, () => '?', (value) => (value ? 1 : 0));
    const rows = this.database.prepare<unknown[], SqliteReportRow>(`SELECT * FROM reports ${query.where} ${query.orderBy} LIMIT ${query.limit + 1}`).all(...query.parameters);
    const reports = this.readReports(rows.slice(0, query.limit));
    return { reports, nextCursor: nextCursorOf(reports, query.limit, rows.length > query.limit, query.order) };
  }

  async updateReport(report: Report, expectedVersion: number, event: NewReportEvent): Promise<Report> {
    assertExpectedVersion(expectedVersion, report.id);
    const update = this.database.transaction(() => {
      const stored = this.statements.reportById.get(report.id);
      if (!stored) throw new ReportNotFound(report.id);
      if (stored.version !== expectedVersion) throw new VersionConflict(report.id, expectedVersion, stored.version);
      checkUpdate(report, { status: stored.status as Report['status'], version: stored.version, reporterId: stored.reporter_id, createdAt: stored.created_at }, event);
      this.statements.updateReport.run({ ...sqliteReportValues(report, expectedVersion + 1), expected_version: expectedVersion });
      this.insertEvent(report.id, event);
    });
    withForeignKeyMessage(`Report ${report.id}`, () => update.immediate());
    const stored = this.readReport(report.id);
    if (!stored) throw new ReportNotFound(report.id);
    return stored;
  }

  async listEvents(reportId: string): Promise<ReportEvent[]> {
    return this.statements.eventsOf.all(reportId);
  }

  async addPhoto(reportId: string, photo: ReportPhoto, bytes: Uint8Array): Promise<ReportPhoto> {
    checkPhotoBytes(reportId, photo, bytes);
    const add = this.database.transaction(() => {
      if (!this.statements.reportById.get(reportId)) throw new ReportNotFound(reportId);
      const count = this.statements.photoCount.get(reportId)?.count ?? 0;
      if (count >= MAX_PHOTOS_PER_REPORT) throw new PhotoLimitReached(reportId, MAX_PHOTOS_PER_REPORT);
      this.statements.insertPhoto.run(photo.id, reportId, count, photo.mediaType, photo.byteLength, asBuffer(bytes));
    });
    add.immediate();
    return { id: photo.id, mediaType: photo.mediaType, byteLength: photo.byteLength };
  }

  async getPhotoBytes(reportId: string, photoId: string): Promise<StoredPhoto | null> {
    const row = this.statements.photoBytes.get(reportId, photoId);
    return row ? { photo: photoFromRow(row), bytes: row.bytes } : null;
  }

  async createUser(user: User): Promise<User> {
    checkNewUser(user);
    try {
      this.statements.insertUser.run({
        id: user.id, username: user.username, username_key: usernameKey(user.username), display_name: user.displayName, role: user.role,
        unit_id: user.unitId, password_hash: user.passwordHash, disabled: user.disabled ? 1 : 0, created_at: user.createdAt,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users.username_key')) throw new UsernameTaken(user.username);
      throw error;
    }
    return this.userOrThrow(user.id);
  }

  private userOrThrow(userId: string): User {
    const row = this.statements.userById.get(userId);
    if (!row) throw new InvalidStorageInput(`There is no user ${userId}.`);
    return userFromRow({ ...row, disabled: row.disabled === 1 });
  }

  async findUserByUsername(username: string): Promise<User | null> {
    const row = this.statements.userByKey.get(usernameKey(username));
    return row ? userFromRow({ ...row, disabled: row.disabled === 1 }) : null;
  }

  async getUser(userId: string): Promise<User | null> {
    const row = this.statements.userById.get(userId);
    return row ? userFromRow({ ...row, disabled: row.disabled === 1 }) : null;
  }

  async listUsers(filter: UserFilter = {}): Promise<User[]> {
    return this.statements.listUsers.all({ role: filter.role ?? null, unit_id: filter.unitId ?? null }).map((row) => userFromRow({ ...row, disabled: row.disabled === 1 }));
  }

  async disableUser(userId: string): Promise<User | null> {
    const disable = this.database.transaction(() => {
      if (this.statements.disableUser.run(userId).changes === 0) return false;
      this.statements.deleteSessionsOf.run(userId);
      return true;
    });
    return disable.immediate() ? this.userOrThrow(userId) : null;
  }

  async createSession(session: NewSession): Promise<Session> {
    assertIsoDateTime(session.expiresAt, 'Session expiresAt');
    const createdAt = new Date().toISOString();
    withForeignKeyMessage('The session', () => this.statements.insertSession.run(session.tokenHash, session.userId, session.csrfTokenHash, createdAt, session.expiresAt));
    return { tokenHash: session.tokenHash, userId: session.userId, csrfTokenHash: session.csrfTokenHash, createdAt, expiresAt: session.expiresAt };
  }

  async getSession(tokenHash: string, now: Date = new Date()): Promise<Session | null> {
    const row = this.statements.sessionByToken.get(tokenHash, now.toISOString());
    return row ? sessionFromRow(row) : null;
  }

  async deleteSession(tokenHash: string): Promise<boolean> {
    return this.statements.deleteSession.run(tokenHash).changes > 0;
  }

  async deleteExpiredSessions(now: Date = new Date()): Promise<number> {
    return this.statements.deleteExpiredSessions.run(now.toISOString()).changes;
  }

  async countRateLimitHit(bucket: string, windowMilliseconds: number, now: Date = new Date()): Promise<number> {
    const window = rateLimitWindow(windowMilliseconds, now);
    const row = this.statements.countHit.get(bucket, window.start, window.end);
    if (!row) throw new Error(`SQLite returned no row counting a hit on ${bucket}.`);
    return row.hits;
  }

  async deleteExpiredRateLimits(now: Date = new Date()): Promise<number> {
    return this.statements.deleteExpiredRateLimits.run(now.toISOString()).changes;
  }

  async migrationStatus(): Promise<AppliedMigration[]> {
    return readAppliedMigrations(this.database);
  }

  async close(): Promise<void> {
    if (this.database.open) this.database.close();
  }
}
