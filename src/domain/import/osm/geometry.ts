// Small plane geometry for the import, in a local equirectangular projection: over a district of a
// few kilometres a degree of longitude is cos(latitude) times a degree of latitude, and the error
// of treating the area as flat is far below a metre.
import type { LngLat } from '../../facilities/model.ts';
import { insideRing } from '../../geo/index.ts';

/** Metres per degree of latitude (mean Earth radius 6 371 008.8 m, IUGG; 2πR / 360). */
export const METERS_PER_DEGREE_LATITUDE = (2 * Math.PI * 6_371_008.8) / 360;

export function metersPerDegreeLongitude(latitude: number): number {
  return METERS_PER_DEGREE_LATITUDE * Math.cos((latitude * Math.PI) / 180);
}

/** 7 decimals of a degree are about 1 cm (data/README.md, "Files and geometry"). */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

export function roundPosition([longitude, latitude]: LngLat): LngLat {
  return [roundCoordinate(longitude), roundCoordinate(latitude)];
}

export function samePosition(first: LngLat, second: LngLat): boolean {
  return first[0] === second[0] && first[1] === second[1];
}

export function distanceMeters([longitude1, latitude1]: LngLat, [longitude2, latitude2]: LngLat): number {
  const east = (longitude2 - longitude1) * metersPerDegreeLongitude((latitude1 + latitude2) / 2);
  const north = (latitude2 - latitude1) * METERS_PER_DEGREE_LATITUDE;
  return Math.hypot(east, north);
}

export function lineLengthMeters(line: readonly LngLat[]): number {
  let length = 0;
  for (let index = 1; index < line.length; index += 1) length += distanceMeters(line[index - 1] as LngLat, line[index] as LngLat);
  return length;
}

/** The unit vector from `from` towards `to` in metres east and north; [0, 0] for the same point. */
export function directionMeters(from: LngLat, to: LngLat): [east: number, north: number] {
  const east = (to[0] - from[0]) * metersPerDegreeLongitude((from[1] + to[1]) / 2);
  const north = (to[1] - from[1]) * METERS_PER_DEGREE_LATITUDE;
  const length = Math.hypot(east, north);
  return length === 0 ? [0, 0] : [east / length, north / length];
}

/** The position `east` and `north` metres away. */
export function offsetPosition([longitude, latitude]: LngLat, east: number, north: number): LngLat {
  return [longitude + east / metersPerDegreeLongitude(latitude), latitude + north / METERS_PER_DEGREE_LATITUDE];
}

/** Splits a line `meters` along it into the part before and the part after; null when it is not longer than that. */
export function splitLineAtDistance(line: readonly LngLat[], meters: number): [LngLat[], LngLat[]] | null {
  let travelled = 0;
  for (let index = 1; index < line.length; index += 1) {
    const start = line[index - 1] as LngLat;
    const end = line[index] as LngLat;
    const length = distanceMeters(start, end);
    if (travelled + length > meters) {
      const fraction = (meters - travelled) / length;
      const cut: LngLat = [start[0] + (end[0] - start[0]) * fraction, start[1] + (end[1] - start[1]) * fraction];
      return [[...line.slice(0, index), cut], [cut, ...line.slice(index)]];
    }
    travelled += length;
  }
  return null;
}

/** The point halfway along the line (by length). */
export function lineMidpoint(line: readonly LngLat[]): LngLat {
  const first = line[0] as LngLat;
  const half = splitLineAtDistance(line, lineLengthMeters(line) / 2);
  return half === null ? first : (half[1][0] as LngLat);
}

/** Twice the signed area of a ring in degrees² (shoelace); positive when counter-clockwise. */
export function signedRingArea(ring: readonly LngLat[]): number {
  let area = 0;
  for (let index = 1; index < ring.length; index += 1) {
    const [startX, startY] = ring[index - 1] as LngLat;
    const [endX, endY] = ring[index] as LngLat;
    area += startX * endY - endX * startY;
  }
  return area;
}

/** The area centroid of a closed ring; the mean of its positions when the area is zero. */
export function ringCentroid(ring: readonly LngLat[]): LngLat {
  let area = 0;
  let x = 0;
  let y = 0;
  const [originX, originY] = ring[0] as LngLat;
  for (let index = 1; index < ring.length; index += 1) {
    const [startX, startY] = ring[index - 1] as LngLat;
    const [endX, endY] = ring[index] as LngLat;
    const cross = (startX - originX) * (endY - originY) - (endX - originX) * (startY - originY);
    area += cross;
    x += (startX - originX + endX - originX) * cross;
    y += (startY - originY + endY - originY) * cross;
  }
  if (area === 0) {
    const count = ring.length;
    return [ring.reduce((sum, [longitude]) => sum + longitude, 0) / count, ring.reduce((sum, [, latitude]) => sum + latitude, 0) / count];
  }
  return [originX + x / (3 * area), originY + y / (3 * area)];
}

/** A point of the ring's area: its centroid when that lies inside, else the middle of its longest diagonal that does. */
export function ringRepresentativePoint(ring: readonly LngLat[]): LngLat {
  const centroid = ringCentroid(ring);
  if (insideRing(centroid, ring)) return centroid;
  for (let index = 2; index < ring.length - 1; index += 1) {
    const first = ring[0] as LngLat;
    const other = ring[index] as LngLat;
    const middle: LngLat = [(first[0] + other[0]) / 2, (first[1] + other[1]) / 2];
    if (insideRing(middle, ring)) return middle;
  }
  return ring[0] as LngLat;
}

/** Whether segments ab and cd cross or touch (orientation test, collinear overlaps included). */
export function segmentsIntersect(a: LngLat, b: LngLat, c: LngLat, d: LngLat): boolean {
  const orientation = (p: LngLat, q: LngLat, r: LngLat): number => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const onSegment = (p: LngLat, q: LngLat, r: LngLat): boolean =>
    Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
  const abc = orientation(a, b, c);
  const abd = orientation(a, b, d);
  const cda = orientation(c, d, a);
  const cdb = orientation(c, d, b);
  if (abc !== abd && cda !== cdb) return true;
  return (abc === 0 && onSegment(a, c, b)) || (abd === 0 && onSegment(a, d, b)) || (cda === 0 && onSegment(c, a, d)) || (cdb === 0 && onSegment(c, b, d));
}

/**
 * Whether a line crosses itself: two segments that are not neighbours meet. A closed line's last
 * and first segments are neighbours. Lines longer than `maximumSegments` are not checked (the test
 * is quadratic) and count as simple.
 */
export function lineSelfIntersects(line: readonly LngLat[], maximumSegments = 2000): boolean {
  const segmentCount = line.length - 1;
  if (segmentCount < 3 || segmentCount > maximumSegments) return false;
  const closed = samePosition(line[0] as LngLat, line[segmentCount] as LngLat);
  for (let first = 0; first < segmentCount; first += 1) {
    const a = line[first] as LngLat;
    const b = line[first + 1] as LngLat;
    for (let second = first + 2; second < segmentCount; second += 1) {
      if (closed && first === 0 && second === segmentCount - 1) continue;
      const c = line[second] as LngLat;
      const d = line[second + 1] as LngLat;
      if (Math.max(a[0], b[0]) < Math.min(c[0], d[0]) || Math.max(c[0], d[0]) < Math.min(a[0], b[0])) continue;
      if (Math.max(a[1], b[1]) < Math.min(c[1], d[1]) || Math.max(c[1], d[1]) < Math.min(a[1], b[1])) continue;
      if (segmentsIntersect(a, b, c, d)) return true;
    }
  }
  return false;
}
