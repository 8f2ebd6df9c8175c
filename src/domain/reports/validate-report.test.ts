import { describe, it, expect } from 'vitest';
import type { Facility } from '../facilities/model.ts';
import { bboxContains, facilityAnchor } from '../geo/index.ts';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REPORT, PHOTO_MEDIA_TYPES } from './model.ts';
import { findFaultCode } from './fault-codes.ts';
import { measurementKindsOf } from './measurements.ts';
import { MAX_DESCRIPTION_LENGTH, NEW_REPORT_FIELDS, validateNewReport, type FieldError, type ReportValidationContext } from './validate-report.ts';
import { ORIGIN, TEST_DISTRICT, deepFreeze, elevatorAt, near, rampAt, toiletAt } from './test-support.ts';

const lift = elevatorAt('lift-1', near(100, 100));
const toilet = toiletAt('toilet-1', near(-200, 50));
const kerbRamp = rampAt('ramp-1', near(10, -10), { kerbRampForm: 'three_sided' });
const facilities: Facility[] = [lift, toilet, kerbRamp];

// 2026-05-14T16:30Z is 00:30 on 15 May in Shanghai (UTC+8) and 18:30 on 14 May in Paris (UTC+2 in summer).
const context = (overrides: Partial<ReportValidationContext> = {}): ReportValidationContext => ({
  now: new Date('2026-05-14T16:30:00Z'),
  districts: [TEST_DISTRICT],
  findFacility: (districtId, facilityId) => (districtId === TEST_DISTRICT.id ? facilities.find((facility) => facility.id === facilityId) ?? null : null),
  ...overrides,
});

const validInput = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  idempotencyKey: '3f1c2a9e-8d4b-4c1e-9a7f-0b2d6e5c4a31',
  districtId: TEST_DISTRICT.id,
  facilityId: lift.id,
  location: near(100, 100),
  category: 'elevator',
  faultCode: 'out_of_service',
  severity: 3,
  permanence: 'temporary',
  expectedFixDate: '2026-06-30',
  description: '  The lift does not come when called.  ',
  measurements: [],
  photos: [{ mediaType: 'image/jpeg', byteLength: 120_000 }],
  ...overrides,
});

function errorsOf(input: unknown, validationContext = context()): FieldError[] {
  const result = validateNewReport(input, validationContext);
  return result.ok ? [] : result.errors;
}

const fieldsWithErrors = (input: unknown, validationContext = context()) => errorsOf(input, validationContext).map((problem) => problem.field);
const codeAt = (input: unknown, field: string, validationContext = context()) =>
  errorsOf(input, validationContext).find((problem) => problem.field === field)?.code;

describe('a valid report', () => {
  it('becomes a draft with the description trimmed and outOfService from the fault code', () => {
    const input = deepFreeze(validInput());
    const result = validateNewReport(input, context());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft.description).toBe((input.description as string).trim());
    expect(result.draft.outOfService).toBe(findFaultCode('elevator', 'out_of_service')?.outOfServiceByDefault);
    expect(result.draft.facilityId).toBe(lift.id);
    expect(result.draft.photos).toEqual(input.photos);
  });

  it('keeps an explicit outOfService over the default', () => {
    const result = validateNewReport(validInput({ outOfService: false }), context());
    expect(result.ok && result.draft.outOfService).toBe(false);
  });

  it('rounds the location to 7 decimals (about 1 cm)', () => {
    const result = validateNewReport(validInput({ location: [121.470000049, 31.230000051] }), context());
    expect(result.ok && result.draft.location).toEqual([121.47, 31.2300001]);
  });

  it('takes the facility\'s position when no location is given', () => {
    const result = validateNewReport(validInput({ location: undefined }), context());
    expect(result.ok && result.draft.location).toEqual(facilityAnchor(lift));
  });

  it('accepts a report at a point, without a facility, and without optional fields', () => {
    const pointReport = validInput({ category: 'path', faultCode: 'construction', location: near(0, 0) });
    for (const optional of ['facilityId', 'expectedFixDate', 'measurements', 'photos']) delete pointReport[optional];
    const result = validateNewReport(pointReport, context());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft).toMatchObject({ facilityId: null, expectedFixDate: null, measurements: [], photos: [] });
  });
});

