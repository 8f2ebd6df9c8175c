import { describe, it, expect } from 'vitest';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import edgesText from '../../../tests/fixtures/import/opensidewalks/edges.geojson?raw';
import nodesText from '../../../tests/fixtures/import/opensidewalks/nodes.geojson?raw';
import pointsText from '../../../tests/fixtures/import/opensidewalks/points.geojson?raw';
import { FACILITY_CATEGORIES, type LngLat } from '../facilities/model.ts';
import { parseFacilityLayer, parseNetworkLayer, parsePlacesLayer } from '../facilities/parse.ts';
import { distanceMeters } from '../geo/index.ts';
import { buildDistrictFiles, emptyDistrictLayers } from './district-files.ts';
import { formatJsonFile } from '../sample/format-json-file.ts';
import { KERB_TACTILE_STRIP_METERS, OpenSidewalksError, importOpenSidewalks, type OpenSidewalksResult } from './opensidewalks.ts';
import { boundaryPolygons, validateDistrict } from './validate-district.ts';

// The fixture is described in tests/fixtures/import/opensidewalks/README.md.
type Collection = FeatureCollection<LineString | Point, Record<string, unknown>>;
const edges = JSON.parse(edgesText) as Collection;
const nodes = JSON.parse(nodesText) as Collection;
const points = JSON.parse(pointsText) as Collection;
const fileNames = { edges: 'edges.geojson', nodes: 'nodes.geojson', points: 'points.geojson' };

const nodePosition = (id: string): LngLat => (nodes.features.find((feature) => feature.properties._id === id)?.geometry as Point).coordinates as LngLat;
const edgeNamed = (result: OpenSidewalksResult, id: string): Feature<LineString, Record<string, unknown>> | undefined =>
  result.layers.network.find((feature) => feature.properties?.id === id) as Feature<LineString, Record<string, unknown>> | undefined;
const ends = (feature: Feature<LineString> | undefined): [LngLat, LngLat] => {
  const coordinates = (feature?.geometry.coordinates ?? []) as LngLat[];
  return [coordinates[0] as LngLat, coordinates[coordinates.length - 1] as LngLat];
};

