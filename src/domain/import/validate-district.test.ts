import { describe, it, expect } from 'vitest';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { LngLat } from '../facilities/model.ts';
import { distanceMeters, offsetLngLat } from '../geo/index.ts';
import { generateSampleDistrict } from '../sample/generate-sample-district.ts';
import { formatJsonFile } from '../sample/format-json-file.ts';
import {
  BOUNDARY_TOLERANCE_METERS, NEAR_MISS_JOIN_METERS, boundaryPolygons, distanceOutsideBoundaryMeters, formatValidationProblem, isInsideBoundary,
  validateDistrict, type ValidationProblem,
} from './validate-district.ts';

// The sample district as its files hold it (the generator is pure; scripts/generate-sample.test.ts
// keeps data/sample equal to it), without search.json, which needs the pinyin library in Node.
const sample = generateSampleDistrict();
type Collection = FeatureCollection<Point | LineString, Record<string, unknown>>;

function textsOf(files: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, value]) => [name, formatJsonFile(value)]));
}

function withChange(file: string, change: (value: Collection & Record<string, unknown>) => void): Record<string, string> {
  const copy = structuredClone(sample) as Record<string, unknown>;
  change(copy[file] as Collection & Record<string, unknown>);
  return textsOf(copy);
}

const validate = (files: Record<string, string | null>, folderName = 'sample') => validateDistrict({ folderName, files });
const errorsOf = (problems: readonly ValidationProblem[]) => problems.filter((problem) => problem.severity === 'error');

