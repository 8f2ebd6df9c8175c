// The report form's draft: what the reporter has typed and chosen so far, kept in localStorage so
// it survives a reload (photos live in IndexedDB, see draft-storage.ts). The draft holds its
// Idempotency-Key from the moment it is made, so a report sent, reloaded and sent again is filed
// once. Parsing a stored draft keeps each field only when it is well formed: a value someone (or an
// older version) left in storage can never become a choice the reporter did not make.
import type { LngLat } from '../../domain/facilities/model.ts';
import {
  IDEMPOTENCY_KEY_PATTERN, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REPORT, PHOTO_MEDIA_TYPES, REPORT_CATEGORIES, faultCodesOf, findFaultCode, isIsoDate,
  measurementKindsOf, type FaultCode, type PhotoMediaType, type ReportCategory, type Severity,
} from '../../domain/reports/index.ts';

/** What a report is filed about: a facility of the district, or a point for something missing or not in the data. */
export type DraftTarget = { kind: 'facility'; facilityId: string } | { kind: 'point' };

/** A photo of the draft, already re-encoded; its bytes are in IndexedDB under photoStorageKey. */
export interface DraftPhoto {
  id: string;
  mediaType: PhotoMediaType;
  byteLength: number;
  width: number;
  height: number;
}

export interface ReportFormDraft {
  districtId: string;
  target: DraftTarget;
  /** Made once, when the draft is made; sent with every attempt, so a retry never files twice. */
  idempotencyKey: string;
  /** For a point: the position chosen (null until one is); for a facility, unused (its own position applies). */
  location: LngLat | null;
  /** How the position was chosen, in words ("map centre", a facility's name, the coordinates). */
  locationLabel: string;
  /** What the "longitude,latitude" field shows, typed or filled in by a choice. */
  locationText: string;
  category: ReportCategory | null;
  faultCode: string | null;
  severity: Severity | null;
  permanence: 'temporary' | 'permanent' | null;
  /** As the date input holds it: "YYYY-MM-DD", or "" for none. */
  expectedFixDate: string;
  /** The reporter's answer; null until they tick or untick the box, when the fault's default applies. */
  outOfService: boolean | null;
  description: string;
  /** Measurement name → the text typed, in the kind's unit. */
  measurements: Record<string, string>;
  photos: DraftPhoto[];
  /** When the draft was last saved (ISO 8601), or null when never. */
  savedAt: string | null;
}

const STORAGE_PREFIX = 'bfmap.reportDraft.v1';
const PHOTO_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** The longest text kept from storage for a free-text field: far beyond any limit of the core, short of filling memory. */
const MAX_STORED_TEXT_LENGTH = 20_000;

/** The localStorage key of the draft for this district and target. */
export function draftStorageKey(districtId: string, target: DraftTarget): string {
  const where = target.kind === 'facility' ? `facility.${target.facilityId}` : 'point';
  return `${STORAGE_PREFIX}.${districtId}.${where}`;
}

/** The IndexedDB key of one of a draft's photos. */
export function photoStorageKey(draftKey: string, photoId: string): string {
  return `draft:${draftKey}:${photoId}`;
}

export function newDraft(districtId: string, target: DraftTarget, idempotencyKey: string, category: ReportCategory | null = null): ReportFormDraft {
  return {
    districtId, target, idempotencyKey, location: null, locationLabel: '', locationText: '', category, faultCode: null, severity: null,
    permanence: null, expectedFixDate: '', outOfService: null, description: '', measurements: {}, photos: [], savedAt: null,
  };
}

export function serialiseDraft(draft: ReportFormDraft): string {
  return JSON.stringify(draft);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' && value.length <= MAX_STORED_TEXT_LENGTH ? value : '');

function storedLocation(value: unknown): LngLat | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [longitude, latitude] = value as unknown[];
  if (typeof longitude !== 'number' || typeof latitude !== 'number' || !Number.isFinite(longitude) || !Number.isFinite(latitude)) return null;
  if (Math.abs(longitude) > 180 || Math.abs(latitude) > 90) return null;
  return [longitude, latitude];
}

