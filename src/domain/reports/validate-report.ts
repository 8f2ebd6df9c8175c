// Checks a new fault report as it arrives (from the form, the offline queue or the API) and turns
// it into a typed draft, or into every error at once so the form can show an error summary with
// one inline message per field. Messages follow the GOV.UK Design System's error message
// guidance: say what went wrong and how to fix it, in plain words, without blame.
import type { BoundingBox, Facility, IsoDate, LngLat } from '../facilities/model.ts';
import { bboxContains, facilityAnchor } from '../geo/index.ts';
import {
  MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REPORT, PHOTO_MEDIA_TYPES, type PhotoMediaType, type Report, type ReportCategory, type ReportMeasurement, type Severity,
} from './model.ts';
import { categoryDetails, facilityFitsCategory, findFaultCode, isReportCategory, type FaultCode } from './fault-codes.ts';
import { findMeasurementKind, measurementKindsOf, type MeasurementKind } from './measurements.ts';
import { DEFAULT_TIME_ZONE, isIsoDate, localDate } from './dates.ts';
import type { LocalizedText } from './localized.ts';

/** Descriptions and notes: at most this many characters (Unicode code points) after trimming; a project choice. */
export const MAX_DESCRIPTION_LENGTH = 2000;

/**
 * An idempotency key: 16 to 64 URL-safe characters, so a UUID (36) fits and a key has enough
 * room to be unguessable. The client makes one per report and resends it with every retry.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** Ids of districts, facilities, units and reports: at most this many characters (a project choice, to bound input). */
export const MAX_ID_LENGTH = 200;

/** A photo as declared before its bytes arrive; the server checks the bytes by content. */
export interface PhotoDeclaration {
  mediaType: PhotoMediaType;
  byteLength: number;
}

/**
 * A checked new report: every field the reporter gives, normalised, in the report's own shape; the
 * server adds id, status, people, times and version. `location` is rounded to 7 decimals (about
 * 1 cm, as data/README.md asks) and is the facility's anchor when not given; `description` is
 * trimmed; `outOfService` is as given, or the fault code's default.
 */
export type ReportDraft = Pick<Report,
  'districtId' | 'facilityId' | 'location' | 'category' | 'faultCode' | 'severity' | 'permanence'
  | 'expectedFixDate' | 'description' | 'measurements' | 'outOfService'> & {
  idempotencyKey: string;
  /** Photos as declared; their bytes and ids come later. */
  photos: PhotoDeclaration[];
};

export interface FieldError {
  /** JSON Pointer (RFC 6901) to the offending value: "/description", "/measurements/0/value"; "" for the whole body. */
  field: string;
  /** Stable, for programs: "required", "unknown_field", "too_long", "in_past", … */
  code: string;
  message: LocalizedText;
}

export type ReportValidation = { ok: true; draft: ReportDraft } | { ok: false; errors: FieldError[] };

export interface ReportValidationContext {
  /** The instant the report is checked; expected fix dates are compared with today's date in `timeZone`. */
  now: Date;
  /** The districts the map offers (a DistrictManifest has this shape); the report must name one and lie inside its bbox. */
  districts: readonly { id: string; bbox: BoundingBox }[];
  /** Looks a facility up by id in a district; null when there is none. */
  findFacility: (districtId: string, facilityId: string) => Facility | null;
  /** IANA time zone of the district; DEFAULT_TIME_ZONE (Shanghai) when not given. */
  timeZone?: string;
}

/** The fields a new report may have; anything else is refused by name. */
export const NEW_REPORT_FIELDS = [
  'idempotencyKey', 'districtId', 'facilityId', 'location', 'category', 'faultCode', 'severity', 'permanence', 'expectedFixDate',
  'description', 'measurements', 'photos', 'outOfService',
] as const;
const MEASUREMENT_FIELDS = ['name', 'value', 'unit'] as const;
const PHOTO_FIELDS = ['mediaType', 'byteLength'] as const;

/** "Wrong information — Facility does not exist", named in messages exactly as the form shows it. */
const NOT_THERE: LocalizedText = (() => {
  const category = categoryDetails('information').label;
  const fault = findFaultCode('information', 'facility_does_not_exist')?.label ?? { zh: '', en: '' };
  return { zh: `${category.zh} — ${fault.zh}`, en: `${category.en} — ${fault.en}` };
})();

