// The fault report and its rectification loop (督导结果反馈整改机制): the shared contract between
// the reports core (validation, transitions, permissions), the storage layer (server/db) and the
// API. Categories, statuses and roles follow ../shared/design/faults.md and the reports issue.
import type { IsoDate, LngLat } from '../facilities/model.ts';

/** What a report is about: a facility category, or a part of the street around one. */
export const REPORT_CATEGORIES = ['kerb_ramp', 'tactile_paving', 'elevator', 'toilet', 'entrance', 'path', 'crossing', 'information'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** Submitted → verified → assigned → in_progress → fixed → closed, with three side exits. */
export const REPORT_STATUSES = [
  'submitted', 'verified', 'assigned', 'in_progress', 'fixed', 'closed', 'duplicate', 'rejected', 'cannot_reproduce',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Statuses after which nothing more happens to a report. */
export const FINAL_STATUSES: readonly ReportStatus[] = ['closed', 'duplicate', 'rejected', 'cannot_reproduce'];

export const ROLES = ['resident', 'inspector', 'reviewer', 'responsible_unit', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** 1 inconvenient, 2 hard, 3 unusable (faults.md). */
export type Severity = 1 | 2 | 3;

export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMediaType = (typeof PHOTO_MEDIA_TYPES)[number];
export const MAX_PHOTOS_PER_REPORT = 3;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** ISO 8601 date-time in UTC, e.g. "2026-11-29T06:55:00.000Z". */
export type IsoDateTime = string;

export interface ReportPhoto {
  id: string;
  mediaType: PhotoMediaType;
  byteLength: number;
}

/** A measurement the inspector took, graded against a cited threshold where the standard gives one. */
export interface ReportMeasurement {
  /** e.g. "kerb_lip_height", "slope", "clear_width" (the reports core lists the names per category). */
  name: string;
  value: number;
  /** "mm", "m", "%". */
  unit: string;
}

export interface Report {
  /** Server-assigned, unguessable (UUID). */
  id: string;
  districtId: string;
  /** The facility reported on; null for something missing or not in the data, reported at a point. */
  facilityId: string | null;
  location: LngLat;
  category: ReportCategory;
  /** One of the category's fault codes (the reports core holds the table). */
  faultCode: string;
  severity: Severity;
  permanence: 'temporary' | 'permanent';
  expectedFixDate: IsoDate | null;
  description: string;
  measurements: ReportMeasurement[];
  photos: ReportPhoto[];
  /** The fault makes the facility unusable: once verified and while open, the map and the router treat it as out of service. */
  outOfService: boolean;
  status: ReportStatus;
  /** Null for an anonymous resident. */
  reporterId: string | null;
  /** The responsible unit (责任单位) the report is assigned to. */
  assignedUnitId: string | null;
  /** Who marked it fixed: the re-inspection that closes it must be by someone else. */
  fixedById: string | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** Optimistic concurrency: every change increments it; an update naming an older version is refused. */
  version: number;
}

/** One step of a report's history: every transition (and the filing itself) is an event. */
export interface ReportEvent {
  reportId: string;
  /** 1 for the filing, then 2, 3, … in order. */
  sequence: number;
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus;
  /** Null for an anonymous resident. */
  actorId: string | null;
  actorRole: Role;
  at: IsoDateTime;
  note: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** For responsible units: which unit the account acts for. */
  unitId: string | null;
  /** scrypt, with its parameters and salt, as one string. */
  passwordHash: string;
  disabled: boolean;
  createdAt: IsoDateTime;
}