describe('refusing bad input, naming the field', () => {
  it('a body that is not an object is refused as a whole', () => {
    for (const body of [null, [], 'report', 42]) expect(fieldsWithErrors(body)).toEqual(['']);
  });

  it('unknown fields are refused by name, with "/" and "~" escaped in the pointer', () => {
    const errors = errorsOf(validInput({ reporterId: 'me', 'a/b~c': 1 }));
    expect(errors.filter((problem) => problem.code === 'unknown_field').map((problem) => problem.field).sort()).toEqual(['/a~1b~0c', '/reporterId']);
    expect(errors.find((problem) => problem.field === '/reporterId')?.message.en).toContain('"reporterId"');
  });

  it('every problem is reported at once, so the error summary can list them all', () => {
    const fields = fieldsWithErrors(validInput({ category: undefined, severity: 7, description: ' ', permanence: 'sometimes' }));
    expect(fields).toEqual(expect.arrayContaining(['/category', '/severity', '/description', '/permanence']));
  });

  it('a missing category asks to select one; an unknown one asks to pick from the list', () => {
    expect(errorsOf(validInput({ category: undefined }))[0]?.message.en).toBe('Select what the fault is about');
    expect(codeAt(validInput({ category: 'bridge' }), '/category')).toBe('not_allowed_value');
  });

  it('a fault code from another category is refused', () => {
    expect(codeAt(validInput({ category: 'toilet', faultCode: 'out_of_service', facilityId: toilet.id }), '/faultCode')).toBe('not_in_category');
  });

  it('severity is a whole number from 1 to 3', () => {
    for (const severity of [0, 4, 2.5, '2']) expect(codeAt(validInput({ severity }), '/severity')).toBe('not_allowed_value');
    for (const severity of [1, 2, 3]) expect(validateNewReport(validInput({ severity }), context()).ok).toBe(true);
  });

  it('permanence is temporary or permanent', () => {
    expect(codeAt(validInput({ permanence: 'forever' }), '/permanence')).toBe('not_allowed_value');
    expect(validateNewReport(validInput({ permanence: 'permanent' }), context()).ok).toBe(true);
  });
});

describe('expected fix date', () => {
  it('must be a real date: 30 February is not', () => {
    expect(codeAt(validInput({ expectedFixDate: '2026-02-30' }), '/expectedFixDate')).toBe('invalid_date');
    expect(codeAt(validInput({ expectedFixDate: '30/06/2026' }), '/expectedFixDate')).toBe('invalid_date');
  });

  it('must be today or later, today counted in the district: at 00:30 in Shanghai the 14th is already yesterday', () => {
    // context().now is 2026-05-14T16:30Z: 15 May in Shanghai, still 14 May in Paris.
    expect(codeAt(validInput({ expectedFixDate: '2026-05-14' }), '/expectedFixDate')).toBe('in_past');
    expect(errorsOf(validInput({ expectedFixDate: '2026-05-14' }))[0]?.message.en).toBe('Expected fix date must be today or later');
    expect(validateNewReport(validInput({ expectedFixDate: '2026-05-15' }), context()).ok).toBe(true);
    expect(validateNewReport(validInput({ expectedFixDate: '2026-05-14' }), context({ timeZone: 'Europe/Paris' })).ok).toBe(true);
  });

  it('is allowed for permanent faults too, and may be left out', () => {
    expect(validateNewReport(validInput({ permanence: 'permanent', expectedFixDate: '2027-01-01' }), context()).ok).toBe(true);
    expect(validateNewReport(validInput({ expectedFixDate: null }), context()).ok).toBe(true);
  });
});

describe('description', () => {
  it('is required once trimmed', () => {
    expect(errorsOf(validInput({ description: ' \n\t ' }))[0]).toMatchObject({ field: '/description', code: 'required' });
  });

  it(`counts characters, not bytes: ${MAX_DESCRIPTION_LENGTH} Chinese characters pass, one more does not`, () => {
    expect(validateNewReport(validInput({ description: '梯'.repeat(MAX_DESCRIPTION_LENGTH) }), context()).ok).toBe(true);
    const tooLong = errorsOf(validInput({ description: '梯'.repeat(MAX_DESCRIPTION_LENGTH + 1) }));
    expect(tooLong[0]).toMatchObject({ field: '/description', code: 'too_long' });
    expect(tooLong[0]?.message.en).toContain(String(MAX_DESCRIPTION_LENGTH + 1));
    // An emoji outside the Basic Multilingual Plane is two UTF-16 units but one character.
    expect(validateNewReport(validInput({ description: '🚧'.repeat(MAX_DESCRIPTION_LENGTH) }), context()).ok).toBe(true);
  });

  it('refuses control characters but keeps line breaks', () => {
    expect(codeAt(validInput({ description: 'bad\u0000byte' }), '/description')).toBe('control_characters');
    expect(validateNewReport(validInput({ description: 'line one\nline two' }), context()).ok).toBe(true);
  });
});

