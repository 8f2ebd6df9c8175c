import { describe, it, expect } from 'vitest';
import type { Feature, FeatureCollection, Geometry, LineString, Point, Polygon, Position } from 'geojson';
import {
  CROSSING_KINDS, FACILITY_STATUSES, KERB_KINDS, KERB_RAMP_FORMS, LAYER_FILES, NETWORK_KINDS, PLACE_KINDS, BASEMAP_KINDS,
  type DistrictManifest,
} from '../facilities/model.ts';
import { generateSampleDistrict } from './generate-sample-district.ts';
import { formatJsonFile } from './format-json-file.ts';
import { createLocalProjection, type LocalPoint } from './local-projection.ts';

type AnyFeature = Feature<Geometry, Record<string, unknown>>;

const files = generateSampleDistrict();
const manifest = files['district.json'] as DistrictManifest;
const projection = createLocalProjection(manifest.center);

function layer(fileName: string): AnyFeature[] {
  const collection = files[fileName] as FeatureCollection<Geometry, Record<string, unknown>>;
  return collection.features;
}

const ramps = layer(LAYER_FILES.ramp);
const toilets = layer(LAYER_FILES.toilet);
const elevators = layer(LAYER_FILES.elevator);
const tactilePaving = layer(LAYER_FILES.tactile_paving);
const network = layer(LAYER_FILES.network);
const places = layer(LAYER_FILES.places);
const boundary = layer(LAYER_FILES.boundary);
const basemap = layer(LAYER_FILES.basemap);
const facilityLayers = { ramp: ramps, toilet: toilets, elevator: elevators, tactile_paving: tactilePaving };

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point': return [geometry.coordinates];
    case 'LineString': return geometry.coordinates;
    case 'Polygon': return geometry.coordinates.flat();
    default: throw new Error(`unexpected ${geometry.type}`);
  }
}

function local(position: Position): LocalPoint {
  return projection.toLocal([position[0] ?? Number.NaN, position[1] ?? Number.NaN]);
}

function positionKey(position: Position | undefined): string {
  return JSON.stringify(position);
}

function lineOf(feature: AnyFeature): Position[] {
  return (feature.geometry as LineString).coordinates;
}

function endsOf(feature: AnyFeature): [Position, Position] {
  const coordinates = lineOf(feature);
  const first = coordinates[0];
  const last = coordinates[coordinates.length - 1];
  if (first === undefined || last === undefined) throw new Error('empty line');
  return [first, last];
}

function pointOf(feature: AnyFeature): Position {
  return (feature.geometry as Point).coordinates;
}