// Control characters other than tab, line feed and carriage return: invisible, and a sign of a broken client.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Escapes one reference token of a JSON Pointer (RFC 6901 §3). */
export function pointerToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

const pointer = (...tokens: (string | number)[]): string => tokens.map((token) => `/${pointerToken(token)}`).join('');
const error = (field: string, code: string, zh: string, en: string): FieldError => ({ field, code, message: { zh, en } });
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const has = (record: Record<string, unknown>, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key) && record[key] !== undefined;
const codePointLength = (text: string): number => [...text].length;
const roundTo7Decimals = (degrees: number): number => Math.round(degrees * 1e7) / 1e7;

function unknownFields(record: Record<string, unknown>, allowed: readonly string[], at: (string | number)[], what: LocalizedText): FieldError[] {
  return Object.keys(record)
    .filter((key) => !allowed.includes(key))
    .map((key) => error(
      pointer(...at, key), 'unknown_field',
      `请删除字段“${key}”：${what.zh}没有这个字段`,
      `Remove the field "${key}": ${what.en} has no such field`,
    ));
}

/** Checks a string field that must be present; returns the string or pushes an error. */
function requiredText(record: Record<string, unknown>, key: string, errors: FieldError[], missing: LocalizedText): string | null {
  const value = record[key];
  if (!has(record, key) || value === null) {
    errors.push(error(pointer(key), 'required', missing.zh, missing.en));
    return null;
  }
  if (typeof value !== 'string') {
    errors.push(error(pointer(key), 'wrong_type', `“${key}”应为文本`, `"${key}" must be text`));
    return null;
  }
  return value;
}

function checkIdentifier(value: string, key: string, errors: FieldError[]): boolean {
  if (value.trim() === '' || codePointLength(value) > MAX_ID_LENGTH) {
    errors.push(error(pointer(key), 'invalid_format', `“${key}”应为 1 至 ${MAX_ID_LENGTH} 个字符的编号`, `"${key}" must be an id of 1 to ${MAX_ID_LENGTH} characters`));
    return false;
  }
  return true;
}

function checkSeverity(record: Record<string, unknown>, errors: FieldError[]): Severity | null {
  const value = record.severity;
  if (!has(record, 'severity') || value === null) {
    errors.push(error('/severity', 'required', '请选择问题的严重程度', 'Select how severe the fault is'));
    return null;
  }
  if (value !== 1 && value !== 2 && value !== 3) {
    errors.push(error('/severity', 'not_allowed_value', '严重程度应为 1、2 或 3', 'Select a severity of 1, 2 or 3'));
    return null;
  }
  return value;
}

function checkPermanence(record: Record<string, unknown>, errors: FieldError[]): ReportDraft['permanence'] | null {
  const value = record.permanence;
  if (value === 'temporary' || value === 'permanent') return value;
  const missing = !has(record, 'permanence') || value === null;
  errors.push(error('/permanence', missing ? 'required' : 'not_allowed_value', '请选择问题是临时的还是长期的', 'Select whether the fault is temporary or permanent'));
  return null;
}

function checkExpectedFixDate(record: Record<string, unknown>, today: IsoDate, errors: FieldError[]): IsoDate | null {
  const value = record.expectedFixDate;
  if (!has(record, 'expectedFixDate') || value === null) return null;
  if (typeof value !== 'string' || !isIsoDate(value)) {
    errors.push(error('/expectedFixDate', 'invalid_date', '预计修复日期应为真实存在的日期，例如 2026-06-30', 'Expected fix date must be a real date, for example 2026-06-30'));
    return null;
  }
  // ISO dates of equal length compare in calendar order as strings.
  if (value < today) {
    errors.push(error('/expectedFixDate', 'in_past', '预计修复日期应为今天或以后', 'Expected fix date must be today or later'));
    return null;
  }
  return value;
}

