import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Facility } from '../../domain/facilities/model.ts';
import { parseFacilityLayer } from '../../domain/facilities/parse.ts';
import {
  MAX_PHOTOS_PER_REPORT, REPORT_CATEGORIES, faultCodesOf, measurementKindsOf, reportCategoriesForFacility, validateNewReport,
} from '../../domain/reports/index.ts';
import {
  descriptionLength, draftStorageKey, newDraft, offeredFaults, parseStoredDraft, questionOf, serialiseDraft, shownOutOfService, validationInput,
  type ReportFormDraft,
} from './draft.ts';

const sampleFolder = resolve(import.meta.dirname, '..', '..', '..', 'data', 'sample');
const manifest = JSON.parse(readFileSync(join(sampleFolder, 'district.json'), 'utf8')) as { id: string; bbox: [number, number, number, number] };
const toilets = parseFacilityLayer('toilet', 'toilets.geojson', JSON.parse(readFileSync(join(sampleFolder, 'toilets.geojson'), 'utf8'))).items;
const ramps = parseFacilityLayer('ramp', 'ramps.geojson', JSON.parse(readFileSync(join(sampleFolder, 'ramps.geojson'), 'utf8'))).items;
const toilet = toilets[0] as Facility;
const kerbRamp = ramps.find((facility) => facility.category === 'ramp' && facility.rampType === 'kerb_ramp') as Facility;

const context = {
  now: new Date('2026-03-01T04:00:00Z'),
  districts: [{ id: manifest.id, bbox: manifest.bbox }],
  findFacility: (districtId: string, facilityId: string) => (districtId === manifest.id ? [...toilets, ...ramps].find((facility) => facility.id === facilityId) ?? null : null),
};
const KEY = '0b1e4a7c-2f3d-4e5a-8b6c-7d8e9f0a1b2c';
const toiletTarget = { kind: 'facility', facilityId: toilet.id } as const;
const keyMaker = () => 'fresh-key-made-for-this-draft';

function completeToiletDraft(): ReportFormDraft {
  const fault = faultCodesOf('toilet')[0];
  return {
    ...newDraft(manifest.id, toiletTarget, KEY),
    category: 'toilet', faultCode: fault?.id ?? null, severity: 3, permanence: 'temporary', description: '  门上了锁，管理员不在  ',
  };
}

