import { describe, it, expect } from 'vitest';
import type { Feature } from 'geojson';
import { buildDistrictFiles, DEFAULT_BOUNDARY_MARGIN_METERS, DistrictFilesError, emptyDistrictLayers, featuresBoundingBox, zoomToFit } from './district-files.ts';
import { parseBoundaryLayer, parseDistrictManifest, parseFacilityLayer } from '../facilities/parse.ts';

const metadata = { id: 'test-district', name: { zh: '测试', en: 'Test' }, source: 'unit test', licence: 'CC0-1.0', attribution: 'test' };

const toilet = (id: string, longitude: number, latitude: number): Feature => ({
  type: 'Feature',
  properties: { id, category: 'toilet', status: 'unknown', source: 'test' },
  geometry: { type: 'Point', coordinates: [longitude, latitude] },
});

describe('buildDistrictFiles', () => {
  it('computes bbox, centre and counts from the features, and the manifest parses', () => {
    const layers = { ...emptyDistrictLayers(), toilets: [toilet('t:1', 121.47, 31.23), toilet('t:2', 121.48, 31.24)] };
    const files = buildDistrictFiles(metadata, layers);
    const { manifest, problems } = parseDistrictManifest('district.json', files['district.json']);
    expect(problems).toEqual([]);
    // The data's box, widened by the default margin on every side.
    const [west, , , north] = manifest?.bbox ?? [0, 0, 0, 0];
    expect(west).toBeLessThan(121.47);
    expect(north).toBeGreaterThan(31.24);
    expect((north - 31.24) * 111_320).toBeCloseTo(DEFAULT_BOUNDARY_MARGIN_METERS, 0);
    expect(manifest?.center).toEqual([121.475, 31.235]);
    expect(manifest?.counts.toilets).toBe(2);
    expect(parseFacilityLayer('toilet', 'toilets.geojson', files['toilets.geojson']).items).toHaveLength(2);
    expect(files['basemap.geojson']).toBeUndefined();
  });

  it('draws a boundary around the data when none is given, and it contains every feature', () => {
    const files = buildDistrictFiles(metadata, { ...emptyDistrictLayers(), toilets: [toilet('t:1', 2.35, 48.85), toilet('t:2', 2.36, 48.86)] });
    const boundary = parseBoundaryLayer('boundary.geojson', files['boundary.geojson']);
    expect(boundary.problems).toEqual([]);
    const [west, south, east, north] = featuresBoundingBox(boundary.items) ?? [0, 0, 0, 0];
    expect(west < 2.35 && south < 48.85 && east > 2.36 && north > 48.86).toBe(true);
  });

  it('makes an area of a single point', () => {
    const files = buildDistrictFiles(metadata, { ...emptyDistrictLayers(), toilets: [toilet('t:1', 121.47, 31.23)] });
    const { manifest, problems } = parseDistrictManifest('district.json', files['district.json']);
    expect(problems).toEqual([]);
    expect((manifest?.bbox[2] ?? 0) - (manifest?.bbox[0] ?? 0)).toBeGreaterThan(0);
  });

  it('keeps a given boundary as the bbox, without a margin', () => {
    const square = { type: 'Feature' as const, properties: { name_zh: null, name_en: null }, geometry: { type: 'Polygon' as const, coordinates: [[[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.3], [121.4, 31.2]]] } };
    const files = buildDistrictFiles(metadata, { ...emptyDistrictLayers(), boundary: [square], toilets: [toilet('t:1', 121.47, 31.23)] });
    expect(parseDistrictManifest('district.json', files['district.json']).manifest?.bbox).toEqual([121.4, 31.2, 121.5, 31.3]);
  });

  it('refuses an empty import and a bad id, saying which', () => {
    expect(() => buildDistrictFiles(metadata, emptyDistrictLayers())).toThrow(/Nothing usable/);
    expect(() => buildDistrictFiles({ ...metadata, id: 'Bad Id' }, { ...emptyDistrictLayers(), toilets: [toilet('t', 1, 1)] })).toThrow(DistrictFilesError);
  });
});

describe('zoomToFit', () => {
  it('a district of about 2 km fits around zoom 14 to 15, and a larger area zooms out', () => {
    const small = zoomToFit([121.46, 31.22, 121.48, 31.24]);
    expect(small).toBeGreaterThanOrEqual(14);
    expect(small).toBeLessThanOrEqual(15.5);
    expect(zoomToFit([121.0, 31.0, 122.0, 32.0])).toBeLessThan(small);
  });
});