function storedPhoto(value: unknown): DraftPhoto | null {
  if (!isRecord(value)) return null;
  const { id, mediaType, byteLength, width, height } = value;
  const positiveWhole = (number: unknown): number is number => typeof number === 'number' && Number.isInteger(number) && number > 0;
  if (typeof id !== 'string' || !PHOTO_ID_PATTERN.test(id)) return null;
  if (typeof mediaType !== 'string' || !(PHOTO_MEDIA_TYPES as readonly string[]).includes(mediaType)) return null;
  if (!positiveWhole(byteLength) || byteLength > MAX_PHOTO_BYTES || !positiveWhole(width) || !positiveWhole(height)) return null;
  return { id, mediaType: mediaType as PhotoMediaType, byteLength, width, height };
}

function storedMeasurements(value: unknown, category: ReportCategory | null): Record<string, string> {
  if (!isRecord(value) || category === null) return {};
  const kept: Record<string, string> = {};
  for (const kind of measurementKindsOf(category)) {
    const typed = value[kind.name];
    if (typeof typed === 'string' && typed.length <= 100) kept[kind.name] = typed;
  }
  return kept;
}

/**
 * The draft stored as `stored` if it belongs to this district and target, or null when there is
 * none (absent, not JSON, another district's or facility's). Each field that is missing or not
 * well formed falls back to its empty value; an idempotency key that is not one is replaced by
 * `makeKey()` (a key that malformed could never have been sent, so nothing can be filed twice).
 */
export function parseStoredDraft(stored: string | null, expected: { districtId: string; target: DraftTarget }, makeKey: () => string): ReportFormDraft | null {
  if (stored === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.districtId !== expected.districtId || !isRecord(value.target)) return null;
  const target = value.target;
  const sameTarget = expected.target.kind === 'facility'
    ? target.kind === 'facility' && target.facilityId === expected.target.facilityId
    : target.kind === 'point';
  if (!sameTarget) return null;

  const key = typeof value.idempotencyKey === 'string' && IDEMPOTENCY_KEY_PATTERN.test(value.idempotencyKey) ? value.idempotencyKey : makeKey();
  const category = (REPORT_CATEGORIES as readonly unknown[]).includes(value.category) ? (value.category as ReportCategory) : null;
  const fault = category !== null && typeof value.faultCode === 'string' ? findFaultCode(category, value.faultCode) : null;
  const severity = value.severity === 1 || value.severity === 2 || value.severity === 3 ? value.severity : null;
  const permanence = value.permanence === 'temporary' || value.permanence === 'permanent' ? value.permanence : null;
  const expectedFixDate = typeof value.expectedFixDate === 'string' && isIsoDate(value.expectedFixDate) ? value.expectedFixDate : '';
  const photos = Array.isArray(value.photos)
    ? value.photos.map(storedPhoto).filter((photo): photo is DraftPhoto => photo !== null).slice(0, MAX_PHOTOS_PER_REPORT)
    : [];
  const location = expected.target.kind === 'point' ? storedLocation(value.location) : null;
  return {
    districtId: expected.districtId,
    target: expected.target,
    idempotencyKey: key,
    location,
    locationLabel: location ? text(value.locationLabel) : '',
    locationText: expected.target.kind === 'point' ? text(value.locationText).slice(0, 100) : '',
    category,
    faultCode: fault?.id ?? null,
    severity,
    permanence,
    expectedFixDate,
    outOfService: typeof value.outOfService === 'boolean' ? value.outOfService : null,
    description: text(value.description),
    measurements: storedMeasurements(value.measurements, category),
    photos: photos.filter((photo, index) => photos.findIndex((other) => other.id === photo.id) === index),
    savedAt: typeof value.savedAt === 'string' && !Number.isNaN(Date.parse(value.savedAt)) ? value.savedAt : null,
  };
}

/** The fault chosen, from the table, or null. */
export function chosenFault(draft: ReportFormDraft): FaultCode | null {
  return draft.category !== null && draft.faultCode !== null ? findFaultCode(draft.category, draft.faultCode) : null;
}