describe('the stored draft', () => {
  it('comes back as it was saved', () => {
    const draft: ReportFormDraft = { ...completeToiletDraft(), expectedFixDate: '2026-06-30', outOfService: false, measurements: { door_width: '0.75' }, savedAt: '2026-03-01T04:00:00.000Z' };
    expect(parseStoredDraft(serialiseDraft(draft), { districtId: manifest.id, target: toiletTarget }, keyMaker)).toEqual(draft);
  });

  it('belongs to one district and one facility (or the district\'s point): another\'s is not this one', () => {
    const stored = serialiseDraft(completeToiletDraft());
    expect(parseStoredDraft(stored, { districtId: 'elsewhere', target: toiletTarget }, keyMaker)).toBeNull();
    expect(parseStoredDraft(stored, { districtId: manifest.id, target: { kind: 'facility', facilityId: 'another' } }, keyMaker)).toBeNull();
    expect(parseStoredDraft(stored, { districtId: manifest.id, target: { kind: 'point' } }, keyMaker)).toBeNull();
    expect(draftStorageKey(manifest.id, toiletTarget)).not.toBe(draftStorageKey(manifest.id, { kind: 'point' }));
  });

  it('is absent when storage holds nothing, or something that is not JSON, or not an object', () => {
    for (const stored of [null, '', '{', 'null', '[]', '42']) {
      expect(parseStoredDraft(stored, { districtId: manifest.id, target: toiletTarget }, keyMaker), String(stored)).toBeNull();
    }
  });

  it('drops each malformed value and keeps the rest: nothing stored can become a choice the reporter did not make', () => {
    const good = completeToiletDraft();
    const tampered = {
      ...good, severity: 4, permanence: 'forever', expectedFixDate: '2026-02-30', outOfService: 'yes', description: 42,
      measurements: { door_width: '0.8', slope: '12', turning_space: 1.5 },
      photos: [
        { id: 'good1', mediaType: 'image/jpeg', byteLength: 1000, width: 10, height: 10 },
        { id: 'gif', mediaType: 'image/gif', byteLength: 1000, width: 10, height: 10 },
        { id: 'huge', mediaType: 'image/jpeg', byteLength: 6 * 1024 * 1024, width: 10, height: 10 },
        { id: 'good1', mediaType: 'image/jpeg', byteLength: 5, width: 1, height: 1 },
        { id: 'good2', mediaType: 'image/png', byteLength: 1, width: 1, height: 1 },
        { id: 'good3', mediaType: 'image/webp', byteLength: 1, width: 1, height: 1 },
        { id: 'good4', mediaType: 'image/webp', byteLength: 1, width: 1, height: 1 },
      ],
    };
    const parsed = parseStoredDraft(JSON.stringify(tampered), { districtId: manifest.id, target: toiletTarget }, keyMaker);
    expect(parsed).not.toBeNull();
    expect(parsed?.severity).toBeNull();
    expect(parsed?.permanence).toBeNull();
    expect(parsed?.expectedFixDate).toBe('');
    expect(parsed?.outOfService).toBeNull();
    expect(parsed?.description).toBe('');
    // Toilets take door width and turning space; slope is not theirs, and a number is not typed text.
    const toiletKinds = measurementKindsOf('toilet').map((kind) => kind.name);
    expect(Object.keys(parsed?.measurements ?? {}).every((name) => toiletKinds.includes(name))).toBe(true);
    expect(parsed?.measurements).toEqual({ door_width: '0.8' });
    const keptIds = parsed?.photos.map((photo) => photo.id) ?? [];
    expect(keptIds).not.toContain('gif');
    expect(keptIds).not.toContain('huge');
    expect(new Set(keptIds).size).toBe(keptIds.length);
    expect(keptIds.length).toBeLessThanOrEqual(MAX_PHOTOS_PER_REPORT);
    // What was well formed survives.
    expect(parsed?.category).toBe(good.category);
    expect(parsed?.faultCode).toBe(good.faultCode);
    expect(parsed?.idempotencyKey).toBe(KEY);
  });

  it('forgets a fault that is not in the stored category, and a category that is not one', () => {
    const elevatorFault = faultCodesOf('elevator').find((code) => !faultCodesOf('toilet').some((other) => other.id === code.id));
    const mixed = parseStoredDraft(JSON.stringify({ ...completeToiletDraft(), faultCode: elevatorFault?.id }), { districtId: manifest.id, target: toiletTarget }, keyMaker);
    expect(mixed?.category).toBe('toilet');
    expect(mixed?.faultCode).toBeNull();
    const unknown = parseStoredDraft(JSON.stringify({ ...completeToiletDraft(), category: 'benches' }), { districtId: manifest.id, target: toiletTarget }, keyMaker);
    expect(unknown?.category).toBeNull();
    expect(unknown?.faultCode).toBeNull();
  });

  it('replaces a malformed idempotency key with a new one (a key that malformed was never sent)', () => {
    for (const key of [undefined, '', 'short', 'has spaces in it but is long', 'x'.repeat(65)]) {
      const parsed = parseStoredDraft(JSON.stringify({ ...completeToiletDraft(), idempotencyKey: key }), { districtId: manifest.id, target: toiletTarget }, keyMaker);
      expect(parsed?.idempotencyKey, String(key)).toBe(keyMaker());
    }
  });

  it('keeps a point\'s position only when it is a longitude and latitude on Earth', () => {
    const point = { kind: 'point' } as const;
    const base = { ...newDraft(manifest.id, point, KEY), locationLabel: 'the map centre' };
    const kept = parseStoredDraft(JSON.stringify({ ...base, location: [121.47, 31.23] }), { districtId: manifest.id, target: point }, keyMaker);
    expect(kept?.location).toEqual([121.47, 31.23]);
    expect(kept?.locationLabel).toBe('the map centre');
    for (const location of [[200, 31], [121, 95], ['121', '31'], [121], null]) {
      const parsed = parseStoredDraft(JSON.stringify({ ...base, location }), { districtId: manifest.id, target: point }, keyMaker);
      expect(parsed?.location, JSON.stringify(location)).toBeNull();
      expect(parsed?.locationLabel).toBe('');
    }
  });
});

