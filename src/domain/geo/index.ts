// Geometry on the sphere at district scale. Pure functions over [longitude, latitude] pairs.
import type { BoundingBox, Facility, LngLat } from '../facilities/model.ts';

/** Mean Earth radius R1 = 6 371 008.8 m (IUGG; Moritz, "Geodetic Reference System 1980"). */
export const EARTH_RADIUS_METERS = 6_371_008.8;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;
const toDegrees = (radians: number): number => (radians * 180) / Math.PI;

/** Great-circle distance by the haversine formula. */
export function distanceMeters(from: LngLat, to: LngLat): number {
  const latitudeFrom = toRadians(from[1]);
  const latitudeTo = toRadians(to[1]);
  const deltaLatitude = latitudeTo - latitudeFrom;
  const deltaLongitude = toRadians(to[0] - from[0]);
  const haversine = Math.sin(deltaLatitude / 2) ** 2 + Math.cos(latitudeFrom) * Math.cos(latitudeTo) * Math.sin(deltaLongitude / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(haversine)));
}

/** Initial bearing from `from` towards `to`, in degrees clockwise from north, 0 ≤ bearing < 360. */
export function bearingDegrees(from: LngLat, to: LngLat): number {
  const latitudeFrom = toRadians(from[1]);
  const latitudeTo = toRadians(to[1]);
  const deltaLongitude = toRadians(to[0] - from[0]);
  const y = Math.sin(deltaLongitude) * Math.cos(latitudeTo);
  const x = Math.cos(latitudeFrom) * Math.sin(latitudeTo) - Math.sin(latitudeFrom) * Math.cos(latitudeTo) * Math.cos(deltaLongitude);
  return (toDegrees(Math.atan2(y, x)) + 360) % 360;
}

export type CompassPoint = 'N' | 'NE' | 'E' | 'SE' | 'S' | 'SW' | 'W' | 'NW';
const COMPASS_POINTS: readonly CompassPoint[] = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];

/** The nearest of the 8 compass points; each covers 45°, north from 337.5° to 22.5°. */
export function compassPoint(bearing: number): CompassPoint {
  const normalised = ((bearing % 360) + 360) % 360;
  return COMPASS_POINTS[Math.round(normalised / 45) % 8] ?? 'N';
}

/** Clock direction relative to the user's heading: 12 is straight ahead, 3 to the right. */
export function clockDirection(bearing: number, headingDegrees: number): number {
  const relative = (((bearing - headingDegrees) % 360) + 360) % 360;
  const hour = Math.round(relative / 30) % 12;
  return hour === 0 ? 12 : hour;
}

export type SpokenDistance = { kind: 'close_by' } | { kind: 'meters'; meters: number } | { kind: 'kilometers'; kilometers: number };

/**
 * Distances as people say them (design/accessibility.md): "close by" under 15 m, the nearest 5 m
 * under 1 km, then kilometres to one decimal.
 */
export function spokenDistance(meters: number): SpokenDistance {
  if (meters < 15) return { kind: 'close_by' };
  const roundedMeters = Math.round(meters / 5) * 5;
  if (roundedMeters < 1000) return { kind: 'meters', meters: roundedMeters };
  return { kind: 'kilometers', kilometers: Math.round(meters / 100) / 10 };
}

/** Metres east and north of `origin` in a local equirectangular plane; fine at district scale. */
function toLocalMeters(origin: LngLat, position: LngLat): [number, number] {
  const metersPerDegreeLatitude = (Math.PI * EARTH_RADIUS_METERS) / 180;
  const metersPerDegreeLongitude = metersPerDegreeLatitude * Math.cos(toRadians(origin[1]));
  return [(position[0] - origin[0]) * metersPerDegreeLongitude, (position[1] - origin[1]) * metersPerDegreeLatitude];
}

export function offsetLngLat(origin: LngLat, eastMeters: number, northMeters: number): LngLat {
  const metersPerDegreeLatitude = (Math.PI * EARTH_RADIUS_METERS) / 180;
  const metersPerDegreeLongitude = metersPerDegreeLatitude * Math.cos(toRadians(origin[1]));
  return [origin[0] + eastMeters / metersPerDegreeLongitude, origin[1] + northMeters / metersPerDegreeLatitude];
}