function checkDescription(record: Record<string, unknown>, errors: FieldError[]): string | null {
  const raw = record.description;
  if (has(record, 'description') && raw !== null && typeof raw !== 'string') {
    errors.push(error('/description', 'wrong_type', '问题描述应为文本', 'Description must be text'));
    return null;
  }
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') {
    errors.push(error('/description', 'required', '请描述问题', 'Enter a description of the fault'));
    return null;
  }
  const length = codePointLength(text);
  if (length > MAX_DESCRIPTION_LENGTH) {
    errors.push(error(
      '/description', 'too_long',
      `问题描述不能超过 ${MAX_DESCRIPTION_LENGTH} 个字（现在是 ${length} 个）`,
      `Description must be ${MAX_DESCRIPTION_LENGTH} characters or fewer (it has ${length})`,
    ));
    return null;
  }
  if (CONTROL_CHARACTERS.test(text)) {
    errors.push(error('/description', 'control_characters', '问题描述含有不可见的控制字符，请删除后重试', 'Description contains invisible control characters: remove them and try again'));
    return null;
  }
  return text;
}

function checkLocation(
  record: Record<string, unknown>, district: { id: string; bbox: BoundingBox } | null, facility: Facility | null, errors: FieldError[],
): LngLat | null {
  const value = record.location;
  if (!has(record, 'location') || value === null) {
    if (facility) return facilityAnchor(facility);
    errors.push(error('/location', 'required', '请在地图上选择问题所在的位置', 'Choose where the fault is on the map'));
    return null;
  }
  const isPair = Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'number' && Number.isFinite(part));
  const [longitude, latitude] = isPair ? (value as [number, number]) : [NaN, NaN];
  if (!isPair || Math.abs(longitude) > 180 || Math.abs(latitude) > 90) {
    errors.push(error('/location', 'invalid_location', '位置应为 [经度, 纬度]，例如 [121.47, 31.23]', 'Location must be [longitude, latitude], for example [121.47, 31.23]'));
    return null;
  }
  const location: LngLat = [roundTo7Decimals(longitude), roundTo7Decimals(latitude)];
  if (district && !bboxContains(district.bbox, location)) {
    errors.push(error('/location', 'outside_district', '请在本街区范围内选择位置', 'Choose a location inside the district'));
    return null;
  }
  return location;
}

/** The facility named by the report, looked up in its district: null when none is named, undefined after an error. */
function lookUpFacility(
  record: Record<string, unknown>, districtId: string | null, context: ReportValidationContext, errors: FieldError[],
): Facility | null | undefined {
  const value = record.facilityId;
  if (!has(record, 'facilityId') || value === null) return null;
  if (typeof value !== 'string') {
    errors.push(error('/facilityId', 'wrong_type', '设施编号应为文本', 'Facility id must be text'));
    return undefined;
  }
  if (!checkIdentifier(value, 'facilityId', errors)) return undefined;
  // Without a valid district the facility cannot be looked up; the district error says why.
  if (districtId === null) return undefined;
  const facility = context.findFacility(districtId, value);
  if (!facility) {
    errors.push(error('/facilityId', 'unknown_facility', `本街区没有编号为“${value}”的设施`, `There is no facility "${value}" in this district`));
    return undefined;
  }
  return facility;
}

/** Whether the facility (or its absence) fits the category and the fault; pushes the error when not. */
function facilityFits(facility: Facility | null, category: ReportCategory | null, fault: FaultCode | null, errors: FieldError[]): boolean {
  if (facility === null) {
    if (fault?.facility !== 'required') return true;
    errors.push(error('/facilityId', 'required', `请选择“${fault.label.zh}”所指的设施`, `Choose the facility that "${fault.label.en}" is about`));
    return false;
  }
  if (category === null) return true;
  const details = categoryDetails(category);
  if (details.facilities.kind === 'none') {
    errors.push(error(
      '/facilityId', 'facility_not_allowed',
      `“${details.label.zh}”问题在地图上的某一点报告，不针对某个设施：请删除设施，或另选类别`,
      `"${details.label.en}" faults are reported at a point, not on a facility: remove the facility or choose another category`,
    ));
    return false;
  }
  if (fault?.facility === 'none') {
    errors.push(error(
      '/facilityId', 'facility_not_allowed',
      `“${fault.label.zh}”应在地图上的某一点报告，不针对已有设施；如设施实际不存在，请选择“${NOT_THERE.zh}”`,
      `"${fault.label.en}" is reported at a point, not on an existing facility; if the facility is not there, report "${NOT_THERE.en}"`,
    ));
    return false;
  }
  if (!facilityFitsCategory(category, facility)) {
    errors.push(error(
      '/facilityId', 'facility_category_mismatch',
      `这个设施不属于“${details.label.zh}”：请选择与设施相符的类别`,
      `This facility is not in the category "${details.label.en}": choose the category that fits the facility`,
    ));
    return false;
  }
  return true;
}

