// Coordinate systems of maps published in China. The data contract stores WGS84 only
// (data/README.md, "Files and geometry"), so tables in GCJ-02 (the national "offset" system every
// licensed Chinese map uses: AMap/高德, Tencent, Google's China tiles) or BD-09 (Baidu's further
// offset of GCJ-02) are converted on import.
//
// GCJ-02 is WGS84 plus an offset given by two polynomial-and-sine series over the position
// relative to 105° E, 35° N, scaled to degrees on the Krasovsky 1940 ellipsoid (a = 6 378 245 m,
// e² = 0.00669342162296594323). The series are the ones described under "GCJ-02" in Wikipedia's
// "Restrictions on geographic data in China" and used by open converters such as eviltransform
// and coordtransform; the official algorithm is unpublished. There is no closed-form inverse, so
// GCJ-02 → WGS84 iterates the forward formula until the difference is below 1e-7° (about 1 cm).
//
// BD-09 adds to GCJ-02 a small position-dependent rotation and scaling about the origin, with the
// constant x_pi = π·3000/180, and a shift of (0.0065°, 0.006°). Baidu does not publish it either;
// this is the formula the same open converters describe.
import type { LngLat } from '../facilities/model.ts';

export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

/** Semi-major axis of the Krasovsky 1940 ellipsoid, in metres. */
const KRASOVSKY_SEMI_MAJOR_AXIS_METERS = 6_378_245.0;
/** First eccentricity squared of the Krasovsky 1940 ellipsoid, published as 0.00669342162296594323 (this is the same double). */
const KRASOVSKY_ECCENTRICITY_SQUARED = 0.006693421622965943;
/** Baidu's constant for BD-09: π·3000/180. */
const BAIDU_X_PI = (Math.PI * 3000.0) / 180.0;

/** Stop iterating an inverse once the forward formula lands within this of the target (degrees; about 1 cm). */
const INVERSE_TOLERANCE_DEGREES = 1e-7;
const INVERSE_MAXIMUM_ITERATIONS = 30;

/**
 * The rough box the GCJ-02 offset applies in: outside it the Chinese services publish plain
 * WGS84, and the converters leave positions unchanged (the same box as eviltransform's
 * outOfChina: 72.004–137.8347° E, 0.8293–55.8271° N).
 */
export function isInsideChinaOffsetArea([longitude, latitude]: LngLat): boolean {
  return longitude >= 72.004 && longitude <= 137.8347 && latitude >= 0.8293 && latitude <= 55.8271;
}

/** The latitude series of the offset, in metres on the ellipsoid before scaling to degrees. */
function latitudeSeries(east: number, north: number): number {
  let value = -100.0 + 2.0 * east + 3.0 * north + 0.2 * north * north + 0.1 * east * north + 0.2 * Math.sqrt(Math.abs(east));
  value += ((20.0 * Math.sin(6.0 * east * Math.PI) + 20.0 * Math.sin(2.0 * east * Math.PI)) * 2.0) / 3.0;
  value += ((20.0 * Math.sin(north * Math.PI) + 40.0 * Math.sin((north / 3.0) * Math.PI)) * 2.0) / 3.0;
  value += ((160.0 * Math.sin((north / 12.0) * Math.PI) + 320.0 * Math.sin((north * Math.PI) / 30.0)) * 2.0) / 3.0;
  return value;
}

/** The longitude series of the offset. */
function longitudeSeries(east: number, north: number): number {
  let value = 300.0 + east + 2.0 * north + 0.1 * east * east + 0.1 * east * north + 0.1 * Math.sqrt(Math.abs(east));
  value += ((20.0 * Math.sin(6.0 * east * Math.PI) + 20.0 * Math.sin(2.0 * east * Math.PI)) * 2.0) / 3.0;
  value += ((20.0 * Math.sin(east * Math.PI) + 40.0 * Math.sin((east / 3.0) * Math.PI)) * 2.0) / 3.0;
  value += ((150.0 * Math.sin((east / 12.0) * Math.PI) + 300.0 * Math.sin((east / 30.0) * Math.PI)) * 2.0) / 3.0;
  return value;
}