describe('the draft as the reports core sees it', () => {
  it('a new draft submitted untouched gets the core\'s "required" error for every question left unanswered', () => {
    const input = validationInput(newDraft(manifest.id, toiletTarget, KEY));
    const validation = validateNewReport(input.body, context);
    expect(validation.ok).toBe(false);
    const required = validation.ok ? [] : validation.errors.filter((error) => error.code === 'required').map((error) => error.field);
    expect(required.sort()).toEqual(['/category', '/description', '/faultCode', '/permanence', '/severity']);
  });

  it('a complete draft is accepted, trimmed, with the facility\'s own position', () => {
    const validation = validateNewReport(validationInput(completeToiletDraft()).body, context);
    expect(validation.ok).toBe(true);
    if (!validation.ok) return;
    expect(validation.draft.description).toBe(completeToiletDraft().description.trim());
    expect(validation.draft.facilityId).toBe(toilet.id);
    expect(validation.draft.location).toEqual(toilet.location.type === 'Point' ? toilet.location.coordinates : validation.draft.location);
    expect(validation.draft.idempotencyKey).toBe(KEY);
  });

  it('sends a measurement typed as words to the core as typed, and the error lands on that measurement\'s field', () => {
    const kinds = measurementKindsOf('kerb_ramp');
    const [first, second] = kinds;
    if (!first || !second) throw new Error('kerb ramps take at least two measurements');
    const draft: ReportFormDraft = {
      ...newDraft(manifest.id, { kind: 'facility', facilityId: kerbRamp.id }, KEY),
      category: 'kerb_ramp', measurements: { [first.name]: '', [second.name]: 'about two' },
    };
    const input = validationInput(draft);
    // The empty one is left out, so the typed one is measurement 0.
    expect(input.measurementNames).toEqual([second.name]);
    const validation = validateNewReport(input.body, context);
    const valueError = validation.ok ? undefined : validation.errors.find((error) => error.field.startsWith('/measurements/'));
    expect(valueError?.field).toBe('/measurements/0/value');
    expect(questionOf(valueError?.field ?? '', input.measurementNames)).toBe(`measurement:${second.name}`);
  });

  it('a typed decimal is a number to the core', () => {
    const kind = measurementKindsOf('kerb_ramp')[0];
    if (!kind) throw new Error('kerb ramps take measurements');
    for (const [typed, value] of [['8.3', 8.3], [' 12 ', 12], ['.5', 0.5], ['0', 0]] as const) {
      const body = validationInput({ ...newDraft(manifest.id, { kind: 'point' }, KEY), category: 'kerb_ramp', measurements: { [kind.name]: typed } }).body;
      expect((body.measurements as { value: unknown }[])[0]?.value, typed).toBe(value);
    }
  });

  it('a point\'s position typed but not understood goes to the core as typed, which says what a position is', () => {
    const draft = { ...newDraft(manifest.id, { kind: 'point' }, KEY), locationText: 'near the gate' };
    const validation = validateNewReport(validationInput(draft).body, context);
    const locationError = validation.ok ? undefined : validation.errors.find((error) => error.field === '/location');
    expect(locationError?.code).toBe('invalid_location');
    const empty = validateNewReport(validationInput(newDraft(manifest.id, { kind: 'point' }, KEY)).body, context);
    expect(empty.ok ? undefined : empty.errors.find((error) => error.field === '/location')?.code).toBe('required');
  });

  it('a facility that does not fit the category is corrected at the category question', () => {
    expect(questionOf('/facilityId', [])).toBe('category');
    expect(questionOf('/districtId', [])).toBeNull();
    expect(questionOf('', [])).toBeNull();
    expect(questionOf('/measurements/3/value', ['slope'])).toBeNull();
    expect(questionOf('/photos/1/byteLength', [])).toBe('photos');
  });
});

describe('what the form offers', () => {
  it('a facility\'s report never offers "there is none here", and a point\'s never a fault that needs a facility', () => {
    for (const category of REPORT_CATEGORIES) {
      const atFacility = offeredFaults(category, toiletTarget);
      const atPoint = offeredFaults(category, { kind: 'point' });
      expect(atFacility.every((code) => code.facility !== 'none'), category).toBe(true);
      expect(atPoint.every((code) => code.facility !== 'required'), category).toBe(true);
      // Between them every fault of the table is offered somewhere.
      const offered = new Set([...atFacility, ...atPoint].map((code) => code.id));
      expect(faultCodesOf(category).every((code) => offered.has(code.id)), category).toBe(true);
    }
  });

  it('the out-of-service box follows the fault\'s default until the reporter answers', () => {
    const unusable = faultCodesOf('toilet').find((code) => code.outOfServiceByDefault);
    const usable = faultCodesOf('toilet').find((code) => !code.outOfServiceByDefault);
    const base = newDraft(manifest.id, toiletTarget, KEY, 'toilet');
    expect(shownOutOfService({ ...base, faultCode: unusable?.id ?? null })).toBe(true);
    expect(shownOutOfService({ ...base, faultCode: usable?.id ?? null })).toBe(false);
    expect(shownOutOfService({ ...base, faultCode: unusable?.id ?? null, outOfService: false })).toBe(false);
    expect(shownOutOfService(base)).toBe(false);
    expect(validationInput({ ...base, faultCode: unusable?.id ?? null }).body.outOfService).toBe(true);
  });

  it('a toilet is offered the categories the core says fit it', () => {
    expect(reportCategoriesForFacility(toilet)).toContain('toilet');
    expect(reportCategoriesForFacility(toilet)).not.toContain('kerb_ramp');
  });

  it('counts a description as the core does: code points, once trimmed', () => {
    expect(descriptionLength('  坡道  ')).toBe(2);
    // One emoji outside the Basic Multilingual Plane is one character, not two UTF-16 units.
    expect(descriptionLength('♿🚻')).toBe(2);
  });
});