/** The point of a polyline nearest to `point`, found segment by segment in a local plane. */
export function nearestPointOnLine(point: LngLat, line: readonly LngLat[]): { point: LngLat; distanceMeters: number } {
  const first = line[0];
  if (!first) return { point, distanceMeters: Infinity };
  let best: LngLat = first;
  let bestDistance = distanceMeters(point, first);
  for (let index = 1; index < line.length; index += 1) {
    const start = line[index - 1] as LngLat;
    const end = line[index] as LngLat;
    const [startX, startY] = toLocalMeters(point, start);
    const [endX, endY] = toLocalMeters(point, end);
    const segmentX = endX - startX;
    const segmentY = endY - startY;
    const lengthSquared = segmentX * segmentX + segmentY * segmentY;
    const along = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(startX * segmentX + startY * segmentY) / lengthSquared));
    const candidate: LngLat = [start[0] + (end[0] - start[0]) * along, start[1] + (end[1] - start[1]) * along];
    const candidateDistance = distanceMeters(point, candidate);
    if (candidateDistance < bestDistance) {
      best = candidate;
      bestDistance = candidateDistance;
    }
  }
  return { point: best, distanceMeters: bestDistance };
}

/** The point halfway along a polyline's length. */
export function lineMidpoint(line: readonly LngLat[]): LngLat {
  const first = line[0];
  if (!first) throw new Error('lineMidpoint needs at least one position');
  const segmentLengths = line.slice(1).map((position, index) => distanceMeters(line[index] as LngLat, position));
  let remaining = segmentLengths.reduce((sum, length) => sum + length, 0) / 2;
  for (let index = 0; index < segmentLengths.length; index += 1) {
    const length = segmentLengths[index] as number;
    const start = line[index] as LngLat;
    const end = line[index + 1] as LngLat;
    if (remaining <= length) {
      const fraction = length === 0 ? 0 : remaining / length;
      return [start[0] + (end[0] - start[0]) * fraction, start[1] + (end[1] - start[1]) * fraction];
    }
    remaining -= length;
  }
  return line[line.length - 1] ?? first;
}

/** Where to put a facility's label or centre the map: the point, or a line's midpoint. */
export function facilityAnchor(facility: Facility): LngLat {
  return facility.location.type === 'Point'
    ? (facility.location.coordinates as LngLat)
    : lineMidpoint(facility.location.coordinates as LngLat[]);
}

export function distanceToFacilityMeters(from: LngLat, facility: Facility): number {
  return facility.location.type === 'Point'
    ? distanceMeters(from, facility.location.coordinates as LngLat)
    : nearestPointOnLine(from, facility.location.coordinates as LngLat[]).distanceMeters;
}

export function boundingBoxOf(positions: readonly LngLat[]): BoundingBox {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const [longitude, latitude] of positions) {
    west = Math.min(west, longitude);
    south = Math.min(south, latitude);
    east = Math.max(east, longitude);
    north = Math.max(north, latitude);
  }
  return [west, south, east, north];
}

export function bboxContains(bbox: BoundingBox, point: LngLat): boolean {
  return point[0] >= bbox[0] && point[0] <= bbox[2] && point[1] >= bbox[1] && point[1] <= bbox[3];
}

/** Even–odd test of a point against one ring (the first position may or may not repeat at the end). */
export function insideRing([x, y]: LngLat, ring: readonly LngLat[]): boolean {
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index, index += 1) {
    const [currentX, currentY] = ring[index] as LngLat;
    const [previousX, previousY] = ring[previous] as LngLat;
    if ((currentY > y) !== (previousY > y) && x < currentX + ((y - currentY) / (previousY - currentY)) * (previousX - currentX)) inside = !inside;
  }
  return inside;
}

/** Even–odd test over every ring of a polygon: a point in a hole is outside. */
export function insidePolygon(point: LngLat, rings: readonly (readonly LngLat[])[]): boolean {
  let inside = false;
  for (const ring of rings) if (insideRing(point, ring)) inside = !inside;
  return inside;
}
