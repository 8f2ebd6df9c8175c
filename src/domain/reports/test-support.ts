// Builders for the reports tests: facilities and reports with every field set to something
// plain, overridden per test. Only tests import this file.
import type { BoundingBox, ElevatorFacility, LngLat, RampFacility, TactilePavingFacility, ToiletFacility } from '../facilities/model.ts';
import { offsetLngLat } from '../geo/index.ts';
import type { Report } from './model.ts';
import type { Actor } from './permissions.ts';

/** A point in Shanghai's Huangpu district; test positions are given in metres from it. */
export const ORIGIN: LngLat = [121.47, 31.23];
/** A district of about 2 km by 2 km around ORIGIN. */
export const TEST_DISTRICT = { id: 'test-district', bbox: [121.46, 31.22, 121.48, 31.24] as BoundingBox };

export const near = (eastMeters: number, northMeters: number): LngLat => offsetLngLat(ORIGIN, eastMeters, northMeters);

const base = (id: string, position: LngLat) => ({
  id, nameZh: null, nameEn: null, addressZh: null, addressEn: null, status: 'working' as const, statusNote: null, lastVerified: null,
  source: 'test', location: { type: 'Point' as const, coordinates: position },
});

export function elevatorAt(id: string, position: LngLat, overrides: Partial<ElevatorFacility> = {}): ElevatorFacility {
  return {
    ...base(id, position), category: 'elevator', elevatorType: 'elevator', cabinWidthMeters: null, cabinDepthMeters: null, doorWidthMeters: null,
    braille: null, voice: null, connectsZh: null, connectsEn: null, ...overrides,
  };
}

export function toiletAt(id: string, position: LngLat, overrides: Partial<ToiletFacility> = {}): ToiletFacility {
  return {
    ...base(id, position), category: 'toilet', doorWidthMeters: null, turningSpaceMeters: null, grabBars: null, emergencyCall: null, access: null,
    openingHours: null, changingTable: null, ...overrides,
  };
}

export function rampAt(id: string, position: LngLat, overrides: Partial<RampFacility> = {}): RampFacility {
  return {
    ...base(id, position), category: 'ramp', rampType: 'kerb_ramp', kerbRampForm: null, slopePercent: null, clearWidthMeters: null,
    kerbLipMillimeters: null, handrail: null, ...overrides,
  };
}

export function tactileLine(id: string, positions: LngLat[], overrides: Partial<TactilePavingFacility> = {}): TactilePavingFacility {
  return {
    ...base(id, positions[0] ?? ORIGIN), category: 'tactile_paving', tactileType: 'guiding', continuity: null,
    location: { type: 'LineString', coordinates: positions }, ...overrides,
  };
}

/** A submitted elevator report by inspector-1 at ORIGIN, version 1. */
export function reportOf(overrides: Partial<Report> = {}): Report {
  return {
    id: 'report-1', districtId: TEST_DISTRICT.id, facilityId: null, location: ORIGIN, category: 'elevator', faultCode: 'out_of_service',
    severity: 3, permanence: 'temporary', expectedFixDate: null, description: 'The lift does not come.', measurements: [], photos: [],
    outOfService: true, status: 'submitted', reporterId: 'inspector-1', assignedUnitId: null, fixedById: null,
    createdAt: '2026-05-01T02:00:00.000Z', updatedAt: '2026-05-01T02:00:00.000Z', version: 1, ...overrides,
  };
}

export const resident: Actor = { id: null, role: 'resident', unitId: null };
export const inspector = (id = 'inspector-2'): Actor => ({ id, role: 'inspector', unitId: null });
export const reviewer = (id = 'reviewer-1'): Actor => ({ id, role: 'reviewer', unitId: null });
export const unitMember = (unitId = 'unit-metro', id = 'unit-user-1'): Actor => ({ id, role: 'responsible_unit', unitId });
export const admin = (id = 'admin-1'): Actor => ({ id, role: 'admin', unitId: null });

/** Freezes a value and everything inside it, so a test sees any attempt to mutate it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
