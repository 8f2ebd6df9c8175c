// A flat local frame (metres east and north of an origin) for laying out the sample district. Over
// a few kilometres the error of treating the Earth as flat is far below a centimetre per metre.
import type { LngLat } from '../facilities/model.ts';

/** A position in metres east (x) and north (y) of the projection origin. */
export interface LocalPoint {
  x: number;
  y: number;
}

/**
 * Length of one degree on the WGS84 ellipsoid at a latitude, from the usual Fourier series (see
 * Wikipedia, "Latitude" § Length of a degree of latitude, and "Longitude" § Length of a degree).
 */
export function metersPerDegree(latitudeDegrees: number): { longitudeMeters: number; latitudeMeters: number } {
  const latitude = (latitudeDegrees * Math.PI) / 180;
  return {
    latitudeMeters: 111132.92 - 559.82 * Math.cos(2 * latitude) + 1.175 * Math.cos(4 * latitude) - 0.0023 * Math.cos(6 * latitude),
    longitudeMeters: 111412.84 * Math.cos(latitude) - 93.5 * Math.cos(3 * latitude) + 0.118 * Math.cos(5 * latitude),
  };
}

/** Seven decimals of a degree are about 1 cm: finer digits only add noise to the files. */
export function roundCoordinate(degrees: number): number {
  return Math.round(degrees * 1e7) / 1e7;
}

export interface LocalProjection {
  /** Longitude and latitude of a local point, rounded to 7 decimals. */
  toLngLat(point: LocalPoint): LngLat;
  toLocal(position: LngLat): LocalPoint;
}

export function createLocalProjection(origin: LngLat): LocalProjection {
  const [originLongitude, originLatitude] = origin;
  const { longitudeMeters, latitudeMeters } = metersPerDegree(originLatitude);
  return {
    toLngLat: (point) => [
      roundCoordinate(originLongitude + point.x / longitudeMeters),
      roundCoordinate(originLatitude + point.y / latitudeMeters),
    ],
    toLocal: ([longitude, latitude]) => ({
      x: (longitude - originLongitude) * longitudeMeters,
      y: (latitude - originLatitude) * latitudeMeters,
    }),
  };
}
