import { describe, it, expect } from 'vitest';
import type { LngLat, TactilePavingFacility } from '../facilities/model.ts';
import { distanceMeters, bearingDegrees, compassPoint, clockDirection, spokenDistance, nearestPointOnLine, lineMidpoint, offsetLngLat, boundingBoxOf, bboxContains, facilityAnchor, distanceToFacilityMeters, insidePolygon, insideRing } from './index.ts';

const peoplesSquare: LngLat = [121.4737, 31.2304];

describe('distanceMeters', () => {
  it('1 degree of latitude is about 111 km', () => {
    expect(distanceMeters([121, 31], [121, 32])).toBeCloseTo(111_195, -1);
  });
  it('1 degree of longitude at 31° N is about 95 km (cos 31° of a degree of latitude)', () => {
    expect(distanceMeters([121, 31], [122, 31]) / 1000).toBeCloseTo(111.195 * Math.cos((31 * Math.PI) / 180), 0);
  });
  it('is zero from a point to itself and symmetric', () => {
    expect(distanceMeters(peoplesSquare, peoplesSquare)).toBe(0);
    const other: LngLat = [121.48, 31.24];
    expect(distanceMeters(peoplesSquare, other)).toBeCloseTo(distanceMeters(other, peoplesSquare), 6);
  });
});

describe('bearing and compass', () => {
  it('due north is 0°, due east about 90°, due south 180°, due west about 270°', () => {
    expect(bearingDegrees([121, 31], [121, 31.01])).toBeCloseTo(0, 6);
    expect(bearingDegrees([121, 31], [121.01, 31])).toBeCloseTo(90, 1);
    expect(bearingDegrees([121, 31], [121, 30.99])).toBeCloseTo(180, 6);
    expect(bearingDegrees([121, 31], [120.99, 31])).toBeCloseTo(270, 1);
  });
  it('names the nearest of 8 points, with north wrapping round 360°', () => {
    expect([0, 22.4, 22.6, 90, 135, 180, 225, 270, 315, 337.4, 337.6, 359.9, -10].map(compassPoint))
      .toEqual(['N', 'N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW', 'NW', 'N', 'N', 'N']);
  });
  it('a point to the right of someone facing east is at 3 o\'clock', () => {
    expect(clockDirection(180, 90)).toBe(3);
    expect(clockDirection(90, 90)).toBe(12);
    expect(clockDirection(0, 90)).toBe(9);
    expect(clockDirection(80, 90)).toBe(12);
  });
});

describe('spokenDistance', () => {
  it('says "close by" under 15 m', () => {
    expect(spokenDistance(0)).toEqual({ kind: 'close_by' });
    expect(spokenDistance(14.9)).toEqual({ kind: 'close_by' });
  });
  it('rounds to the nearest 5 m under 1 km', () => {
    expect(spokenDistance(15)).toEqual({ kind: 'meters', meters: 15 });
    expect(spokenDistance(83)).toEqual({ kind: 'meters', meters: 85 });
    expect(spokenDistance(992)).toEqual({ kind: 'meters', meters: 990 });
  });
  it('switches to kilometres with one decimal from 1 km', () => {
    expect(spokenDistance(998)).toEqual({ kind: 'kilometers', kilometers: 1 });
    expect(spokenDistance(1249)).toEqual({ kind: 'kilometers', kilometers: 1.2 });
  });
});

describe('lines and boxes', () => {
  const line: LngLat[] = [[121.47, 31.23], [121.48, 31.23]];
  it('finds the foot of the perpendicular inside a segment', () => {
    const nearest = nearestPointOnLine([121.475, 31.231], line);
    expect(nearest.point[0]).toBeCloseTo(121.475, 6);
    expect(nearest.point[1]).toBeCloseTo(31.23, 6);
    expect(nearest.distanceMeters).toBeCloseTo(111.2, 0);
  });
  it('clamps to the end of the line when the point lies beyond it', () => {
    expect(nearestPointOnLine([121.49, 31.23], line).point).toEqual([121.48, 31.23]);
  });
  it('the midpoint of an L-shaped line lies halfway along it, not between its ends', () => {
    const start: LngLat = [121.47, 31.23];
    const corner = offsetLngLat(start, 100, 0);
    const end = offsetLngLat(corner, 0, 100);
    const middle = lineMidpoint([start, corner, end]);
    expect(distanceMeters(middle, corner)).toBeLessThan(0.5);
  });
  it('offsets by metres that distanceMeters measures back', () => {
    expect(distanceMeters(peoplesSquare, offsetLngLat(peoplesSquare, 300, 400))).toBeCloseTo(500, 0);
  });
  it('boxes a set of points and tests containment on the edges', () => {
    const bbox = boundingBoxOf([[121.47, 31.24], [121.46, 31.23], [121.48, 31.235]]);
    expect(bbox).toEqual([121.46, 31.23, 121.48, 31.24]);
    expect(bboxContains(bbox, [121.46, 31.23])).toBe(true);
    expect(bboxContains(bbox, [121.481, 31.235])).toBe(false);
  });
});

describe('facilities as places', () => {
  const start: LngLat = [121.47, 31.23];
  const end = offsetLngLat(start, 200, 0);
  const paving: TactilePavingFacility = {
    id: 'p', category: 'tactile_paving', nameZh: null, nameEn: null, addressZh: null, addressEn: null, status: 'working', statusNote: null,
    lastVerified: null, source: 'test', tactileType: 'guiding', continuity: null, location: { type: 'LineString', coordinates: [start, end] },
  };
  it('a strip of tactile paving is anchored halfway along it', () => {
    expect(distanceMeters(facilityAnchor(paving), start)).toBeCloseTo(100, 0);
  });
  it('the distance to a strip is to its nearest point, not to its middle', () => {
    const besideStart = offsetLngLat(start, 0, 30);
    expect(distanceToFacilityMeters(besideStart, paving)).toBeCloseTo(30, 0);
  });
});

describe('insidePolygon', () => {
  const outer: LngLat[] = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
  const hole: LngLat[] = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]];
  it('puts a point of the ring inside and one beyond it outside', () => {
    expect(insidePolygon([2, 2], [outer])).toBe(true);
    expect(insidePolygon([12, 2], [outer])).toBe(false);
  });
  it('puts a point in a hole outside, and one between hole and ring inside', () => {
    expect(insidePolygon([5, 5], [outer, hole])).toBe(false);
    expect(insidePolygon([3, 5], [outer, hole])).toBe(true);
  });
  it('reads a ring whose first position is not repeated at the end the same way', () => {
    expect(insideRing([2, 2], outer.slice(0, 4))).toBe(true);
    expect(insideRing([11, 2], outer.slice(0, 4))).toBe(false);
  });
});