describe('validateDistrict on the sample district', () => {
  it('finds no error and only the missing search.json warning', () => {
    const result = validate(textsOf(sample));
    expect(errorsOf(result.problems)).toEqual([]);
    expect(result.problems.map((problem) => `${problem.file} ${problem.severity}`)).toEqual(['search.json warning']);
    const network = sample['network.geojson'] as Collection;
    expect(result.featureCounts['network.geojson']).toBe(network.features.length);
  });

  it('reports a count in district.json that does not match its file, naming both numbers', () => {
    const files = withChange('district.json', (manifest) => { const counts = manifest.counts as Record<string, number>; counts.ramps = (counts.ramps ?? 0) + 1; });
    const actual = (sample['ramps.geojson'] as Collection).features.length;
    expect(errorsOf(validate(files).problems).map(formatValidationProblem)).toEqual([
      `district.json: counts.ramps: error: says ${actual + 1} but ramps.geojson has ${actual} features`,
    ]);
  });

  it('reports a toilet moved outside the boundary with its id and distance, and outside the bbox', () => {
    const boundary = boundaryPolygons((sample['boundary.geojson'] as FeatureCollection).features);
    const corner = boundary[0]?.[0]?.[0] as LngLat;
    // South-west of the boundary's first vertex, which is its south-west corner region.
    const outside = offsetLngLat(corner, -40, -30);
    const files = withChange('toilets.geojson', (toilets) => {
      const first = toilets.features[0] as Feature<Point>;
      first.geometry.coordinates = outside;
    });
    const toiletId = (sample['toilets.geojson'] as Collection).features[0]?.properties.id;
    const errors = errorsOf(validate(files).problems);
    expect(errors.map((problem) => [problem.file, problem.feature])).toEqual([['toilets.geojson', toiletId], ['toilets.geojson', toiletId]]);
    expect(errors[0]?.message).toMatch(/outside the boundary/);
    const reported = Number(/is (\d+) m outside/.exec(errors[0]?.message ?? '')?.[1]);
    expect(reported).toBeCloseTo(distanceOutsideBoundaryMeters(outside, boundary), 0);
    expect(errors[1]?.message).toMatch(/outside the bbox/);
  });

  it('reports an id used in two layers and a facility_id that names nothing', () => {
    const placeId = (sample['places.geojson'] as Collection).features[0]?.properties.id as string;
    const copy = structuredClone(sample) as Record<string, Collection>;
    const toilet = copy['toilets.geojson']?.features[0] as Feature<Point, Record<string, unknown>>;
    toilet.properties.id = placeId;
    const elevatorEdge = copy['network.geojson']?.features.find((feature) => feature.properties.kind === 'elevator') as Feature<LineString, Record<string, unknown>>;
    elevatorEdge.properties.facility_id = 'sample:elevator:9999';
    const errors = errorsOf(validate(textsOf(copy)).problems).map(formatValidationProblem);
    expect(errors).toContain(`places.geojson: ${placeId}: error: the id is also used in toilets.geojson; ids must be unique in the district`);
    expect(errors).toContain(`network.geojson: ${String(elevatorEdge.properties.id)}: error: facility_id "sample:elevator:9999" names no facility in this district`);
  });

  it('warns about two edge ends a few centimetres apart, but not about ends that are equal', () => {
    const copy = structuredClone(sample) as Record<string, Collection>;
    const edges = copy['network.geojson']?.features as Feature<LineString, Record<string, unknown>>[];
    const edge = edges[0] as Feature<LineString, Record<string, unknown>>;
    const end = edge.geometry.coordinates[edge.geometry.coordinates.length - 1] as LngLat;
    const neighbours = edges.filter((other) => other !== edge && other.geometry.coordinates.some((position, index, all) => (index === 0 || index === all.length - 1) && position[0] === end[0] && position[1] === end[1]));
    expect(neighbours.length).toBeGreaterThan(0);
    const moved = offsetLngLat(end, 0.2, 0);
    edge.geometry.coordinates[edge.geometry.coordinates.length - 1] = moved;
    const warnings = validate(textsOf(copy)).problems.filter((problem) => problem.file === 'network.geojson');
    expect(distanceMeters(moved, end)).toBeLessThan(NEAR_MISS_JOIN_METERS);
    // One warning per neighbour that still ends at the old coordinate.
    expect(warnings).toHaveLength(neighbours.length);
    expect(warnings.every((warning) => warning.severity === 'warning' && /0\.20 m from/.test(warning.message))).toBe(true);
  });

  it('warns about a kerb ramp that is not on a crossing end', () => {
    const copy = structuredClone(sample) as Record<string, Collection>;
    const ramp = copy['ramps.geojson']?.features.find((feature) => feature.properties.ramp_type === 'kerb_ramp') as Feature<Point, Record<string, unknown>>;
    ramp.geometry.coordinates = offsetLngLat(ramp.geometry.coordinates as LngLat, 3, 0);
    const problems = validate(textsOf(copy)).problems.filter((problem) => problem.file === 'ramps.geojson');
    expect(problems.map((problem) => [problem.feature, problem.severity])).toEqual([[ramp.properties.id, 'warning']]);
    expect(problems[0]?.message).toMatch(/not the end of any crossing/);
  });

  it('reports a missing layer, a truncated file and a folder named differently from the id', () => {
    const texts: Record<string, string | null> = textsOf(sample);
    texts['elevators.geojson'] = null;
    texts['places.geojson'] = (texts['places.geojson'] ?? '').slice(0, 200);
    const errors = errorsOf(validate(texts, 'other-name').problems).map(formatValidationProblem);
    expect(errors).toContain('district.json: id: error: id is "sample" but the folder is named "other-name"; they must be equal');
    expect(errors).toContain('elevators.geojson: *: error: missing: every district folder needs this file');
    expect(errors.find((line) => line.startsWith('places.geojson: *: error: places.geojson is not valid JSON'))).toBeDefined();
  });

  it('passes the parser\'s feature problems through with the feature id and the reason', () => {
    const files = withChange('elevators.geojson', (elevators) => {
      const first = elevators.features[0] as Feature<Point, Record<string, unknown>>;
      first.properties.cabin_width_m = -1;
      delete first.properties.elevator_type;
    });
    const id = (sample['elevators.geojson'] as Collection).features[0]?.properties.id as string;
    const lines = validate(files).problems.filter((problem) => problem.file === 'elevators.geojson').map(formatValidationProblem);
    expect(lines).toContain(`elevators.geojson: ${id}: error: required property elevator_type is missing`);
    expect(lines).toContain(`elevators.geojson: ${id}: warning: cabin_width_m is -1, expected a number of at least 0; read as unknown`);
  });

  it('warns about a clockwise boundary and coordinates with more than 7 decimals', () => {
    const copy = structuredClone(sample) as Record<string, FeatureCollection>;
    const boundary = copy['boundary.geojson']?.features[0]?.geometry as unknown as { coordinates: LngLat[][] };
    boundary.coordinates = boundary.coordinates.map((ring) => [...ring].reverse());
    const texts = textsOf(copy);
    const place = (sample['places.geojson'] as Collection).features[0] as Feature<Point, Record<string, unknown>>;
    const places = structuredClone(sample['places.geojson']) as Collection;
    (places.features[0] as Feature<Point>).geometry.coordinates = [(place.geometry.coordinates[0] ?? 0) + 1.23e-9, place.geometry.coordinates[1] ?? 0];
    texts['places.geojson'] = JSON.stringify(places);
    const warnings = validate(texts).problems.filter((problem) => problem.severity === 'warning').map((problem) => `${problem.file} ${problem.feature}`);
    expect(warnings).toEqual(['boundary.geojson #0', `places.geojson ${String(place.properties.id)}`, 'search.json *']);
  });
});