function measurementListText(kinds: readonly MeasurementKind[]): LocalizedText {
  const english = kinds.map((kind) => kind.label.en);
  const last = english.pop();
  return { zh: kinds.map((kind) => kind.label.zh).join('、'), en: english.length === 0 ? (last ?? '') : `${english.join(', ')} or ${last}` };
}

function checkMeasurement(item: unknown, index: number, category: ReportCategory | null, seen: Set<string>, errors: FieldError[]): ReportMeasurement | null {
  const at = (...tokens: string[]) => pointer('measurements', index, ...tokens);
  if (!isRecord(item)) {
    errors.push(error(at(), 'wrong_type', '每项测量应包含 name、value 和 unit', 'Each measurement must have a name, a value and a unit'));
    return null;
  }
  const unknown = unknownFields(item, MEASUREMENT_FIELDS, ['measurements', index], { zh: '测量', en: 'a measurement' });
  errors.push(...unknown);
  if (typeof item.name !== 'string') {
    errors.push(error(at('name'), 'required', '请选择测量的项目', 'Select what was measured'));
    return null;
  }
  if (category === null) return null;
  const kind = findMeasurementKind(category, item.name);
  const details = categoryDetails(category);
  if (!kind) {
    const kinds = measurementKindsOf(category);
    errors.push(kinds.length === 0
      ? error(at('name'), 'not_allowed_value', `“${details.label.zh}”问题不记录测量值：请删除测量`, `"${details.label.en}" reports take no measurements: remove them`)
      : error(
        at('name'), 'not_allowed_value',
        `“${details.label.zh}”问题可记录的测量为：${measurementListText(kinds).zh}`,
        `"${details.label.en}" reports can record ${measurementListText(kinds).en}`,
      ));
    return null;
  }
  if (seen.has(kind.name)) {
    errors.push(error(at('name'), 'duplicate', `${kind.label.zh}只需记录一次`, `Record the ${kind.label.en} only once`));
    return null;
  }
  seen.add(kind.name);
  let problems = 0;
  const value = item.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    errors.push(error(at('value'), 'not_a_number', `${kind.label.zh}应为数字，例如 ${kind.example}`, `Enter the ${kind.label.en} as a number, for example ${kind.example}`));
    problems += 1;
  } else if (kind.minimum.inclusive ? value < kind.minimum.value : value <= kind.minimum.value) {
    const bound = kind.minimum.inclusive ? { zh: `不能小于 ${kind.minimum.value} ${kind.unit}`, en: `${kind.minimum.value} ${kind.unit} or more` } : { zh: `应大于 ${kind.minimum.value} ${kind.unit}`, en: `more than ${kind.minimum.value} ${kind.unit}` };
    errors.push(error(at('value'), 'out_of_range', `${kind.label.zh}${bound.zh}`, `Enter a ${kind.label.en} of ${bound.en}`));
    problems += 1;
  }
  if (item.unit !== kind.unit) {
    errors.push(error(at('unit'), 'wrong_unit', `${kind.label.zh}的单位应为 ${kind.unit}`, `Give the ${kind.label.en} in ${kind.unit}`));
    problems += 1;
  }
  if (problems > 0 || unknown.length > 0) return null;
  return { name: kind.name, value: value as number, unit: kind.unit };
}

function checkMeasurements(record: Record<string, unknown>, category: ReportCategory | null, errors: FieldError[]): ReportMeasurement[] | null {
  const value = record.measurements;
  if (!has(record, 'measurements') || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push(error('/measurements', 'wrong_type', '测量应为列表', 'Measurements must be a list'));
    return null;
  }
  const seen = new Set<string>();
  const before = errors.length;
  const measurements = value.map((item, index) => checkMeasurement(item, index, category, seen, errors));
  if (errors.length > before || category === null) return null;
  return measurements.filter((measurement): measurement is ReportMeasurement => measurement !== null);
}

const MEGABYTE = 1024 * 1024;

