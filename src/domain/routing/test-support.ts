// Small hand-built networks for the routing tests: edges drawn in metres east and north of a point
// in Shanghai, with every property unknown unless a test sets it. Only tests import this file.
import type { ElevatorFacility, Facility, LngLat, NetworkEdge, NetworkKind, RampFacility } from '../facilities/model.ts';
import { createLocalProjection, type LocalPoint } from '../sample/local-projection.ts';

export const TEST_ORIGIN: LngLat = [121.47, 31.23];
const projection = createLocalProjection(TEST_ORIGIN);

/** [longitude, latitude] of a point given in metres east and north of TEST_ORIGIN. */
export function at(east: number, north: number): LngLat {
  return projection.toLngLat({ x: east, y: north });
}

export function localOf(position: LngLat): LocalPoint {
  return projection.toLocal(position);
}

/** A network edge through the given points (metres), with the given properties and everything else unknown. */
export function edge(id: string, kind: NetworkKind, points: readonly (readonly [number, number])[], properties: Partial<NetworkEdge> = {}): NetworkEdge {
  return {
    id, kind, nameZh: null, nameEn: null, inclinePercent: null, widthMeters: null, surface: null, kerbStart: null, kerbEnd: null,
    kerbStartHeightMillimeters: null, kerbEndHeightMillimeters: null, tactilePaving: null, crossing: null, crossingSound: null,
    stepCount: null, handrail: null, facilityId: null,
    geometry: { type: 'LineString', coordinates: points.map(([east, north]) => at(east, north)) },
    ...properties,
  };
}

/** A level, wide, smooth sidewalk with tactile paving: nothing about it is unknown. */
export function fineSidewalk(id: string, points: readonly (readonly [number, number])[], properties: Partial<NetworkEdge> = {}): NetworkEdge {
  return edge(id, 'sidewalk', points, { inclinePercent: 0, widthMeters: 2.5, surface: 'paving_stones', tactilePaving: true, ...properties });
}

export function elevator(id: string, position: readonly [number, number], status: Facility['status']): ElevatorFacility {
  return {
    id, category: 'elevator', nameZh: null, nameEn: null, addressZh: null, addressEn: null, status, statusNote: null, lastVerified: null,
    source: 'test', elevatorType: 'elevator', cabinWidthMeters: 1.1, cabinDepthMeters: 1.4, doorWidthMeters: 0.9, braille: null, voice: null,
    connectsZh: null, connectsEn: null, location: { type: 'Point', coordinates: at(position[0], position[1]) },
  };
}

export function kerbRamp(id: string, position: readonly [number, number], status: Facility['status'], slopePercent: number | null): RampFacility {
  return {
    id, category: 'ramp', nameZh: null, nameEn: null, addressZh: null, addressEn: null, status, statusNote: null, lastVerified: null,
    source: 'test', rampType: 'kerb_ramp', kerbRampForm: 'three_sided', slopePercent, clearWidthMeters: 1.5, kerbLipMillimeters: 0,
    handrail: null, location: { type: 'Point', coordinates: at(position[0], position[1]) },
  };
}

/** A small deterministic source of numbers in [0, 1) for picking test points (Park–Miller). */
export function testRandom(seed: number): () => number {
  let state = seed % 2147483647;
  if (state <= 0) state += 2147483646;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}
