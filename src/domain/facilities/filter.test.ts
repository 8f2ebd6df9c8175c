import { describe, it, expect } from 'vitest';
import type { Facility, LngLat, ToiletFacility, TactilePavingFacility } from './model.ts';
import { filterFacilities, placeFacilities, facilitiesInBounds, countByCategory, matchesText } from './filter.ts';

const origin: LngLat = [121.47, 31.23];

function toilet(id: string, position: LngLat, overrides: Partial<ToiletFacility> = {}): ToiletFacility {
  return {
    id, category: 'toilet', nameZh: null, nameEn: null, addressZh: null, addressEn: null, status: 'working', statusNote: null,
    lastVerified: null, source: 'test', doorWidthMeters: null, turningSpaceMeters: null, grabBars: null, emergencyCall: null,
    access: null, openingHours: null, changingTable: null, location: { type: 'Point', coordinates: position }, ...overrides,
  };
}

function paving(id: string, line: LngLat[]): TactilePavingFacility {
  return {
    id, category: 'tactile_paving', nameZh: null, nameEn: null, addressZh: null, addressEn: null, status: 'unknown', statusNote: null,
    lastVerified: null, source: 'test', tactileType: 'guiding', continuity: null, location: { type: 'LineString', coordinates: line },
  };
}

// 0.001 degree of latitude is about 111 m.
const north111m: LngLat = [121.47, 31.231];
const north222m: LngLat = [121.47, 31.232];

describe('filterFacilities', () => {
  const facilities: Facility[] = [
    toilet('a', north111m, { nameZh: '人民公园无障碍卫生间', nameEn: 'Accessible toilet, People’s Park' }),
    toilet('b', north222m, { status: 'out_of_service' }),
    paving('c', [origin, north111m]),
  ];

  it('keeps only the chosen categories and statuses', () => {
    expect(filterFacilities(facilities, { categories: ['toilet'], statuses: ['working', 'out_of_service', 'unknown'], text: '' }).map((f) => f.id)).toEqual(['a', 'b']);
    expect(filterFacilities(facilities, { categories: ['toilet', 'tactile_paving'], statuses: ['unknown'], text: '' }).map((f) => f.id)).toEqual(['c']);
  });

  it('matches every typed word in Chinese or English names, case-insensitively', () => {
    expect(matchesText(facilities[0] as Facility, '人民公园')).toBe(true);
    expect(matchesText(facilities[0] as Facility, 'PARK toilet')).toBe(true);
    expect(matchesText(facilities[0] as Facility, 'park elevator')).toBe(false);
  });

  it('does not change its input', () => {
    const before = JSON.stringify(facilities);
    filterFacilities(facilities, { categories: [], statuses: [], text: 'x' });
    expect(JSON.stringify(facilities)).toBe(before);
  });
});

describe('placeFacilities', () => {
  it('orders nearest first and gives the direction towards each', () => {
    const placed = placeFacilities([toilet('far', north222m), toilet('near', north111m)], origin);
    expect(placed.map((entry) => entry.facility.id)).toEqual(['near', 'far']);
    expect(placed[0]?.distanceMeters).toBeGreaterThan(105);
    expect(placed[0]?.distanceMeters).toBeLessThan(117);
    expect(placed[0]?.bearingDegrees).toBeCloseTo(0, 3);
  });

  it('measures a line to its nearest point, not its middle', () => {
    const placed = placeFacilities([paving('line', [[121.471, 31.23], [121.471, 31.24]])], [121.47, 31.235]);
    // 0.001 degree of longitude at 31.235° N is about 95 m.
    expect(placed[0]?.distanceMeters).toBeGreaterThan(90);
    expect(placed[0]?.distanceMeters).toBeLessThan(100);
    expect(placed[0]?.bearingDegrees).toBeGreaterThan(85);
    expect(placed[0]?.bearingDegrees).toBeLessThan(95);
  });
});

describe('facilitiesInBounds and countByCategory', () => {
  it('finds points inside the box and lines touching it', () => {
    const facilities = [toilet('inside', [121.47, 31.23]), toilet('outside', [121.5, 31.23]), paving('crossing', [[121.46, 31.23], [121.475, 31.23]])];
    expect(facilitiesInBounds(facilities, [121.465, 31.22, 121.48, 31.24]).map((f) => f.id)).toEqual(['inside', 'crossing']);
    expect(countByCategory(facilities)).toEqual({ ramp: 0, toilet: 2, elevator: 0, tactile_paving: 1 });
  });
});
