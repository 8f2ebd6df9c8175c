import { describe, it, expect } from 'vitest';
import { createLocalProjection, metersPerDegree, roundCoordinate } from './local-projection.ts';

describe('metersPerDegree', () => {
  it('1 degree of latitude is about 111 km, a little shorter at the equator than at the poles', () => {
    const equator = metersPerDegree(0).latitudeMeters;
    const pole = metersPerDegree(90).latitudeMeters;
    expect(equator).toBeCloseTo(110574, -1);
    expect(pole).toBeCloseTo(111694, -1);
  });

  it('1 degree of longitude shrinks with the cosine of latitude: about 95 km in Shanghai, 0 at the pole', () => {
    const shanghai = metersPerDegree(31.23).longitudeMeters;
    const equator = metersPerDegree(0).longitudeMeters;
    expect(equator).toBeCloseTo(111320, -1);
    expect(shanghai / equator).toBeCloseTo(Math.cos((31.23 * Math.PI) / 180), 2);
    expect(metersPerDegree(90).longitudeMeters).toBeCloseTo(0, 6);
  });
});

describe('createLocalProjection', () => {
  const projection = createLocalProjection([121.47, 31.23]);

  it('puts the origin at the origin', () => {
    expect(projection.toLngLat({ x: 0, y: 0 })).toEqual([121.47, 31.23]);
  });

  it('1000 m north is about 0.009 degrees of latitude and leaves longitude alone', () => {
    const [longitude, latitude] = projection.toLngLat({ x: 0, y: 1000 });
    expect(longitude).toBe(121.47);
    expect(latitude - 31.23).toBeCloseTo(1000 / metersPerDegree(31.23).latitudeMeters, 6);
  });

  it('round-trips a point to within a centimetre', () => {
    const point = { x: -812.345, y: 604.321 };
    const back = projection.toLocal(projection.toLngLat(point));
    expect(Math.abs(back.x - point.x)).toBeLessThan(0.01);
    expect(Math.abs(back.y - point.y)).toBeLessThan(0.01);
  });
});

describe('roundCoordinate', () => {
  it('keeps 7 decimals and is stable when applied twice', () => {
    expect(roundCoordinate(121.123456789)).toBe(121.1234568);
    expect(roundCoordinate(roundCoordinate(31.987654321))).toBe(roundCoordinate(31.987654321));
  });
});