/** What the out-of-service box shows: the reporter's answer, else the chosen fault's default, else unticked. */
export function shownOutOfService(draft: ReportFormDraft): boolean {
  return draft.outOfService ?? chosenFault(draft)?.outOfServiceByDefault ?? false;
}

/** The faults the form offers for this target: a facility's report cannot say "missing", a point's cannot be about a facility. */
export function offeredFaults(category: ReportCategory, target: DraftTarget): FaultCode[] {
  return faultCodesOf(category).filter((code) => (target.kind === 'facility' ? code.facility !== 'none' : code.facility !== 'required'));
}

/** A typed number as the core should see it: the number when the text is one, the text itself otherwise (so the core names the mistake). */
function typedNumber(typed: string): number | string {
  const trimmed = typed.trim();
  return /^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export interface ValidationInput {
  /** The report as the reports core checks it (validateNewReport), photos declared. */
  body: Record<string, unknown>;
  /** The measurement names in the order of body.measurements, to place "/measurements/1/value" on its field. */
  measurementNames: string[];
}

/** The draft as a new report for validateNewReport: unanswered questions are left out, so the core says what is missing. */
export function validationInput(draft: ReportFormDraft): ValidationInput {
  const kinds = draft.category === null ? [] : measurementKindsOf(draft.category);
  const measured = kinds.filter((kind) => (draft.measurements[kind.name] ?? '').trim() !== '');
  const body: Record<string, unknown> = {
    idempotencyKey: draft.idempotencyKey,
    districtId: draft.districtId,
    facilityId: draft.target.kind === 'facility' ? draft.target.facilityId : null,
    category: draft.category,
    faultCode: draft.faultCode,
    severity: draft.severity,
    permanence: draft.permanence,
    expectedFixDate: draft.expectedFixDate === '' ? null : draft.expectedFixDate,
    description: draft.description,
    measurements: measured.map((kind) => ({ name: kind.name, value: typedNumber(draft.measurements[kind.name] ?? ''), unit: kind.unit })),
    outOfService: shownOutOfService(draft),
    photos: draft.photos.map((photo) => ({ mediaType: photo.mediaType, byteLength: photo.byteLength })),
  };
  if (draft.target.kind === 'point') {
    // A position typed but not understood goes to the core as typed, so its message says what a position looks like.
    body.location = draft.location ?? (draft.locationText.trim() === '' ? null : draft.locationText.trim());
  }
  return { body, measurementNames: measured.map((kind) => kind.name) };
}

/** The form question a field error belongs to. */
export type QuestionName =
  | 'location' | 'category' | 'faultCode' | 'severity' | 'permanence' | 'expectedFixDate' | 'outOfService' | 'description' | 'photos'
  | `measurement:${string}`;

/**
 * The question an error from the reports core (or the server) is about, from its JSON Pointer, or
 * null when it is about the report as a whole (an unknown district, a malformed key).
 */
export function questionOf(pointer: string, measurementNames: readonly string[]): QuestionName | null {
  const [first, second] = pointer.split('/').slice(1);
  switch (first) {
    case 'location':
      return 'location';
    case 'category':
      return 'category';
    // A facility that does not fit the category is corrected by choosing another category.
    case 'facilityId':
      return 'category';
    case 'faultCode':
      return 'faultCode';
    case 'severity':
      return 'severity';
    case 'permanence':
      return 'permanence';
    case 'expectedFixDate':
      return 'expectedFixDate';
    case 'outOfService':
      return 'outOfService';
    case 'description':
      return 'description';
    case 'photos':
      return 'photos';
    case 'measurements': {
      const name = second === undefined ? undefined : measurementNames[Number(second)];
      return name === undefined ? null : `measurement:${name}`;
    }
    default:
      return null;
  }
}

/** Characters the core counts in a description: Unicode code points, once trimmed. */
export function descriptionLength(description: string): number {
  return [...description.trim()].length;
}
