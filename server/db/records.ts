// What both backends share between the Repository types and their rows: input checks that keep
// the stored data sortable and consistent, the page cursor, the username key and the mapping of a
// normalised row to a Report. Each backend turns its driver's values (0/1 or boolean, JSON text or
// jsonb, text or timestamptz) into these normalised rows first.
import type { BoundingBox } from '../../src/domain/facilities/model.ts';
import { MAX_PHOTOS_PER_REPORT } from '../../src/domain/reports/model.ts';
import type { IsoDateTime, Report, ReportCategory, ReportMeasurement, ReportPhoto, ReportStatus, Role, Severity, User } from '../../src/domain/reports/model.ts';
import {
  DEFAULT_PAGE_SIZE, InvalidStorageInput, MAXIMUM_PAGE_SIZE, PhotoLimitReached,
  type NewReportEvent, type ReportFilter, type ReportOrder,
} from './repository.ts';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Timestamps are stored as the exact output of Date#toISOString (UTC, milliseconds), so that on
 * SQLite, where they are text, sorting the text sorts the instants.
 */
export function assertIsoDateTime(value: string, where: string): void {
  if (!ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value)) || new Date(value).toISOString() !== value) {
    throw new InvalidStorageInput(`${where} must be a UTC date-time as Date#toISOString writes it, e.g. "2026-11-29T06:55:00.000Z"; got "${value}".`);
  }
}

export function assertFiniteLocation(report: Report): void {
  const [longitude, latitude] = report.location;
  if (!Number.isFinite(longitude) || !Number.isFinite(latitude) || Math.abs(longitude) > 180 || Math.abs(latitude) > 90) {
    throw new InvalidStorageInput(`Report ${report.id}: location must be [longitude -180..180, latitude -90..90]; got ${JSON.stringify(report.location)}.`);
  }
}

function checkReportFields(report: Report): void {
  assertIsoDateTime(report.createdAt, `Report ${report.id} createdAt`);
  assertIsoDateTime(report.updatedAt, `Report ${report.id} updatedAt`);
  assertFiniteLocation(report);
  if (report.expectedFixDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(report.expectedFixDate)) {
    throw new InvalidStorageInput(`Report ${report.id}: expectedFixDate must be a date "YYYY-MM-DD" or null; got "${report.expectedFixDate}".`);
  }
}

/** Checks a new report and its first event before the create transaction. */
export function checkNewReport(report: Report, firstEvent: NewReportEvent, idempotencyKey: string, photoBytes: ReadonlyMap<string, Uint8Array>): void {
  if (idempotencyKey.trim() === '') throw new InvalidStorageInput(`Report ${report.id}: the idempotency key is empty.`);
  checkReportFields(report);
  checkEventShape(report.id, firstEvent);
  if (firstEvent.fromStatus !== null || firstEvent.toStatus !== report.status) {
    throw new InvalidStorageInput(`Report ${report.id}: the filing event must go from null to the report's status "${report.status}"; got ${String(firstEvent.fromStatus)} → ${firstEvent.toStatus}.`);
  }
  if (report.photos.length > MAX_PHOTOS_PER_REPORT) throw new PhotoLimitReached(report.id, MAX_PHOTOS_PER_REPORT);
  for (const photo of report.photos) {
    const bytes = photoBytes.get(photo.id);
    if (!bytes) throw new InvalidStorageInput(`Report ${report.id}: no bytes given for photo ${photo.id}.`);
    checkPhotoBytes(report.id, photo, bytes);
  }
  const listed = new Set(report.photos.map((photo) => photo.id));
  if (listed.size !== report.photos.length) throw new InvalidStorageInput(`Report ${report.id}: a photo id appears twice.`);
  for (const photoId of photoBytes.keys()) {
    if (!listed.has(photoId)) throw new InvalidStorageInput(`Report ${report.id}: bytes given for photo ${photoId}, which report.photos does not list.`);
  }
}

export function checkPhotoBytes(reportId: string, photo: ReportPhoto, bytes: Uint8Array): void {
  if (photo.byteLength !== bytes.byteLength) {
    throw new InvalidStorageInput(`Report ${reportId} photo ${photo.id}: byteLength says ${photo.byteLength} but ${bytes.byteLength} bytes were given.`);
  }
}

function checkEventShape(reportId: string, event: NewReportEvent): void {
  assertIsoDateTime(event.at, `Report ${reportId} event time`);
}

/** The stored state an update is checked against. */
export interface StoredReportHead {
  status: ReportStatus;
  version: number;
  reporterId: string | null;
  createdAt: IsoDateTime;
}