describe('importOpenSidewalks on the fixture', () => {
  const result = importOpenSidewalks({ edges, nodes, points, fileNames });

  it('produces layers the project parser accepts without a problem', () => {
    const { layers } = result;
    const problems = [
      ...FACILITY_CATEGORIES.flatMap((category) => {
        const features = { ramp: layers.ramps, toilet: layers.toilets, elevator: layers.elevators, tactile_paving: layers.tactilePaving }[category];
        return parseFacilityLayer(category, category, { type: 'FeatureCollection', features }).problems;
      }),
      ...parseNetworkLayer('network', { type: 'FeatureCollection', features: layers.network }).problems,
      ...parsePlacesLayer('places', { type: 'FeatureCollection', features: layers.places }).problems,
    ];
    expect(problems).toEqual([]);
  });

  it('splits the sidewalk e1 where the footway link e3 ends on it, and the pieces meet at n2', () => {
    const first = edgeNamed(result, 'osw:edge/e1:1');
    const second = edgeNamed(result, 'osw:edge/e1:2');
    expect(edgeNamed(result, 'osw:edge/e1')).toBeUndefined();
    expect(ends(first)).toEqual([nodePosition('n1'), nodePosition('n2')]);
    expect(ends(second)).toEqual([nodePosition('n2'), nodePosition('n3')]);
    expect(ends(edgeNamed(result, 'osw:edge/e3'))[0]).toEqual(nodePosition('n2'));
    expect(result.splitEdgeCount).toBe(1);
  });

  it('moves the end of e8 that is 0.3 m off its node n4 exactly onto it', () => {
    const original = (edges.features.find((feature) => feature.properties._id === 'e8')?.geometry as LineString).coordinates.at(-1) as LngLat;
    expect(distanceMeters(original, nodePosition('n4'))).toBeGreaterThan(0.2);
    expect(ends(edgeNamed(result, 'osw:edge/e8'))[1]).toEqual(nodePosition('n4'));
    expect(ends(edgeNamed(result, 'osw:edge/e7'))[0]).toEqual(nodePosition('n4'));
    expect(result.snappedEndCount).toBe(1);
  });

  it('puts the kerbs on the crossing halves: lowered with a 10 mm lip at k1, raised at k2, and the crossing is marked', () => {
    expect(edgeNamed(result, 'osw:edge/e4')?.properties).toMatchObject({ kind: 'crossing', kerb_start: 'lowered', kerb_start_height_mm: 10, kerb_end: null, crossing: 'marked', crossing_sound: false, tactile_paving: true });
    expect(edgeNamed(result, 'osw:edge/e5')?.properties).toMatchObject({ kind: 'crossing', kerb_start: null, kerb_end: 'raised', tactile_paving: null });
    // Kerbs are not a property of the footway links that also touch them.
    expect(edgeNamed(result, 'osw:edge/e3')?.properties).toMatchObject({ kind: 'footway', kerb_start: null, kerb_end: null });
  });

  it('makes a kerb ramp on the lowered kerb only, exactly on the crossing end', () => {
    expect(result.layers.ramps.map((ramp) => [ramp.properties?.id, ramp.properties?.ramp_type, ramp.properties?.kerb_lip_mm])).toEqual([['osw:node/k1', 'kerb_ramp', 10]]);
    expect((result.layers.ramps[0]?.geometry as Point).coordinates).toEqual(ends(edgeNamed(result, 'osw:edge/e4'))[0]);
  });

  it('draws a 1.2 m warning strip across the crossing at k1, and a guiding strip along e7', () => {
    const warning = result.layers.tactilePaving.find((feature) => feature.properties?.tactile_type === 'warning') as Feature<LineString>;
    const [start, end] = ends(warning);
    expect(distanceMeters(start, end)).toBeCloseTo(KERB_TACTILE_STRIP_METERS, 1);
    // e4 runs east, so the strip runs north–south through k1.
    const k1 = nodePosition('k1');
    expect(Math.abs(start[0] - k1[0])).toBeLessThan(2e-7);
    expect(distanceMeters(start, k1)).toBeCloseTo(KERB_TACTILE_STRIP_METERS / 2, 1);
    const guiding = result.layers.tactilePaving.filter((feature) => feature.properties?.tactile_type === 'guiding');
    expect(guiding.map((feature) => feature.properties?.id)).toEqual(['osw:edge/e7:tactile']);
    expect(guiding[0]?.geometry).toEqual(edgeNamed(result, 'osw:edge/e7')?.geometry);
  });

  it('reads incline as a fraction into signed percent, width, surface, steps and handrail', () => {
    expect(edgeNamed(result, 'osw:edge/e7')?.properties).toMatchObject({ kind: 'sidewalk', incline_percent: 5, width_m: 1.8, surface: 'concrete' });
    expect(edgeNamed(result, 'osw:edge/e8')?.properties).toMatchObject({ incline_percent: -2 });
    expect(edgeNamed(result, 'osw:edge/e9')?.properties).toMatchObject({ kind: 'steps', step_count: 12, incline_percent: 60, handrail: true });
    // Not applicable, so null: steps properties on a sidewalk.
    expect(edgeNamed(result, 'osw:edge/e7')?.properties).toMatchObject({ step_count: null, handrail: null, crossing: null });
  });

  it('reads an incline of 5 and a width of "wide" as unknown, and says so', () => {
    expect(edgeNamed(result, 'osw:edge/e11')?.properties).toMatchObject({ incline_percent: null, width_m: null });
    const warnings = result.problems.filter((problem) => problem.feature === 'e11');
    expect(warnings.map((problem) => [problem.severity, problem.message.split(' ')[0]])).toEqual([['warning', 'incline'], ['warning', 'width']]);
    expect(warnings[0]?.message).toMatch(/OSW writes 5 % as 0\.05/);
  });

  it('links the elevator edge to the elevator node as its facility', () => {
    expect(result.layers.elevators.map((feature) => [feature.properties?.id, feature.properties?.name_en])).toEqual([['osw:node/n7', 'Station lift']]);
    expect(edgeNamed(result, 'osw:edge/e10')?.properties).toMatchObject({ kind: 'elevator', facility_id: 'osw:node/n7' });
  });

  it('takes wheelchair-accessible toilets and named points, and counts what it leaves out on purpose', () => {
    expect(result.layers.toilets.map((feature) => feature.properties)).toEqual([expect.objectContaining({ id: 'osw:point/p3', opening_hours: '24/7', changing_table: true })]);
    expect(result.layers.places.map((feature) => [feature.properties?.id, feature.properties?.kind, feature.properties?.name_zh, feature.properties?.name_en])).toEqual([
      ['osw:point/p1', 'metro_station', null, 'Roosevelt Station'],
      ['osw:point/p5', 'public_building', '罗斯福图书馆', 'Roosevelt Library'],
    ]);
    expect(Object.values(result.notImported).reduce((sum, count) => sum + count, 0)).toBe(5);
    expect(Object.keys(result.notImported).join(' | ')).toMatch(/motor-vehicle roads.*zones.*foot=private.*unnamed points.*not wheelchair accessible/);
  });

  it('reports the edges it cannot use with their ids', () => {
    expect(result.problems.filter((problem) => problem.severity === 'error').map((problem) => [problem.file, problem.feature, problem.message])).toEqual([
      ['edges.geojson', 'e13', 'has no highway tag, so it is no OSW edge type; left out'],
      ['edges.geojson', 'e14', 'is a Point, expected a LineString; left out'],
    ]);
  });

  it('gives a district folder that validates without errors or join warnings', () => {
    const files = buildDistrictFiles({ id: 'osw-fixture', name: { zh: '测试', en: 'Test' }, source: 'test', licence: 'CC0-1.0', attribution: 'test' }, { ...emptyDistrictLayers(), ...result.layers });
    const texts = Object.fromEntries(Object.entries(files).map(([name, value]) => [name, formatJsonFile(value)]));
    const problems = validateDistrict({ folderName: 'osw-fixture', files: texts }).problems;
    expect(problems.map((problem) => problem.file)).toEqual(['search.json']);
  });
});