describe('location and district', () => {
  it('must lie inside the district\'s bbox', () => {
    const outside = near(5000, 0);
    expect(bboxContains(TEST_DISTRICT.bbox, outside)).toBe(false);
    expect(codeAt(validInput({ location: outside, facilityId: null }), '/location')).toBe('outside_district');
  });

  it('is [longitude, latitude] of finite numbers', () => {
    for (const location of [[121.47], [121.47, '31.23'], { lng: 121.47, lat: 31.23 }, [200, 31.23]]) {
      expect(codeAt(validInput({ location }), '/location')).toBe('invalid_location');
    }
  });

  it('is required for a report at a point', () => {
    expect(codeAt(validInput({ facilityId: null, location: undefined }), '/location')).toBe('required');
  });

  it('names a district the map offers', () => {
    expect(codeAt(validInput({ districtId: 'atlantis' }), '/districtId')).toBe('unknown_district');
  });
});

describe('facility', () => {
  it('must exist in the district', () => {
    expect(codeAt(validInput({ facilityId: 'lift-404' }), '/facilityId')).toBe('unknown_facility');
  });

  it('a toilet report on an elevator is refused, with that one error and none about the location it implies', () => {
    const input = validInput({ category: 'toilet', faultCode: 'locked_or_closed', location: undefined });
    expect(errorsOf(input).map((problem) => [problem.field, problem.code])).toEqual([['/facilityId', 'facility_category_mismatch']]);
  });

  it('path and crossing reports are made at a point, not on a facility', () => {
    expect(codeAt(validInput({ category: 'path', faultCode: 'obstacle' }), '/facilityId')).toBe('facility_not_allowed');
  });

  it('a missing kerb ramp cannot be reported on an existing kerb ramp', () => {
    const errors = errorsOf(validInput({ category: 'kerb_ramp', faultCode: 'missing', facilityId: kerbRamp.id }));
    expect(errors[0]).toMatchObject({ field: '/facilityId', code: 'facility_not_allowed' });
    expect(errors[0]?.message.en).toContain(findFaultCode('information', 'facility_does_not_exist')?.label.en);
    expect(validateNewReport(validInput({ category: 'kerb_ramp', faultCode: 'missing', facilityId: null }), context()).ok).toBe(true);
  });

  it('"the facility does not exist" needs the facility it is about', () => {
    expect(codeAt(validInput({ category: 'information', faultCode: 'facility_does_not_exist', facilityId: null }), '/facilityId')).toBe('required');
    expect(validateNewReport(validInput({ category: 'information', faultCode: 'facility_does_not_exist' }), context()).ok).toBe(true);
  });
});

describe('measurements', () => {
  const kerbRampInput = (measurements: unknown) => validInput({ category: 'kerb_ramp', faultCode: 'too_steep', facilityId: kerbRamp.id, measurements });

  it('accepts each kind the category allows, in its unit', () => {
    const measurements = measurementKindsOf('kerb_ramp').map((kind) => ({ name: kind.name, value: kind.example, unit: kind.unit }));
    const result = validateNewReport(kerbRampInput(measurements), context());
    expect(result.ok && result.draft.measurements).toEqual(measurements);
  });

  it('refuses a kind the category does not take, and says which it does', () => {
    const errors = errorsOf(kerbRampInput([{ name: 'cabin_width', value: 1, unit: 'm' }]));
    expect(errors[0]).toMatchObject({ field: '/measurements/0/name', code: 'not_allowed_value' });
    for (const kind of measurementKindsOf('kerb_ramp')) expect(errors[0]?.message.en).toContain(kind.label.en);
  });

  it('refuses any measurement on a category without measurements', () => {
    expect(measurementKindsOf('tactile_paving')).toHaveLength(0);
    const input = validInput({ category: 'tactile_paving', faultCode: 'interrupted', facilityId: null, measurements: [{ name: 'slope', value: 1, unit: '%' }] });
    expect(codeAt(input, '/measurements/0/name')).toBe('not_allowed_value');
  });

  it('refuses a kind given twice, a value that is not a number, a wrong unit and a negative value', () => {
    expect(codeAt(kerbRampInput([{ name: 'slope', value: 5, unit: '%' }, { name: 'slope', value: 6, unit: '%' }]), '/measurements/1/name')).toBe('duplicate');
    expect(codeAt(kerbRampInput([{ name: 'slope', value: '5', unit: '%' }]), '/measurements/0/value')).toBe('not_a_number');
    expect(codeAt(kerbRampInput([{ name: 'kerb_lip_height', value: 2, unit: 'cm' }]), '/measurements/0/unit')).toBe('wrong_unit');
    expect(codeAt(kerbRampInput([{ name: 'kerb_lip_height', value: -1, unit: 'mm' }]), '/measurements/0/value')).toBe('out_of_range');
  });

  it('a flush kerb (lip 0 mm) is a measurement, a width of 0 m is not', () => {
    expect(validateNewReport(kerbRampInput([{ name: 'kerb_lip_height', value: 0, unit: 'mm' }]), context()).ok).toBe(true);
    expect(codeAt(kerbRampInput([{ name: 'clear_width', value: 0, unit: 'm' }]), '/measurements/0/value')).toBe('out_of_range');
  });

  it('refuses unknown fields inside a measurement', () => {
    expect(codeAt(kerbRampInput([{ name: 'slope', value: 5, unit: '%', accuracy: 0.1 }]), '/measurements/0/accuracy')).toBe('unknown_field');
  });
});