/** WGS84 → GCJ-02. Positions outside the offset area come back unchanged. */
export function wgs84ToGcj02(position: LngLat): LngLat {
  if (!isInsideChinaOffsetArea(position)) return [position[0], position[1]];
  const [longitude, latitude] = position;
  const east = longitude - 105.0;
  const north = latitude - 35.0;
  const latitudeRadians = (latitude / 180.0) * Math.PI;
  const sineLatitude = Math.sin(latitudeRadians);
  const curvatureFactor = 1 - KRASOVSKY_ECCENTRICITY_SQUARED * sineLatitude * sineLatitude;
  const rootCurvatureFactor = Math.sqrt(curvatureFactor);
  // Metres to degrees: along a meridian by the meridional radius of curvature, along a parallel
  // by the radius of the parallel (prime vertical radius × cos latitude).
  const meridionalRadius = (KRASOVSKY_SEMI_MAJOR_AXIS_METERS * (1 - KRASOVSKY_ECCENTRICITY_SQUARED)) / (curvatureFactor * rootCurvatureFactor);
  const parallelRadius = (KRASOVSKY_SEMI_MAJOR_AXIS_METERS / rootCurvatureFactor) * Math.cos(latitudeRadians);
  const latitudeOffset = (latitudeSeries(east, north) * 180.0) / (meridionalRadius * Math.PI);
  const longitudeOffset = (longitudeSeries(east, north) * 180.0) / (parallelRadius * Math.PI);
  return [longitude + longitudeOffset, latitude + latitudeOffset];
}

/**
 * Inverts `forward` at `target` by fixed-point iteration: guess, see where the forward formula
 * sends the guess, move the guess back by the miss. The offsets change slowly over space, so each
 * step shrinks the miss by orders of magnitude; a handful of steps reach 1e-7°.
 */
function invertByIteration(target: LngLat, forward: (position: LngLat) => LngLat, firstGuess: LngLat): LngLat {
  let guess: LngLat = [firstGuess[0], firstGuess[1]];
  for (let iteration = 0; iteration < INVERSE_MAXIMUM_ITERATIONS; iteration += 1) {
    const landed = forward(guess);
    const longitudeMiss = landed[0] - target[0];
    const latitudeMiss = landed[1] - target[1];
    if (Math.abs(longitudeMiss) < INVERSE_TOLERANCE_DEGREES && Math.abs(latitudeMiss) < INVERSE_TOLERANCE_DEGREES) break;
    guess = [guess[0] - longitudeMiss, guess[1] - latitudeMiss];
  }
  return guess;
}

/** GCJ-02 → WGS84, iterating the forward formula to within 1e-7°. */
export function gcj02ToWgs84(position: LngLat): LngLat {
  if (!isInsideChinaOffsetArea(position)) return [position[0], position[1]];
  return invertByIteration(position, wgs84ToGcj02, position);
}

/** GCJ-02 → BD-09. */
export function gcj02ToBd09([longitude, latitude]: LngLat): LngLat {
  const radius = Math.sqrt(longitude * longitude + latitude * latitude) + 0.00002 * Math.sin(latitude * BAIDU_X_PI);
  const angle = Math.atan2(latitude, longitude) + 0.000003 * Math.cos(longitude * BAIDU_X_PI);
  return [radius * Math.cos(angle) + 0.0065, radius * Math.sin(angle) + 0.006];
}

/**
 * BD-09 → GCJ-02. The usual closed form (undo the shift, then the scaling and rotation evaluated
 * at the shifted point) is off by up to a few centimetres, so it only seeds the iteration.
 */
export function bd09ToGcj02([longitude, latitude]: LngLat): LngLat {
  const east = longitude - 0.0065;
  const north = latitude - 0.006;
  const radius = Math.sqrt(east * east + north * north) - 0.00002 * Math.sin(north * BAIDU_X_PI);
  const angle = Math.atan2(north, east) - 0.000003 * Math.cos(east * BAIDU_X_PI);
  const closedForm: LngLat = [radius * Math.cos(angle), radius * Math.sin(angle)];
  return invertByIteration([longitude, latitude], gcj02ToBd09, closedForm);
}

export function wgs84ToBd09(position: LngLat): LngLat {
  return gcj02ToBd09(wgs84ToGcj02(position));
}

export function bd09ToWgs84(position: LngLat): LngLat {
  return gcj02ToWgs84(bd09ToGcj02(position));
}

/** A position given in `system`, in WGS84. */
export function toWgs84(position: LngLat, system: CoordinateSystem): LngLat {
  switch (system) {
    case 'wgs84': return [position[0], position[1]];
    case 'gcj02': return gcj02ToWgs84(position);
    case 'bd09': return bd09ToWgs84(position);
  }
}

export function isCoordinateSystem(value: string): value is CoordinateSystem {
  return (COORDINATE_SYSTEMS as readonly string[]).includes(value);
}