describe('importOpenSidewalks without the nodes file', () => {
  it('still joins edges that name the same node, at the position the first edge gave it', () => {
    const result = importOpenSidewalks({ edges, fileNames: { edges: 'edges.geojson' } });
    const n4 = ends(result.layers.network.find((feature) => feature.properties?.id === 'osw:edge/e6') as Feature<LineString>)[1];
    expect(ends(edgeNamed(result, 'osw:edge/e8'))[1]).toEqual(n4);
    expect(result.layers.ramps).toEqual([]);
  });
});

describe('importOpenSidewalks on bad input', () => {
  it('refuses a file that is not a FeatureCollection, naming it', () => {
    expect(() => importOpenSidewalks({ edges: { type: 'Feature' }, fileNames })).toThrow(OpenSidewalksError);
    expect(() => importOpenSidewalks({ edges, nodes: [], fileNames })).toThrow(/nodes\.geojson is not a GeoJSON FeatureCollection/);
  });

  it('leaves out edges with coordinates out of range, without an id, or reaching outside the boundary', () => {
    const line = (properties: Record<string, unknown>, coordinates: number[][]): Feature => ({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates } });
    const collection = {
      type: 'FeatureCollection',
      features: [
        line({ _id: 'a', highway: 'footway' }, [[121.47, 31.23], [121.471, 91]]),
        line({ highway: 'footway' }, [[121.47, 31.23], [121.471, 31.23]]),
        line({ _id: 'c', highway: 'footway' }, [[121.47, 31.23], [121.471, 31.23]]),
        line({ _id: 'd', highway: 'footway' }, [[121.47, 31.23], [121.48, 31.23]]),
        line({ _id: 'e', highway: 'footway' }, [[121.47, 31.23], [121.47, 31.23]]),
      ],
    };
    const boundary = boundaryPolygons([{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[121.46, 31.22], [121.475, 31.22], [121.475, 31.24], [121.46, 31.24], [121.46, 31.22]]] } }]);
    const result = importOpenSidewalks({ edges: collection, fileNames: { edges: 'bad.geojson' }, boundary });
    expect(result.layers.network.map((feature) => feature.properties?.id)).toEqual(['osw:edge/c']);
    expect(result.problems.map((problem) => [problem.feature, problem.message.split(/[;,]/)[0]])).toEqual([
      ['a', 'has coordinates that are not [longitude'],
      ['#1', 'has no _id'],
      ['d', 'reaches outside the district boundary at [121.48'],
      ['e', 'is a line with fewer than two distinct positions'],
    ]);
  });

  it('says the data is under the ODbL when its dataSource names OpenStreetMap', () => {
    const fromOsm = { ...edges, dataSource: { name: 'OpenStreetMap', license: 'https://opendatacommons.org/licenses/odbl/1-0/' } };
    expect(importOpenSidewalks({ edges: fromOsm, fileNames }).licence).toEqual({ licence: 'ODbL-1.0', attribution: '© OpenStreetMap contributors' });
    expect(importOpenSidewalks({ edges, fileNames }).licence).toBeNull();
  });
});