function checkPhoto(item: unknown, index: number, errors: FieldError[]): PhotoDeclaration | null {
  const at = (...tokens: string[]) => pointer('photos', index, ...tokens);
  const number = index + 1;
  if (!isRecord(item)) {
    errors.push(error(at(), 'wrong_type', `第 ${number} 张照片应包含 mediaType 和 byteLength`, `Photo ${number} must have a mediaType and a byteLength`));
    return null;
  }
  const unknown = unknownFields(item, PHOTO_FIELDS, ['photos', index], { zh: '照片', en: 'a photo' });
  errors.push(...unknown);
  let problems = unknown.length;
  const mediaType = item.mediaType;
  if (typeof mediaType !== 'string' || !(PHOTO_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
    errors.push(error(at('mediaType'), 'wrong_media_type', `第 ${number} 张照片应为 JPEG、PNG 或 WebP 格式`, `Photo ${number} must be a JPEG, PNG or WebP`));
    problems += 1;
  }
  const byteLength = item.byteLength;
  if (typeof byteLength !== 'number' || !Number.isInteger(byteLength) || byteLength < 0) {
    errors.push(error(at('byteLength'), 'wrong_type', `第 ${number} 张照片的大小应为字节数`, `Photo ${number} size must be a whole number of bytes`));
    problems += 1;
  } else if (byteLength === 0) {
    errors.push(error(at('byteLength'), 'empty', `第 ${number} 张照片是空文件，请另选一张`, `Photo ${number} is empty: choose another file`));
    problems += 1;
  } else if (byteLength > MAX_PHOTO_BYTES) {
    errors.push(error(
      at('byteLength'), 'too_large',
      `第 ${number} 张照片不能超过 ${MAX_PHOTO_BYTES / MEGABYTE} MB`,
      `Photo ${number} must be ${MAX_PHOTO_BYTES / MEGABYTE} MB or smaller`,
    ));
    problems += 1;
  }
  if (problems > 0) return null;
  return { mediaType: mediaType as PhotoMediaType, byteLength: byteLength as number };
}

function checkPhotos(record: Record<string, unknown>, errors: FieldError[]): PhotoDeclaration[] | null {
  const value = record.photos;
  if (!has(record, 'photos') || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push(error('/photos', 'wrong_type', '照片应为列表', 'Photos must be a list'));
    return null;
  }
  if (value.length > MAX_PHOTOS_PER_REPORT) {
    errors.push(error('/photos', 'too_many', `最多添加 ${MAX_PHOTOS_PER_REPORT} 张照片`, `Add at most ${MAX_PHOTOS_PER_REPORT} photos`));
    return null;
  }
  const before = errors.length;
  const photos = value.map((item, index) => checkPhoto(item, index, errors));
  if (errors.length > before) return null;
  return photos.filter((photo): photo is PhotoDeclaration => photo !== null);
}

/**
 * Checks a new report exactly as received (parsed JSON, `unknown`) and returns the normalised
 * draft, or every problem found, each naming its field with a message in both languages. Rules:
 * - fields other than NEW_REPORT_FIELDS are refused by name;
 * - idempotencyKey matches IDEMPOTENCY_KEY_PATTERN; districtId names one of `context.districts`;
 * - category is one of REPORT_CATEGORIES and faultCode one of its codes (fault-codes.ts);
 * - facilityId, when given, names a facility of the district that fits the category (a toilet
 *   report cannot be about an elevator); path and crossing reports, and a "missing" kerb ramp,
 *   are reported at a point; "information" faults about a facility require one;
 * - location is [longitude, latitude] inside the district's bbox; it may be left out when a
 *   facility is named, and is then the facility's anchor;
 * - severity is 1, 2 or 3; permanence is "temporary" or "permanent";
 * - expectedFixDate is optional, a real YYYY-MM-DD date no earlier than today in the district's
 *   time zone. It is allowed for permanent faults too: a structural defect can be scheduled for
 *   rebuilding, and the date tells people when to look again;
 * - description is 1 to MAX_DESCRIPTION_LENGTH characters once trimmed, without control characters;
 * - measurements are those the category allows (measurements.ts), each once, a finite number in
 *   the kind's unit, not below its minimum;
 * - photos are at most MAX_PHOTOS_PER_REPORT declarations of a PHOTO_MEDIA_TYPES type and 1 to
 *   MAX_PHOTO_BYTES bytes (the bytes themselves are checked by the server);
 * - outOfService is optional and defaults to the fault code's outOfServiceByDefault.
 */
export function validateNewReport(input: unknown, context: ReportValidationContext): ReportValidation {
  if (!isRecord(input)) {
    return { ok: false, errors: [error('', 'not_an_object', '报告应为一个 JSON 对象', 'Send the report as a JSON object')] };
  }
  const errors: FieldError[] = unknownFields(input, NEW_REPORT_FIELDS, [], { zh: '报告', en: 'a report' });

  const categoryValue = input.category;
  let category: ReportCategory | null = null;
  if (!has(input, 'category') || categoryValue === null) {
    errors.push(error('/category', 'required', '请选择问题所属的类别', 'Select what the fault is about'));
  } else if (!isReportCategory(categoryValue)) {
    errors.push(error('/category', 'not_allowed_value', '请从列表中选择问题所属的类别', 'Select a category from the list'));
  } else {
    category = categoryValue;
  }

  let fault: FaultCode | null = null;
  const faultCode = requiredText(input, 'faultCode', errors, { zh: '请选择具体问题', en: 'Select the fault' });
  if (faultCode !== null && category !== null) {
    fault = findFaultCode(category, faultCode);
    if (!fault) {
      const label = categoryDetails(category).label;
      errors.push(error('/faultCode', 'not_in_category', `请选择一个属于“${label.zh}”的问题`, `Select a fault from the list for "${label.en}"`));
    }
  }

  const districtText = requiredText(input, 'districtId', errors, { zh: '请选择街区', en: 'Select the district' });
  let district: { id: string; bbox: BoundingBox } | null = null;
  if (districtText !== null) {
    district = context.districts.find((candidate) => candidate.id === districtText) ?? null;
    if (!district) {
      errors.push(error('/districtId', 'unknown_district', `没有编号为“${districtText}”的街区，请选择地图提供的街区`, `There is no district "${districtText}": choose one the map offers`));
    }
  }

  const facility = lookUpFacility(input, district?.id ?? null, context, errors);
  const fits = facility !== undefined && facilityFits(facility, category, fault, errors);
  // A facility that exists but does not fit still says where the report is: no second error on the location.
  const location = checkLocation(input, district, facility ?? null, errors);
  const severity = checkSeverity(input, errors);
  const permanence = checkPermanence(input, errors);
  const expectedFixDate = checkExpectedFixDate(input, localDate(context.now, context.timeZone ?? DEFAULT_TIME_ZONE), errors);
  const description = checkDescription(input, errors);
  const measurements = checkMeasurements(input, category, errors);
  const photos = checkPhotos(input, errors);

  const outOfServiceValue = input.outOfService;
  if (has(input, 'outOfService') && outOfServiceValue !== null && typeof outOfServiceValue !== 'boolean') {
    errors.push(error('/outOfService', 'wrong_type', '请选择设施现在能否使用', 'Select whether the facility can be used at all'));
  }

  const idempotencyKey = requiredText(input, 'idempotencyKey', errors, {
    zh: '缺少幂等键：请为每份报告生成一个，重试时原样发送', en: 'Send an idempotency key: make one per report and resend it unchanged with every retry',
  });
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    errors.push(error(
      '/idempotencyKey', 'invalid_format',
      '幂等键应为 16 至 64 个字母、数字、“-”或“_”，例如一个 UUID',
      'Idempotency key must be 16 to 64 letters, digits, "-" or "_", for example a UUID',
    ));
  }

  if (
    errors.length > 0 || category === null || fault === null || district === null || facility === undefined || !fits || location === null
    || severity === null || permanence === null || description === null || measurements === null || photos === null || idempotencyKey === null
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    draft: {
      idempotencyKey,
      districtId: district.id,
      facilityId: facility?.id ?? null,
      location,
      category,
      faultCode: fault.id,
      severity,
      permanence,
      expectedFixDate,
      description,
      measurements,
      photos,
      outOfService: typeof outOfServiceValue === 'boolean' ? outOfServiceValue : fault.outOfServiceByDefault,
    },
  };
}