describe('photos (metadata; the server checks the bytes)', () => {
  const photo = (overrides: Record<string, unknown> = {}) => ({ mediaType: 'image/png', byteLength: 1000, ...overrides });

  it(`at most ${MAX_PHOTOS_PER_REPORT}`, () => {
    expect(validateNewReport(validInput({ photos: Array.from({ length: MAX_PHOTOS_PER_REPORT }, () => photo()) }), context()).ok).toBe(true);
    expect(codeAt(validInput({ photos: Array.from({ length: MAX_PHOTOS_PER_REPORT + 1 }, () => photo()) }), '/photos')).toBe('too_many');
  });

  it('only the allowed media types', () => {
    for (const mediaType of PHOTO_MEDIA_TYPES) expect(validateNewReport(validInput({ photos: [photo({ mediaType })] }), context()).ok).toBe(true);
    for (const mediaType of ['image/gif', 'image/heic', 'application/pdf']) {
      expect(codeAt(validInput({ photos: [photo({ mediaType })] }), '/photos/0/mediaType')).toBe('wrong_media_type');
    }
  });

  it(`exactly ${MAX_PHOTO_BYTES} bytes is allowed, one more is too large, and an empty file is refused`, () => {
    expect(validateNewReport(validInput({ photos: [photo({ byteLength: MAX_PHOTO_BYTES })] }), context()).ok).toBe(true);
    expect(codeAt(validInput({ photos: [photo({ byteLength: MAX_PHOTO_BYTES + 1 })] }), '/photos/0/byteLength')).toBe('too_large');
    expect(codeAt(validInput({ photos: [photo({ byteLength: 0 })] }), '/photos/0/byteLength')).toBe('empty');
  });
});

describe('idempotency key', () => {
  it('a UUID or 16 to 64 URL-safe characters', () => {
    for (const key of ['3f1c2a9e-8d4b-4c1e-9a7f-0b2d6e5c4a31', 'a'.repeat(16), 'A_b-'.repeat(16)]) {
      expect(validateNewReport(validInput({ idempotencyKey: key }), context()).ok).toBe(true);
    }
    for (const key of ['a'.repeat(15), 'a'.repeat(65), 'has spaces in it ok?', '密钥'.repeat(10)]) {
      expect(codeAt(validInput({ idempotencyKey: key }), '/idempotencyKey')).toBe('invalid_format');
    }
    expect(codeAt(validInput({ idempotencyKey: undefined }), '/idempotencyKey')).toBe('required');
  });
});

describe('messages', () => {
  it('every error carries a Chinese and an English message, and every field it names is a report field', () => {
    const errors = [
      ...errorsOf({ ...validInput({ category: 'nope', severity: 0, permanence: 1, expectedFixDate: 'soon', description: 5, location: 'here' }), extra: true }),
      ...errorsOf(validInput({ category: 'kerb_ramp', faultCode: 'too_steep', facilityId: lift.id, measurements: [{ name: 'slope', value: -1, unit: 'deg' }], photos: [{ mediaType: 'x', byteLength: -5 }] })),
    ];
    expect(errors.length).toBeGreaterThan(8);
    for (const problem of errors) {
      expect(problem.message.zh).toMatch(/\p{Script=Han}/u);
      expect(problem.message.en.length).toBeGreaterThan(5);
      const topField = problem.field.split('/')[1] ?? '';
      if (problem.code !== 'unknown_field') expect(NEW_REPORT_FIELDS).toContain(topField);
    }
  });

  it('validation does not change its input', () => {
    const input = deepFreeze(validInput({ measurements: [], location: [...ORIGIN] }));
    expect(() => validateNewReport(input, context())).not.toThrow();
  });
});