describe('search.json checks', () => {
  const texts = textsOf(sample);
  const toiletIds = (sample['toilets.geojson'] as Collection).features.map((feature) => feature.properties.id as string);
  const searchText = (entries: Record<string, unknown>): string => JSON.stringify({ version: 1, characters: {}, words: {}, entries });
  const entry = { namePinyin: 'x', nameInitials: 'x', addressPinyin: null, addressInitials: null };

  it('calls a search.json stale when features with Chinese names have no entry or entries name nothing', () => {
    const result = validate({ ...texts, 'search.json': searchText({ 'gone:1': entry }) });
    const message = result.problems.find((problem) => problem.file === 'search.json')?.message ?? '';
    expect(message).toMatch(/^stale: \d+ features with Chinese text have no entry/);
    expect(message).toMatch(/1 entries name no feature \(first: gone:1\)/);
  });

  it('compares with the rebuilt data when given a builder', () => {
    const rebuilt = Object.fromEntries(toiletIds.map((id) => [id, entry]));
    const rebuildSearchData = () => ({ version: 1, characters: {}, words: {}, entries: rebuilt });
    // Coverage is judged on every feature with Chinese text, so give them all entries.
    const everyFeature = ['ramps', 'toilets', 'elevators', 'tactile-paving', 'places']
      .flatMap((layer) => (sample[`${layer}.geojson`] as Collection).features.map((feature) => feature.properties.id as string));
    const complete = Object.fromEntries(everyFeature.map((id) => [id, entry]));
    const current = validateDistrict({ folderName: 'sample', files: { ...texts, 'search.json': searchText(complete) }, rebuildSearchData: () => ({ ...rebuildSearchData(), entries: complete }) });
    expect(current.problems).toEqual([]);
    const changed = { ...complete, [toiletIds[0] as string]: { ...entry, namePinyin: 'y' } };
    const stale = validateDistrict({ folderName: 'sample', files: { ...texts, 'search.json': searchText(changed) }, rebuildSearchData: () => ({ ...rebuildSearchData(), entries: complete }) });
    expect(stale.problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^stale: 1 entries differ from the layers/)]);
  });
});

describe('boundary containment', () => {
  const square: Feature = {
    type: 'Feature', properties: {},
    geometry: { type: 'Polygon', coordinates: [[[121, 31], [121.01, 31], [121.01, 31.01], [121, 31.01], [121, 31]], [[121.004, 31.004], [121.004, 31.006], [121.006, 31.006], [121.006, 31.004], [121.004, 31.004]]] },
  };
  const polygons = boundaryPolygons([square]);

  it('puts the middle of the hole outside and a point between hole and edge inside', () => {
    expect(isInsideBoundary([121.002, 31.002], polygons)).toBe(true);
    const inHole: LngLat = [121.005, 31.005];
    // The hole is 0.002° (about 190 m east–west) wide, so its centre is about 95 m from its edge.
    expect(distanceOutsideBoundaryMeters(inHole, polygons)).toBeCloseTo(distanceMeters(inHole, [121.004, 31.005]), 0);
  });

  it('tolerates a few metres outside the edge, not more', () => {
    const justOutside = offsetLngLat([121.005, 31], 0, -(BOUNDARY_TOLERANCE_METERS - 1));
    const farOutside = offsetLngLat([121.005, 31], 0, -(BOUNDARY_TOLERANCE_METERS + 1));
    expect(isInsideBoundary(justOutside, polygons)).toBe(true);
    expect(isInsideBoundary(farOutside, polygons)).toBe(false);
  });
});
