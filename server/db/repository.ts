// The storage interface of the reports loop (issue 6): the API talks to this and nothing else, and
// it has two implementations with the same behaviour, SQLite (sqlite.ts, the default) and
// PostgreSQL (postgres.ts, when DATABASE_URL is set). Every method is async because PostgreSQL
// is; the SQLite side wraps synchronous calls. repository.contract.ts holds the one test suite
// both must pass. server/db/README.md explains the schema, migrations and guarantees.
import type { BoundingBox } from '../../src/domain/facilities/model.ts';
import type { IsoDateTime, Report, ReportEvent, ReportPhoto, ReportStatus, Role, User } from '../../src/domain/reports/model.ts';

/** An event as the caller hands it over: storage numbers it and ties it to the report. */
export type NewReportEvent = Omit<ReportEvent, 'reportId' | 'sequence'>;

export interface CreateReportResult {
  /** The report as stored: the new one, or the one filed earlier with the same idempotency key. */
  report: Report;
  /** False when the idempotency key had been used before and nothing was written. */
  created: boolean;
}

export type ReportOrder = 'oldest_first' | 'newest_first';

export interface ReportFilter {
  districtId?: string;
  /** Any of these statuses; an empty list matches nothing. */
  statuses?: readonly ReportStatus[];
  facilityId?: string;
  assignedUnitId?: string;
  /** Reports whose fault makes the facility unusable (true) or not (false): with the open statuses, what the map and router close. */
  outOfService?: boolean;
  /** Reports located inside, edges included; west > east means the box crosses the antimeridian. */
  boundingBox?: BoundingBox;
  /** Reports whose updatedAt is at or after this instant (inclusive, so a client syncing from the last updatedAt it saw never misses a report changed in that same millisecond). */
  updatedSince?: IsoDateTime;
  /** By updatedAt, then id; default oldest_first. A cursor only continues the order it came from. */
  order?: ReportOrder;
  /** 1 to MAXIMUM_PAGE_SIZE; default DEFAULT_PAGE_SIZE. */
  limit?: number;
  /** nextCursor of the previous page, unchanged. */
  cursor?: string | null;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAXIMUM_PAGE_SIZE = 1000;

export interface ReportPage {
  reports: Report[];
  /** Null on the last page. */
  nextCursor: string | null;
}

export interface StoredPhoto {
  photo: ReportPhoto;
  bytes: Uint8Array;
}

export interface Session {
  /** A hash of the cookie token: the token itself is never stored. */
  tokenHash: string;
  userId: string;
  csrfTokenHash: string;
  createdAt: IsoDateTime;
  expiresAt: IsoDateTime;
}

export type NewSession = Omit<Session, 'createdAt'>;

export interface UserFilter {
  role?: Role;
  unitId?: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
  /** SHA-256 of the file with line endings normalised to LF, hex. */
  checksum: string;
  appliedAt: IsoDateTime;
}

export type StorageBackend = 'sqlite' | 'postgresql';

export interface Repository {
  readonly backend: StorageBackend;

  /**
   * Files a report with its first event (fromStatus null, toStatus = report.status) and the
   * bytes of every photo in report.photos, keyed by photo id, in one transaction; the report is
   * stored with version 1. The same idempotency key returns the report filed first (created:
   * false) and writes nothing, also under concurrent calls from several app servers.
   */
  createReport(report: Report, firstEvent: NewReportEvent, idempotencyKey: string, photoBytes?: ReadonlyMap<string, Uint8Array>): Promise<CreateReportResult>;

  getReport(reportId: string): Promise<Report | null>;

  /** The report filed with this idempotency key, or null: lets the API answer a retry it would otherwise refuse (a rate limit). */
  findReportByIdempotencyKey(idempotencyKey: string): Promise<Report | null>;

  listReports(filter?: ReportFilter): Promise<ReportPage>;

  /**
   * Writes the report's fields and appends the event, in one transaction, if the stored version
   * is still expectedVersion; the stored version becomes expectedVersion + 1. The event must
   * start from the stored status and end at report.status. id, reporterId and createdAt never
   * change; photos are added with addPhoto. Throws VersionConflict or ReportNotFound.
   */
  updateReport(report: Report, expectedVersion: number, event: NewReportEvent): Promise<Report>;

  /** The report's history, filing first (sequence 1, 2, …). Empty for an unknown report. */
  listEvents(reportId: string): Promise<ReportEvent[]>;

  /** Attaches one more photo (at most MAX_PHOTOS_PER_REPORT, checked in the transaction). Throws ReportNotFound or PhotoLimitReached. */
  addPhoto(reportId: string, photo: ReportPhoto, bytes: Uint8Array): Promise<ReportPhoto>;

  /** Null when the report has no photo with that id. */
  getPhotoBytes(reportId: string, photoId: string): Promise<StoredPhoto | null>;

  /** Throws UsernameTaken when another account has the same username after NFKC and lower-casing. */
  createUser(user: User): Promise<User>;

  /** Matches after NFKC and lower-casing, so "Ｌｉ.Ming" finds "li.ming". */
  findUserByUsername(username: string): Promise<User | null>;

  getUser(userId: string): Promise<User | null>;

  /** Ordered by username. */
  listUsers(filter?: UserFilter): Promise<User[]>;

  /** Marks the account disabled and ends all its sessions, in one transaction. Null for an unknown id. */
  disableUser(userId: string): Promise<User | null>;

  createSession(session: NewSession): Promise<Session>;

  /** Null when there is no such session or it expired at or before `now`. */
  getSession(tokenHash: string, now?: Date): Promise<Session | null>;

  /** True when a session was deleted. */
  deleteSession(tokenHash: string): Promise<boolean>;

  /** Deletes sessions that expired at or before `now`; returns how many. */
  deleteExpiredSessions(now?: Date): Promise<number>;

  /**
   * Counts one hit on a fixed-window rate limit shared by every app server on the database and
   * returns the hits in the current window, this one included. The window is the one of
   * `windowMilliseconds` (aligned to the Unix epoch) containing `now`.
   */
  countRateLimitHit(bucket: string, windowMilliseconds: number, now?: Date): Promise<number>;

  /** Deletes rate-limit windows that ended at or before `now`; returns how many. */
  deleteExpiredRateLimits(now?: Date): Promise<number>;

  /** Applied migrations, oldest first (opening the storage applies every pending one). */
  migrationStatus(): Promise<AppliedMigration[]>;

  close(): Promise<void>;
}

/** Base of every error the storage throws on purpose; anything else is a fault of the database or the code. */
export class StorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class VersionConflict extends StorageError {
  constructor(readonly reportId: string, readonly expectedVersion: number, readonly actualVersion: number) {
    super(`Report ${reportId} is at version ${actualVersion}, not ${expectedVersion}: someone changed it meanwhile; reload it and try again.`);
  }
}

export class ReportNotFound extends StorageError {
  constructor(readonly reportId: string) {
    super(`There is no report ${reportId}.`);
  }
}

export class PhotoLimitReached extends StorageError {
  constructor(readonly reportId: string, readonly limit: number) {
    super(`Report ${reportId} already has ${limit} photos, the most a report can have.`);
  }
}

export class UsernameTaken extends StorageError {
  constructor(readonly username: string) {
    super(`The username "${username}" is taken (usernames are compared after NFKC and lower-casing).`);
  }
}

/** Input the storage refuses before writing anything: says what and where. */
export class InvalidStorageInput extends StorageError {}

/** A migration file is malformed, changed after it was applied, or missing although applied. */
export class MigrationError extends StorageError {}