/** Checks an update against the stored row; throws VersionConflict (via the caller) first, then these. */
export function checkUpdate(report: Report, stored: StoredReportHead, event: NewReportEvent): void {
  checkReportFields(report);
  checkEventShape(report.id, event);
  if (event.fromStatus !== stored.status || event.toStatus !== report.status) {
    throw new InvalidStorageInput(`Report ${report.id}: the event must go from the stored status "${stored.status}" to the report's status "${report.status}"; got ${String(event.fromStatus)} → ${event.toStatus}.`);
  }
  if (report.reporterId !== stored.reporterId) throw new InvalidStorageInput(`Report ${report.id}: reporterId cannot change.`);
  if (report.createdAt !== stored.createdAt) throw new InvalidStorageInput(`Report ${report.id}: createdAt cannot change.`);
}

export function assertExpectedVersion(expectedVersion: number, reportId: string): void {
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 1) {
    throw new InvalidStorageInput(`Report ${reportId}: expectedVersion must be a whole number from 1; got ${expectedVersion}.`);
  }
}

/** Usernames are unique and looked up by this key, so "Ｌｉ" (full-width) and "li" are one account name. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}

export function checkNewUser(user: User): void {
  if (usernameKey(user.username).trim() === '') throw new InvalidStorageInput(`User ${user.id}: the username is empty.`);
  assertIsoDateTime(user.createdAt, `User ${user.id} createdAt`);
}

/** A page position: the sort key of the last report of the page before. */
interface CursorPosition {
  order: ReportOrder;
  updatedAt: IsoDateTime;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.order, position.updatedAt, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, order: ReportOrder): CursorPosition {
  const refuse = (why: string): InvalidStorageInput => new InvalidStorageInput(`The cursor "${cursor}" ${why}; pass nextCursor from the previous page unchanged.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse('is not one this server issued');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((part) => typeof part === 'string')) throw refuse('is not one this server issued');
  const [cursorOrder, updatedAt, id] = parsed as [string, string, string];
  if (cursorOrder !== order) throw refuse(`belongs to the order ${cursorOrder}, not ${order}`);
  try {
    assertIsoDateTime(updatedAt, 'The cursor time');
  } catch {
    throw refuse('is not one this server issued');
  }
  return { order, updatedAt, id };
}

/** A list query in parts both dialects can use. */
export interface ListQuery {
  where: string;
  orderBy: string;
  limit: number;
  parameters: unknown[];
  order: ReportOrder;
}

/**
 * `placeholder(n)` writes the n-th (1-based) parameter; `booleanValue` turns a boolean into what
 * the driver binds (SQLite stores 0 and 1).
 */
export function buildListQuery(filter: ReportFilter, placeholder: (position: number) => string, booleanValue: (value: boolean) => unknown = (value) => value): ListQuery {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const add = (value: unknown): string => {
    parameters.push(value);
    return placeholder(parameters.length);
  };
  const order = filter.order ?? 'oldest_first';
  if (order !== 'oldest_first' && order !== 'newest_first') throw new InvalidStorageInput(`order must be oldest_first or newest_first; got "${String(order)}".`);
  const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAXIMUM_PAGE_SIZE) throw new InvalidStorageInput(`limit must be a whole number from 1 to ${MAXIMUM_PAGE_SIZE}; got ${limit}.`);
  if (filter.districtId !== undefined) conditions.push(`district_id = ${add(filter.districtId)}`);
  if (filter.statuses !== undefined) {
    conditions.push(filter.statuses.length === 0 ? '1 = 0' : `status IN (${filter.statuses.map((status) => add(status)).join(', ')})`);
  }
  if (filter.facilityId !== undefined) conditions.push(`facility_id = ${add(filter.facilityId)}`);
  if (filter.assignedUnitId !== undefined) conditions.push(`assigned_unit_id = ${add(filter.assignedUnitId)}`);
  if (filter.outOfService !== undefined) conditions.push(`out_of_service = ${add(booleanValue(filter.outOfService))}`);
  if (filter.boundingBox !== undefined) conditions.push(boundingBoxCondition(filter.boundingBox, add));
  if (filter.updatedSince !== undefined) {
    assertIsoDateTime(filter.updatedSince, 'updatedSince');
    conditions.push(`updated_at >= ${add(filter.updatedSince)}`);
  }
  if (filter.cursor !== undefined && filter.cursor !== null) {
    const position = decodeCursor(filter.cursor, order);
    const comparison = order === 'oldest_first' ? '>' : '<';
    conditions.push(`(updated_at, id) ${comparison} (${add(position.updatedAt)}, ${add(position.id)})`);
  }
  const direction = order === 'oldest_first' ? 'ASC' : 'DESC';
  return {
    where: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`,
    orderBy: `ORDER BY updated_at ${direction}, id ${direction}`,
    limit,
    parameters,
    order,
  };
}

