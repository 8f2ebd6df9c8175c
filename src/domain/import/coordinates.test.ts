import { describe, it, expect } from 'vitest';
import type { LngLat } from '../facilities/model.ts';
import { distanceMeters } from '../geo/index.ts';
import {
  bd09ToGcj02, bd09ToWgs84, gcj02ToBd09, gcj02ToWgs84, isInsideChinaOffsetArea, toWgs84, wgs84ToBd09, wgs84ToGcj02,
} from './coordinates.ts';

// People's Square, Shanghai, and a spread of points across the mainland.
const peoplesSquare: LngLat = [121.4737, 31.2304];
const mainlandPoints: LngLat[] = [peoplesSquare, [116.404, 39.915], [113.2644, 23.1291], [104.0665, 30.5723], [87.6168, 43.8256], [126.535, 45.8038]];

describe('WGS84 and GCJ-02', () => {
  it('the GCJ-02 offset in Shanghai is a few hundred metres', () => {
    // The shared data README measures "about 450 m" between the GCJ-02 and WGS84 Shanghai boundaries;
    // scripts/import-table.test.ts checks every vertex of those files against this converter.
    const offset = distanceMeters(peoplesSquare, wgs84ToGcj02(peoplesSquare));
    expect(offset).toBeGreaterThan(300);
    expect(offset).toBeLessThan(700);
  });

  it('forward then inverse returns within 1 cm anywhere in the mainland', () => {
    for (const point of mainlandPoints) {
      expect(distanceMeters(point, gcj02ToWgs84(wgs84ToGcj02(point)))).toBeLessThan(0.01);
      expect(distanceMeters(point, wgs84ToGcj02(gcj02ToWgs84(point)))).toBeLessThan(0.01);
    }
  });

  it('agrees with the pair published in coordtransform\'s tests (wgs84togcj02 of 116.404, 39.915)', () => {
    // wandergis/coordtransform test/app.js prints wgs84togcj02(116.404, 39.915) = [116.41024449916938, 39.91640428150164].
    const [longitude, latitude] = wgs84ToGcj02([116.404, 39.915]);
    expect(longitude).toBeCloseTo(116.41024449916938, 9);
    expect(latitude).toBeCloseTo(39.91640428150164, 9);
  });

  it('leaves positions outside mainland China unchanged (Paris, Seattle)', () => {
    for (const point of [[2.3522, 48.8566], [-122.3321, 47.6062]] as LngLat[]) {
      expect(isInsideChinaOffsetArea(point)).toBe(false);
      expect(wgs84ToGcj02(point)).toEqual(point);
      expect(gcj02ToWgs84(point)).toEqual(point);
    }
  });
});

describe('GCJ-02 and BD-09', () => {
  it('agrees with the pairs published in coordtransform\'s tests', () => {
    // gcj02tobd09(116.404, 39.915) = [116.41036949371029, 39.92133699351021] (exact formula).
    const [bdLongitude, bdLatitude] = gcj02ToBd09([116.404, 39.915]);
    expect(bdLongitude).toBeCloseTo(116.41036949371029, 9);
    expect(bdLatitude).toBeCloseTo(39.92133699351021, 9);
    // bd09togcj02(116.404, 39.915) = [116.39762729119315, 39.90865673957631] from the closed form,
    // which our iteration refines by a few centimetres at most.
    const gcj = bd09ToGcj02([116.404, 39.915]);
    expect(distanceMeters(gcj, [116.39762729119315, 39.90865673957631])).toBeLessThan(0.1);
  });

  it('the BD-09 shift is about 0.0065° east and 0.006° north on top of GCJ-02', () => {
    const [longitude, latitude] = gcj02ToBd09(peoplesSquare);
    expect(longitude - peoplesSquare[0]).toBeGreaterThan(0.005);
    expect(longitude - peoplesSquare[0]).toBeLessThan(0.008);
    expect(latitude - peoplesSquare[1]).toBeGreaterThan(0.005);
    expect(latitude - peoplesSquare[1]).toBeLessThan(0.008);
  });

  it('BD-09 to GCJ-02 inverts GCJ-02 to BD-09 within 1 cm, and BD-09 to WGS84 inverts WGS84 to BD-09', () => {
    for (const point of mainlandPoints) {
      expect(distanceMeters(point, bd09ToGcj02(gcj02ToBd09(point)))).toBeLessThan(0.01);
      expect(distanceMeters(point, bd09ToWgs84(wgs84ToBd09(point)))).toBeLessThan(0.01);
    }
  });

  it('toWgs84 picks the conversion by system name', () => {
    const bd = wgs84ToBd09(peoplesSquare);
    const gcj = wgs84ToGcj02(peoplesSquare);
    expect(toWgs84(peoplesSquare, 'wgs84')).toEqual(peoplesSquare);
    expect(distanceMeters(toWgs84(gcj, 'gcj02'), peoplesSquare)).toBeLessThan(0.01);
    expect(distanceMeters(toWgs84(bd, 'bd09'), peoplesSquare)).toBeLessThan(0.01);
  });
});