function metersBetween(first: Position, second: Position): number {
  const a = local(first);
  const b = local(second);
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Ray casting: is the point inside the ring (points on the edge count either way)? */
function insideRing(point: Position, ring: Position[]): boolean {
  const [x = 0, y = 0] = point;
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index, index += 1) {
    const [xi = 0, yi = 0] = ring[index] ?? [];
    const [xj = 0, yj = 0] = ring[previous] ?? [];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segmentsCross(a: LocalPoint, b: LocalPoint, c: LocalPoint, d: LocalPoint): boolean {
  const orientation = (p: LocalPoint, q: LocalPoint, r: LocalPoint): number => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  return orientation(a, b, c) !== orientation(a, b, d) && orientation(c, d, a) !== orientation(c, d, b);
}

// GB 50763-2012 §3.1: lip at most 10 mm; full-width ramps at most 1:20, others at most 1:12;
// three-sided ramps at least 1.20 m wide, other forms at least 1.50 m.
function kerbRampFaults(properties: Record<string, unknown>): string[] {
  const faults: string[] = [];
  const form = properties.kerb_ramp_form;
  const slope = properties.slope_percent;
  const width = properties.clear_width_m;
  const lip = properties.kerb_lip_mm;
  const slopeLimit = form === 'full_width' ? 5 : 100 / 12;
  if (typeof slope === 'number' && slope > slopeLimit) faults.push('too steep');
  if (typeof lip === 'number' && lip > 10) faults.push('lip too high');
  if (typeof width === 'number' && ((form === 'three_sided' && width < 1.2) || (form === 'other' && width < 1.5))) faults.push('too narrow');
  return faults;
}

describe('generateSampleDistrict: files', () => {
  it('gives the same bytes on every run', () => {
    const again = generateSampleDistrict();
    for (const [fileName, content] of Object.entries(files)) {
      expect(formatJsonFile(again[fileName]), fileName).toBe(formatJsonFile(content));
    }
  });

  it('writes district.json and exactly one file per layer', () => {
    expect(Object.keys(files).sort()).toEqual(['district.json', ...Object.values(LAYER_FILES)].sort());
  });

  it('describes itself as a fictional sample in Shanghai in WGS84', () => {
    expect(manifest.id).toBe('sample');
    expect(manifest.sample).toBe(true);
    expect(manifest.name).toEqual({ zh: '示例街区（虚构）', en: 'Sample district (fictional)' });
    expect(manifest.coordinateSystem).toBe('WGS84');
    expect(manifest.licence).toBe('CC0-1.0');
    expect(manifest.center[0]).toBeCloseTo(121.47, 2);
    expect(manifest.center[1]).toBeCloseTo(31.23, 2);
  });

  it('counts each layer as generated', () => {
    expect(manifest.counts).toEqual({
      ramps: ramps.length,
      toilets: toilets.length,
      elevators: elevators.length,
      tactilePaving: tactilePaving.length,
      network: network.length,
      places: places.length,
    });
  });

  it('has a bbox that is exactly the extent of every coordinate, and a centre in its middle', () => {
    const all = Object.values(LAYER_FILES).flatMap((fileName) => layer(fileName).flatMap((feature) => positionsOf(feature.geometry)));
    const longitudes = all.map((position) => position[0] ?? Number.NaN);
    const latitudes = all.map((position) => position[1] ?? Number.NaN);
    expect(manifest.bbox).toEqual([Math.min(...longitudes), Math.min(...latitudes), Math.max(...longitudes), Math.max(...latitudes)]);
    expect(manifest.center[0]).toBeCloseTo((manifest.bbox[0] + manifest.bbox[2]) / 2, 6);
    expect(manifest.center[1]).toBeCloseTo((manifest.bbox[1] + manifest.bbox[3]) / 2, 6);
  });

  it('covers a district of a few square kilometres', () => {
    const southWest = local([manifest.bbox[0], manifest.bbox[1]]);
    const northEast = local([manifest.bbox[2], manifest.bbox[3]]);
    const areaSquareKilometres = ((northEast.x - southWest.x) * (northEast.y - southWest.y)) / 1e6;
    expect(areaSquareKilometres).toBeGreaterThan(2);
    expect(areaSquareKilometres).toBeLessThan(6);
  });
});

describe('generateSampleDistrict: every feature is valid', () => {
  const ring = (boundary[0]?.geometry as Polygon | undefined)?.coordinates[0] ?? [];

  it('has one boundary polygon with both names', () => {
    expect(boundary).toHaveLength(1);
    expect(boundary[0]?.geometry.type).toBe('Polygon');
    expect(boundary[0]?.properties).toEqual({ name_zh: manifest.name.zh, name_en: manifest.name.en });
    expect(positionKey(ring[0])).toBe(positionKey(ring[ring.length - 1]));
  });

  it('keeps every coordinate of every layer inside the boundary', () => {
    for (const fileName of Object.values(LAYER_FILES)) {
      if (fileName === LAYER_FILES.boundary) continue;
      const outside = layer(fileName).flatMap((feature) => positionsOf(feature.geometry)).filter((position) => !insideRing(position, ring));
      expect(outside, fileName).toEqual([]);
    }
  });

  it('draws every line through at least two distinct points, with no repeated neighbours', () => {
    const lines = [...network, ...tactilePaving, ...basemap].filter((feature) => feature.geometry.type === 'LineString');
    for (const feature of lines) {
      const keys = lineOf(feature).map(positionKey);
      expect(new Set(keys).size).toBeGreaterThanOrEqual(2);
      keys.forEach((key, index) => expect(key).not.toBe(keys[index - 1]));
    }
  });

  it('closes every polygon ring and keeps at least four positions', () => {
    for (const feature of [...basemap, ...boundary].filter((candidate) => candidate.geometry.type === 'Polygon')) {
      for (const polygonRing of (feature.geometry as Polygon).coordinates) {
        expect(polygonRing.length).toBeGreaterThanOrEqual(4);
        expect(positionKey(polygonRing[0])).toBe(positionKey(polygonRing[polygonRing.length - 1]));
      }
    }
  });

  it('rounds coordinates to at most 7 decimals', () => {
    const all = Object.values(LAYER_FILES).flatMap((fileName) => layer(fileName).flatMap((feature) => positionsOf(feature.geometry)));
    for (const value of all.flat()) expect(Math.round(value * 1e7) / 1e7).toBe(value);
  });
});

describe('generateSampleDistrict: properties follow the data contract', () => {
  const common = ['id', 'category', 'name_zh', 'name_en', 'address_zh', 'address_en', 'status', 'status_note', 'last_verified', 'source'];
  const expectedKeys = {
    ramp: [...common, 'ramp_type', 'kerb_ramp_form', 'slope_percent', 'clear_width_m', 'kerb_lip_mm', 'handrail'],
    toilet: [...common, 'door_width_m', 'turning_space_m', 'grab_bars', 'emergency_call', 'access', 'opening_hours', 'changing_table'],
    elevator: [...common, 'elevator_type', 'cabin_width_m', 'cabin_depth_m', 'door_width_m', 'braille', 'voice', 'connects_zh', 'connects_en'],
    tactile_paving: [...common, 'tactile_type', 'continuity'],
  };
  const networkKeys = ['id', 'kind', 'name_zh', 'name_en', 'incline_percent', 'width_m', 'surface', 'kerb_start', 'kerb_end', 'kerb_start_height_mm',
    'kerb_end_height_mm', 'tactile_paving', 'crossing', 'crossing_sound', 'step_count', 'handrail', 'facility_id'];

  it('gives each facility layer exactly its documented properties, category and geometry', () => {
    for (const [category, features] of Object.entries(facilityLayers)) {
      expect(features.length, category).toBeGreaterThan(0);
      for (const feature of features) {
        expect(Object.keys(feature.properties).sort()).toEqual([...expectedKeys[category as keyof typeof expectedKeys]].sort());
        expect(feature.properties.category).toBe(category);
        expect(feature.geometry.type).toBe(category === 'tactile_paving' ? 'LineString' : 'Point');
        expect(FACILITY_STATUSES).toContain(feature.properties.status);
        expect(typeof feature.properties.source).toBe('string');
      }
    }
  });

  it('gives network edges, places and basemap features their documented properties', () => {
    for (const edge of network) {
      expect(Object.keys(edge.properties).sort()).toEqual([...networkKeys].sort());
      expect(NETWORK_KINDS).toContain(edge.properties.kind);
      expect(edge.geometry.type).toBe('LineString');
    }
    for (const place of places) {
      expect(Object.keys(place.properties).sort()).toEqual(['address_en', 'address_zh', 'id', 'kind', 'name_en', 'name_zh']);
      expect(PLACE_KINDS).toContain(place.properties.kind);
      expect(place.geometry.type).toBe('Point');
    }
    for (const feature of basemap) {
      expect(Object.keys(feature.properties).sort()).toEqual(['kind', 'name_en', 'name_zh']);
      expect(BASEMAP_KINDS).toContain(feature.properties.kind);
    }
  });

  it('writes unknown values as explicit null, never leaves them out', () => {
    const all = [...Object.values(facilityLayers).flat(), ...network, ...places];
    for (const feature of all) {
      for (const value of Object.values(feature.properties)) expect(value).not.toBeUndefined();
    }
    expect(ramps.some((ramp) => ramp.properties.slope_percent === null)).toBe(true);
  });

  it('numbers every id once, stably per layer ("sample:<layer>:0001")', () => {
    const ids = [...Object.values(facilityLayers).flat(), ...network, ...places].map((feature) => feature.properties.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [category, features] of Object.entries(facilityLayers)) {
      features.forEach((feature, index) => expect(feature.properties.id).toBe(`sample:${category}:${String(index + 1).padStart(4, '0')}`));
    }
    network.forEach((edge, index) => expect(edge.properties.id).toBe(`sample:network:${String(index + 1).padStart(4, '0')}`));
  });

  it('dates every verification as YYYY-MM-DD within 2025–2026, or null', () => {
    for (const feature of Object.values(facilityLayers).flat()) {
      const date = feature.properties.last_verified;
      if (date === null) continue;
      expect(date).toMatch(/^202[56]-\d\d-\d\d$/);
      expect(new Date(`${String(date)}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
    }
  });

  it('names every facility and place in both Chinese and English', () => {
    for (const feature of [...Object.values(facilityLayers).flat(), ...places]) {
      expect(typeof feature.properties.name_zh).toBe('string');
      expect(typeof feature.properties.name_en).toBe('string');
      expect(feature.properties.name_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(feature.properties.name_en).toMatch(/^[\x20-\x7e–↔]+$/);
    }
  });
});

describe('generateSampleDistrict: statuses', () => {
  it('has at least one elevator and one toilet out of service, each saying why', () => {
    for (const features of [elevators, toilets]) {
      const broken = features.filter((feature) => feature.properties.status === 'out_of_service');
      expect(broken.length).toBeGreaterThan(0);
      for (const feature of broken) expect(feature.properties.status_note).toMatch(/\S/);
    }
  });

  it('mostly works, with several unknown', () => {
    const all = Object.values(facilityLayers).flat();
    const share = (status: string): number => all.filter((feature) => feature.properties.status === status).length / all.length;
    expect(share('working')).toBeGreaterThan(0.5);
    expect(share('unknown')).toBeGreaterThan(0.05);
    expect(share('out_of_service')).toBeLessThan(0.1);
  });
});

describe('generateSampleDistrict: the pedestrian network', () => {
  const crossings = network.filter((edge) => edge.properties.kind === 'crossing');
  const sidewalks = network.filter((edge) => edge.properties.kind === 'sidewalk');

  it('has sidewalks on both sides of every street: each street name appears on two parallel lines', () => {
    const roads = basemap.filter((feature) => feature.properties.kind === 'road');
    expect(roads.length).toBeGreaterThanOrEqual(12);
    for (const road of roads) {
      const roadLine = lineOf(road).map(local);
      const mine = sidewalks.filter((edge) => edge.properties.name_en === road.properties.name_en);
      expect(mine.length, String(road.properties.name_en)).toBeGreaterThan(0);
      // The sign of the cross product says which side of the road's first segment a sidewalk lies on.
      const [first, second] = roadLine;
      if (first === undefined || second === undefined) throw new Error('road without points');
      const sides = new Set(mine.map((edge) => {
        const middle = local(lineOf(edge)[0] ?? []);
        return Math.sign((second.x - first.x) * (middle.y - first.y) - (second.y - first.y) * (middle.x - first.x));
      }));
      expect(sides).toEqual(new Set([-1, 1]));
    }
  });

  it('lands every crossing end exactly on a sidewalk end', () => {
    const sidewalkEnds = new Set(sidewalks.flatMap((edge) => endsOf(edge).map(positionKey)));
    for (const crossing of crossings) {
      for (const end of endsOf(crossing)) expect(sidewalkEnds.has(positionKey(end))).toBe(true);
    }
  });

  it('is one connected graph when edges join only at identical end coordinates', () => {
    const parent = new Map<string, string>();
    const find = (key: string): string => {
      let root = key;
      while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root) ?? root;
      parent.set(key, root);
      return root;
    };
    for (const edge of network) {
      const [start, end] = endsOf(edge).map(positionKey);
      if (start === undefined || end === undefined) continue;
      if (!parent.has(start)) parent.set(start, start);
      if (!parent.has(end)) parent.set(end, end);
      parent.set(find(start), find(end));
    }
    const roots = new Set([...parent.keys()].map(find));
    expect(roots.size).toBe(1);
  });

  it('signals the crossings it says are signalled, saying whether they sound, and mixes marked and unmarked elsewhere', () => {
    const kinds = new Set(crossings.map((crossing) => crossing.properties.crossing));
    expect([...kinds].sort()).toEqual([...CROSSING_KINDS].sort());
    for (const crossing of crossings.filter((candidate) => candidate.properties.crossing === 'traffic_signals')) {
      expect(typeof crossing.properties.crossing_sound).toBe('boolean');
    }
    expect(crossings.some((crossing) => crossing.properties.crossing_sound === true)).toBe(true);
  });

  it('records kerbs at crossing ends: mostly lowered or flush, some raised 100–150 mm high, some unknown', () => {
    const kerbs = crossings.flatMap((crossing) => [
      { kerb: crossing.properties.kerb_start, height: crossing.properties.kerb_start_height_mm },
      { kerb: crossing.properties.kerb_end, height: crossing.properties.kerb_end_height_mm },
    ]);
    for (const { kerb } of kerbs) expect(kerb === null || (KERB_KINDS as readonly unknown[]).includes(kerb)).toBe(true);
    const easy = kerbs.filter(({ kerb }) => kerb === 'lowered' || kerb === 'flush').length;
    expect(easy / kerbs.length).toBeGreaterThan(0.5);
    const raised = kerbs.filter(({ kerb }) => kerb === 'raised');
    expect(raised.length).toBeGreaterThan(0);
    for (const { height } of raised) {
      expect(height).toBeGreaterThanOrEqual(100);
      expect(height).toBeLessThanOrEqual(150);
    }
    expect(kerbs.some(({ kerb }) => kerb === null)).toBe(true);
    expect(new Set(crossings.map((crossing) => crossing.properties.tactile_paving))).toEqual(new Set([true, false, null]));
  });

  it('reaches the footbridge and the metro by steps with counts and handrails, and by elevators that name a facility', () => {
    const steps = network.filter((edge) => edge.properties.kind === 'steps');
    expect(steps.length).toBeGreaterThanOrEqual(4);
    for (const edge of steps) {
      expect(Number.isInteger(edge.properties.step_count)).toBe(true);
      expect(edge.properties.step_count).toBeGreaterThan(0);
    }
    expect(steps.some((edge) => edge.properties.handrail === true)).toBe(true);
    const elevatorIds = new Set(elevators.map((elevator) => elevator.properties.id));
    const elevatorEdges = network.filter((edge) => edge.properties.kind === 'elevator');
    expect(elevatorEdges.length).toBeGreaterThanOrEqual(2);
    for (const edge of elevatorEdges) expect(elevatorIds.has(edge.properties.facility_id)).toBe(true);
    const rampIds = new Set(ramps.filter((ramp) => ramp.properties.ramp_type === 'wheelchair_ramp').map((ramp) => ramp.properties.id));
    for (const edge of network.filter((candidate) => candidate.properties.kind === 'ramp')) expect(rampIds.has(edge.properties.facility_id)).toBe(true);
  });

  it('every footbridge staircase has an elevator landing at its top on at least one side', () => {
    const steps = network.filter((edge) => edge.properties.kind === 'steps' && (edge.properties.incline_percent as number) > 0);
    const elevatorEnds = new Set(network.filter((edge) => edge.properties.kind === 'elevator').flatMap((edge) => endsOf(edge).map(positionKey)));
    expect(steps.some((edge) => elevatorEnds.has(positionKey(endsOf(edge)[1])))).toBe(true);
  });

  it('has footways or paths in the parks', () => {
    expect(network.some((edge) => edge.properties.kind === 'footway')).toBe(true);
    expect(network.some((edge) => edge.properties.kind === 'path')).toBe(true);
  });

  it('keeps sidewalks flat but for the bridge approaches, whose incline matches their rise', () => {
    const inclines = sidewalks.map((edge) => edge.properties.incline_percent).filter((value): value is number => typeof value === 'number');
    expect(inclines.length).toBeGreaterThan(sidewalks.length / 2);
    expect(inclines.filter((value) => Math.abs(value) < 1).length / inclines.length).toBeGreaterThan(0.9);
    expect(inclines.some((value) => Math.abs(value) > 3)).toBe(true);
    expect(sidewalks.some((edge) => edge.properties.incline_percent === null)).toBe(true);
  });
});

describe('generateSampleDistrict: kerb ramps', () => {
  const crossings = network.filter((edge) => edge.properties.kind === 'crossing');
  const kerbRamps = ramps.filter((ramp) => ramp.properties.ramp_type === 'kerb_ramp');
  const crossingEnds = crossings.flatMap((crossing) => {
    const [start, end] = endsOf(crossing);
    return [{ position: start, kerb: crossing.properties.kerb_start }, { position: end, kerb: crossing.properties.kerb_end }];
  });

  it('puts one kerb ramp at every lowered or flush crossing end, and none where the kerb is raised or unknown', () => {
    const rampPositions = kerbRamps.map((ramp) => positionKey(pointOf(ramp)));
    expect(new Set(rampPositions).size).toBe(rampPositions.length);
    const easyEnds = crossingEnds.filter(({ kerb }) => kerb === 'lowered' || kerb === 'flush').map(({ position }) => positionKey(position));
    expect(new Set(rampPositions)).toEqual(new Set(easyEnds));
    const missing = crossingEnds.filter(({ kerb }) => kerb === 'raised').map(({ position }) => positionKey(position));
    expect(missing.length).toBeGreaterThan(0);
    for (const position of missing) expect(rampPositions).not.toContain(position);
  });

  it('gives each kerb ramp a valid form or null, and records the kerb height as the ramp lip', () => {
    for (const ramp of kerbRamps) {
      expect(ramp.properties.kerb_ramp_form === null || (KERB_RAMP_FORMS as readonly unknown[]).includes(ramp.properties.kerb_ramp_form)).toBe(true);
    }
    const lipAt = new Map(kerbRamps.map((ramp) => [positionKey(pointOf(ramp)), ramp.properties.kerb_lip_mm]));
    for (const crossing of crossings) {
      const [start, end] = endsOf(crossing);
      if (crossing.properties.kerb_start === 'lowered') expect(crossing.properties.kerb_start_height_mm).toBe(lipAt.get(positionKey(start)));
      if (crossing.properties.kerb_end === 'lowered') expect(crossing.properties.kerb_end_height_mm).toBe(lipAt.get(positionKey(end)));
    }
    expect(new Set(kerbRamps.map((ramp) => ramp.properties.kerb_ramp_form))).toEqual(new Set([...KERB_RAMP_FORMS, null]));
  });

  it('mostly meets GB 50763-2012 §3.1, with some too steep, some with a high lip, some too narrow, some unmeasured', () => {
    const measured = kerbRamps.filter((ramp) => ['slope_percent', 'clear_width_m', 'kerb_lip_mm'].every((key) => ramp.properties[key] !== null));
    const passing = measured.filter((ramp) => ramp.properties.kerb_ramp_form !== null && kerbRampFaults(ramp.properties).length === 0);
    expect(passing.length / kerbRamps.length).toBeGreaterThan(0.5);
    const faults = kerbRamps.flatMap((ramp) => kerbRampFaults(ramp.properties));
    expect(new Set(faults)).toEqual(new Set(['too steep', 'lip too high', 'too narrow']));
    expect(measured.length).toBeLessThan(kerbRamps.length);
    for (const ramp of kerbRamps) {
      const lip = ramp.properties.kerb_lip_mm;
      if (typeof lip === 'number' && lip > 10) {
        expect(lip).toBeGreaterThanOrEqual(15);
        expect(lip).toBeLessThanOrEqual(30);
      }
    }
  });

  it('has a few wheelchair ramps at building entrances, each with a network ramp edge', () => {
    const wheelchairRamps = ramps.filter((ramp) => ramp.properties.ramp_type === 'wheelchair_ramp');
    expect(wheelchairRamps.length).toBeGreaterThanOrEqual(2);
    const referenced = new Set(network.map((edge) => edge.properties.facility_id));
    for (const ramp of wheelchairRamps) expect(referenced.has(ramp.properties.id)).toBe(true);
  });
});

describe('generateSampleDistrict: tactile paving', () => {
  const guiding = tactilePaving.filter((feature) => feature.properties.tactile_type === 'guiding');
  const warnings = tactilePaving.filter((feature) => feature.properties.tactile_type === 'warning');

  it('breaks interrupted guiding strips with real gaps of a few metres', () => {
    const interrupted = guiding.filter((feature) => feature.properties.continuity === 'interrupted');
    expect(interrupted.length).toBeGreaterThan(1);
    for (const piece of interrupted) {
      const gaps = interrupted.filter((other) => other !== piece && other.properties.name_en === piece.properties.name_en)
        .flatMap((other) => endsOf(piece).flatMap((end) => endsOf(other).map((otherEnd) => metersBetween(end, otherEnd))));
      const nearest = Math.min(...gaps);
      expect(nearest).toBeGreaterThan(2);
      expect(nearest).toBeLessThan(15);
    }
    expect(guiding.some((feature) => feature.properties.continuity === 'continuous')).toBe(true);
  });

  it('lays a warning strip at both ends of every crossing with tactile paving, and at steps', () => {
    const crossings = network.filter((edge) => edge.properties.kind === 'crossing' && edge.properties.tactile_paving === true);
    const steps = network.filter((edge) => edge.properties.kind === 'steps' && edge.properties.tactile_paving === true);
    const warningMiddles = warnings.map((feature) => {
      const [start, end] = endsOf(feature).map(local);
      if (start === undefined || end === undefined) throw new Error('warning strip without ends');
      return { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
    });
    for (const edge of [...crossings, ...steps]) {
      for (const end of endsOf(edge).map(local)) {
        const nearest = Math.min(...warningMiddles.map((middle) => Math.hypot(middle.x - end.x, middle.y - end.y)));
        expect(nearest).toBeLessThan(1.5);
      }
    }
  });

  it('keeps warning strips short', () => {
    for (const feature of warnings) {
      const [start, end] = endsOf(feature);
      expect(metersBetween(start, end)).toBeLessThan(3);
    }
  });
});

describe('generateSampleDistrict: places and basemap', () => {
  it('lists every road as a street place with the same names', () => {
    const roads = basemap.filter((feature) => feature.properties.kind === 'road');
    const streets = places.filter((place) => place.properties.kind === 'street');
    expect(streets.map((place) => place.properties.name_en).sort()).toEqual(roads.map((road) => road.properties.name_en).sort());
    const zhByEn = new Map(roads.map((road) => [road.properties.name_en, road.properties.name_zh]));
    for (const street of streets) expect(street.properties.name_zh).toBe(zhByEn.get(street.properties.name_en));
    expect(roads.some((road) => String(road.properties.name_zh).endsWith('大道') && String(road.properties.name_en).endsWith('Avenue'))).toBe(true);
  });

  it('has a metro station with its exits, parks, a mall, a hospital and public buildings', () => {
    const kinds = places.map((place) => place.properties.kind);
    for (const kind of ['metro_station', 'metro_exit', 'park', 'mall', 'hospital', 'public_building']) expect(kinds).toContain(kind);
    expect(kinds.filter((kind) => kind === 'metro_exit').length).toBeGreaterThanOrEqual(2);
    expect(kinds.filter((kind) => kind === 'park').length).toBe(basemap.filter((feature) => feature.properties.kind === 'park').length);
  });

  it('keeps buildings off the roads, off the water and apart from each other', () => {
    const buildings = basemap.filter((feature) => feature.properties.kind === 'building').map((feature) => (feature.geometry as Polygon).coordinates[0]?.map(local) ?? []);
    const roads = basemap.filter((feature) => feature.properties.kind === 'road').map((feature) => lineOf(feature).map(local));
    const water = basemap.filter((feature) => feature.properties.kind === 'water').map((feature) => (feature.geometry as Polygon).coordinates[0] ?? []);
    expect(buildings.length).toBeGreaterThan(100);
    expect(water.length).toBeGreaterThan(0);
    const edges = (points: LocalPoint[]): [LocalPoint, LocalPoint][] => points.slice(1).map((point, index) => [points[index] ?? point, point]);
    const boxOf = (points: LocalPoint[]): [number, number, number, number] => [
      Math.min(...points.map((point) => point.x)), Math.min(...points.map((point) => point.y)),
      Math.max(...points.map((point) => point.x)), Math.max(...points.map((point) => point.y)),
    ];
    const boxesMeet = (first: number[], second: number[]): boolean => (first[0] ?? 0) <= (second[2] ?? 0) && (second[0] ?? 0) <= (first[2] ?? 0)
      && (first[1] ?? 0) <= (second[3] ?? 0) && (second[1] ?? 0) <= (first[3] ?? 0);
    const roadSegments = roads.flatMap(edges).map((segment) => ({ segment, box: boxOf(segment) }));
    const buildingBoxes = buildings.map(boxOf);
    const problems: string[] = [];
    buildings.forEach((building, index) => {
      const box = buildingBoxes[index] ?? [];
      for (const { segment: [roadStart, roadEnd], box: roadBox } of roadSegments) {
        if (!boxesMeet(box, roadBox)) continue;
        if (edges(building).some(([wallStart, wallEnd]) => segmentsCross(roadStart, roadEnd, wallStart, wallEnd))) problems.push(`building ${index} crosses a road`);
      }
      buildings.forEach((other, otherIndex) => {
        if (otherIndex === index || !boxesMeet(box, buildingBoxes[otherIndex] ?? [])) return;
        const otherRing = other.map((corner) => [corner.x, corner.y]);
        if (building.some((corner) => insideRing([corner.x, corner.y], otherRing))) problems.push(`building ${index} overlaps building ${otherIndex}`);
      });
      for (const waterRing of water) {
        if (building.some((corner) => insideRing(projection.toLngLat(corner), waterRing))) problems.push(`building ${index} stands in the water`);
      }
    });
    expect(problems).toEqual([]);
  });
});