function boundingBoxCondition(box: BoundingBox, add: (value: unknown) => string): string {
  const [west, south, east, north] = box;
  if (![west, south, east, north].every(Number.isFinite) || south > north || Math.abs(south) > 90 || Math.abs(north) > 90 || Math.abs(west) > 180 || Math.abs(east) > 180) {
    throw new InvalidStorageInput(`boundingBox must be [west, south, east, north] in degrees with south <= north; got ${JSON.stringify(box)}.`);
  }
  const latitude = `latitude BETWEEN ${add(south)} AND ${add(north)}`;
  const longitude = west <= east
    ? `longitude BETWEEN ${add(west)} AND ${add(east)}`
    : `(longitude >= ${add(west)} OR longitude <= ${add(east)})`;
  return `${latitude} AND ${longitude}`;
}

/** The cursor of the page after `reports`, when the query found more than `limit`. */
export function nextCursorOf(reports: readonly Report[], limit: number, foundMore: boolean, order: ReportOrder): string | null {
  const last = reports[limit - 1];
  if (!foundMore || !last) return null;
  return encodeCursor({ order, updatedAt: last.updatedAt, id: last.id });
}

/** A reports row once the backend has turned its driver's values into these. */
export interface ReportRow {
  id: string;
  district_id: string;
  facility_id: string | null;
  longitude: number;
  latitude: number;
  category: string;
  fault_code: string;
  severity: number;
  permanence: string;
  expected_fix_date: string | null;
  description: string;
  measurements: ReportMeasurement[];
  out_of_service: boolean;
  status: string;
  reporter_id: string | null;
  assigned_unit_id: string | null;
  fixed_by_id: string | null;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
  version: number;
}

/** The columns a report writes, in this order, shared by both dialects' INSERT and UPDATE. */
export const REPORT_COLUMNS = [
  'id', 'district_id', 'facility_id', 'longitude', 'latitude', 'category', 'fault_code', 'severity', 'permanence',
  'expected_fix_date', 'description', 'measurements', 'out_of_service', 'status', 'reporter_id', 'assigned_unit_id',
  'fixed_by_id', 'created_at', 'updated_at', 'version',
] as const;

/** The values of REPORT_COLUMNS for `report` at `version`; measurements as JSON text, out_of_service as a boolean. */
export function reportValues(report: Report, version: number): Record<(typeof REPORT_COLUMNS)[number], unknown> {
  return {
    id: report.id,
    district_id: report.districtId,
    facility_id: report.facilityId,
    longitude: report.location[0],
    latitude: report.location[1],
    category: report.category,
    fault_code: report.faultCode,
    severity: report.severity,
    permanence: report.permanence,
    expected_fix_date: report.expectedFixDate,
    description: report.description,
    measurements: JSON.stringify(report.measurements),
    out_of_service: report.outOfService,
    status: report.status,
    reporter_id: report.reporterId,
    assigned_unit_id: report.assignedUnitId,
    fixed_by_id: report.fixedById,
    created_at: report.createdAt,
    updated_at: report.updatedAt,
    version,
  };
}

export function reportFromRow(row: ReportRow, photos: ReportPhoto[]): Report {
  return {
    id: row.id,
    districtId: row.district_id,
    facilityId: row.facility_id,
    location: [row.longitude, row.latitude],
    // The schema's CHECK constraints hold these to the model's lists.
    category: row.category as ReportCategory,
    faultCode: row.fault_code,
    severity: row.severity as Severity,
    permanence: row.permanence as Report['permanence'],
    expectedFixDate: row.expected_fix_date,
    description: row.description,
    measurements: row.measurements,
    photos,
    outOfService: row.out_of_service,
    status: row.status as ReportStatus,
    reporterId: row.reporter_id,
    assignedUnitId: row.assigned_unit_id,
    fixedById: row.fixed_by_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  unit_id: string | null;
  password_hash: string;
  disabled: boolean;
  created_at: IsoDateTime;
}

export function userFromRow(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    unitId: row.unit_id,
    passwordHash: row.password_hash,
    disabled: row.disabled,
    createdAt: row.created_at,
  };
}

/** The start and end of the fixed rate-limit window containing `now`. */
export function rateLimitWindow(windowMilliseconds: number, now: Date): { start: IsoDateTime; end: IsoDateTime } {
  if (!Number.isSafeInteger(windowMilliseconds) || windowMilliseconds < 1) {
    throw new InvalidStorageInput(`windowMilliseconds must be a whole number of at least 1; got ${windowMilliseconds}.`);
  }
  const startMilliseconds = Math.floor(now.getTime() / windowMilliseconds) * windowMilliseconds;
  return { start: new Date(startMilliseconds).toISOString(), end: new Date(startMilliseconds + windowMilliseconds).toISOString() };
}
