import { describe, it, expect } from 'vitest';
import type { Feature } from 'geojson';
import type { LngLat } from '../../facilities/model.ts';
import { parseFacilityLayer, parseNetworkLayer, parsePlacesLayer } from '../../facilities/parse.ts';
import { clipAreaFromBoundingBox } from './clip.ts';
import { convertOsm, type OsmConversion } from './convert.ts';
import { distanceMeters } from './geometry.ts';
import { CROSSING_REACH_METERS, LANE_WIDTH_METERS, WARNING_STRIP_METERS } from './network.ts';
import { at, byId, coordinatesOf, extract, type ExtractDescription } from './test-elements.ts';

function convert(description: ExtractDescription, clipMeters: number | null = null): OsmConversion {
  const [west, south] = at(-(clipMeters ?? 0), -(clipMeters ?? 0));
  const [east, north] = at(clipMeters ?? 0, clipMeters ?? 0);
  return convertOsm(extract(description), { clip: clipMeters === null ? null : clipAreaFromBoundingBox([west, south, east, north]), basemap: true });
}

const ids = (features: readonly Feature[]): string[] => features.map((item) => item.properties?.id as string);
const property = (features: readonly Feature[], id: string, name: string): unknown => byId(features, id)?.properties?.[name];
const same = (first: LngLat | undefined, second: LngLat | undefined): boolean => first !== undefined && second !== undefined && first[0] === second[0] && first[1] === second[1];

/** Every edge end that touches another edge touches it at one of that edge's ends, never mid-line. */
function endsInsideOtherEdges(network: readonly Feature[]): string[] {
  const interior = new Map<string, string>();
  for (const edge of network) {
    const line = coordinatesOf(edge);
    for (const position of line.slice(1, -1)) interior.set(position.join(','), edge.properties?.id as string);
  }
  const problems: string[] = [];
  for (const edge of network) {
    const line = coordinatesOf(edge);
    for (const end of [line[0], line[line.length - 1]]) {
      const other = end === undefined ? undefined : interior.get(end.join(','));
      if (other !== undefined && other !== edge.properties?.id) problems.push(`${edge.properties?.id as string} ends inside ${other}`);
    }
  }
  return problems;
}

function expectValidLayers(result: OsmConversion): void {
  const collection = (features: readonly Feature[]) => ({ type: 'FeatureCollection', features });
  const problems = [
    ...parseFacilityLayer('ramp', 'ramps.geojson', collection(result.layers.ramps)).problems,
    ...parseFacilityLayer('toilet', 'toilets.geojson', collection(result.layers.toilets)).problems,
    ...parseFacilityLayer('elevator', 'elevators.geojson', collection(result.layers.elevators)).problems,
    ...parseFacilityLayer('tactile_paving', 'tactile-paving.geojson', collection(result.layers.tactilePaving)).problems,
    ...parseNetworkLayer('network.geojson', collection(result.layers.network)).problems,
    ...parsePlacesLayer('places.geojson', collection(result.layers.places)).problems,
  ];
  expect(problems).toEqual([]);
}

describe('splitting the walkable network', () => {
  const footways: ExtractDescription = {
    nodes: { 1: [0, 0], 2: [10, 0], 3: [20, 0], 4: [10, 10] },
    ways: { 100: [[1, 2, 3], { highway: 'footway' }], 200: [[2, 4], { highway: 'footway' }] },
  };

  it('splits a way where another walkable way shares its node, so both end exactly there', () => {
    const { layers } = convert(footways);
    expect(ids(layers.network)).toEqual(['osm:way/100:1', 'osm:way/100:2', 'osm:way/200:1']);
    const shared = at(10, 0);
    expect(coordinatesOf(byId(layers.network, 'osm:way/100:1')).at(-1)).toEqual(shared);
    expect(coordinatesOf(byId(layers.network, 'osm:way/100:2'))[0]).toEqual(shared);
    expect(coordinatesOf(byId(layers.network, 'osm:way/200:1'))[0]).toEqual(shared);
    expect(endsInsideOtherEdges(layers.network)).toEqual([]);
  });

  it('gives the same district whatever order the file lists the ways in', () => {
    const reversed: ExtractDescription = { nodes: footways.nodes, ways: { 200: footways.ways?.[200] as never, 100: footways.ways?.[100] as never } };
    expect(JSON.stringify(convert(reversed).layers)).toBe(JSON.stringify(convert(footways).layers));
  });

  it('keeps footway=sidewalk and steps as their kinds, with step count and handrail', () => {
    const { layers } = convert({
      nodes: { 1: [0, 0], 2: [10, 0], 3: [10, 5] },
      ways: {
        1: [[1, 2], { highway: 'footway', footway: 'sidewalk', surface: 'paving_stones', width: '2.5' }],
        2: [[2, 3], { highway: 'steps', step_count: '12', 'handrail:left': 'yes', incline: 'up' }],
      },
    });
    expect(byId(layers.network, 'osm:way/1:1')?.properties).toMatchObject({ kind: 'sidewalk', surface: 'paving_stones', width_m: 2.5 });
    expect(byId(layers.network, 'osm:way/2:1')?.properties).toMatchObject({ kind: 'steps', step_count: 12, handrail: true, incline_percent: null });
  });
});

describe('streets without mapped sidewalks', () => {
  const street = (tags: Record<string, string>) => convert({ nodes: { 1: [0, 0], 2: [50, 0] }, ways: { 7: [[1, 2], { highway: 'residential', name: '梧桐路', ...tags }] } }).layers.network;

  it('walks a street with no sidewalk tag along an assumed sidewalk of unknown accessibility', () => {
    const [edge] = street({});
    expect(edge?.properties).toMatchObject({ id: 'osm:way/7:1', kind: 'assumed_sidewalk', name_zh: '梧桐路', width_m: null, surface: null, tactile_paving: null });
  });

  it('takes the sidewalk width and surface, never the carriageway\'s', () => {
    const [edge] = street({ width: '12', surface: 'asphalt', 'sidewalk:both:width': '3', 'sidewalk:surface': 'paving_stones' });
    expect(edge?.properties).toMatchObject({ width_m: 3, surface: 'paving_stones' });
  });

  it.each([
    [{ sidewalk: 'both' }, 1], [{ sidewalk: 'left' }, 1], [{ 'sidewalk:left': 'yes', 'sidewalk:right': 'no' }, 1],
    [{ sidewalk: 'separate' }, 0], [{ sidewalk: 'no' }, 0], [{ 'sidewalk:both': 'separate' }, 0],
    [{ 'sidewalk:left': 'separate', 'sidewalk:right': 'no' }, 0], [{ foot: 'no' }, 0],
  ])('%j gives %d assumed sidewalk edges', (tags, count) => {
    expect(street(tags)).toHaveLength(count);
  });

  it('does not walk trunk roads and motorways unless foot or sidewalk says so', () => {
    const road = (tags: Record<string, string>) => convert({ nodes: { 1: [0, 0], 2: [50, 0] }, ways: { 7: [[1, 2], { highway: 'trunk', ...tags }] } }).layers.network;
    expect(road({})).toHaveLength(0);
    expect(road({ foot: 'yes' })).toHaveLength(1);
    expect(road({ sidewalk: 'both' })).toHaveLength(1);
  });
});

describe('crossing nodes on a walked street', () => {
  const crossing = (tags: Record<string, string>) => convert({
    nodes: { 1: [-30, 0], 2: [0, 0, { highway: 'crossing', ...tags }], 3: [30, 0] },
    ways: { 10: [[1, 2, 3], { highway: 'residential', name: 'Heping Road' }] },
  });

  it('crosses the street perpendicular to it, in two halves joined to the street at the node', () => {
    const { layers } = crossing({ crossing: 'traffic_signals', 'traffic_signals:sound': 'yes' });
    expect(ids(layers.network)).toEqual(['osm:way/10:1', 'osm:way/10:2', 'osm:node/2:crossing-1', 'osm:node/2:crossing-2']);
    const halves = ['osm:node/2:crossing-1', 'osm:node/2:crossing-2'].map((id) => coordinatesOf(byId(layers.network, id)));
    for (const half of halves) {
      expect(half[0]).toEqual(at(0, 0));
      // A residential street without width or lanes is two lanes of LANE_WIDTH_METERS: half of that each side.
      expect(distanceMeters(half[0] as LngLat, half[1] as LngLat)).toBeCloseTo(LANE_WIDTH_METERS, 1);
      expect(Math.abs((half[1] as LngLat)[0] - at(0, 0)[0])).toBeLessThan(1e-6);
    }
    expect(byId(layers.network, 'osm:node/2:crossing-1')?.properties).toMatchObject({
      kind: 'crossing', crossing: 'traffic_signals', crossing_sound: true, name_en: 'Heping Road crossing', kerb_start: null,
    });
    expect(endsInsideOtherEdges(layers.network)).toEqual([]);
  });

  it('puts a kerb ramp at exactly each end of a crossing with kerb=lowered, and the kerb on the edge end', () => {
    const { layers } = crossing({ kerb: 'lowered', 'kerb:height': '2 cm' });
    expect(ids(layers.ramps)).toEqual(['osm:node/2:kerb-1', 'osm:node/2:kerb-2']);
    for (const [serial, ramp] of layers.ramps.entries()) {
      const edge = byId(layers.network, `osm:node/2:crossing-${serial + 1}`);
      expect(coordinatesOf(ramp)[0]).toEqual(coordinatesOf(edge).at(-1));
      expect(ramp.properties).toMatchObject({ ramp_type: 'kerb_ramp', kerb_lip_mm: 20, status: 'unknown' });
      expect(edge?.properties).toMatchObject({ kerb_end: 'lowered', kerb_end_height_mm: 20 });
    }
    expectValidLayers(crossing({ kerb: 'lowered' }));
  });

  it('records a raised kerb on the edge end and makes no ramp of it', () => {
    const { layers } = crossing({ kerb: 'raised' });
    expect(layers.ramps).toEqual([]);
    expect(property(layers.network, 'osm:node/2:crossing-1', 'kerb_end')).toBe('raised');
  });

  it('lays a warning strip of tactile paving across each crossing end, along the kerb', () => {
    const { layers } = crossing({ tactile_paving: 'yes', crossing: 'zebra' });
    expect(ids(layers.tactilePaving)).toEqual(['osm:node/2:tactile-1', 'osm:node/2:tactile-2']);
    for (const [serial, strip] of layers.tactilePaving.entries()) {
      const [start, end] = coordinatesOf(strip) as [LngLat, LngLat];
      expect(distanceMeters(start, end)).toBeCloseTo(WARNING_STRIP_METERS, 1);
      // Along the kerb means along the street: east–west here, so both ends share a latitude.
      expect(Math.abs(start[1] - end[1])).toBeLessThan(2e-7);
      const crossingEnd = coordinatesOf(byId(layers.network, `osm:node/2:crossing-${serial + 1}`)).at(-1) as LngLat;
      expect(distanceMeters([(start[0] + end[0]) / 2, (start[1] + end[1]) / 2], crossingEnd)).toBeLessThan(0.05);
      expect(strip.properties).toMatchObject({ tactile_type: 'warning', category: 'tactile_paving' });
    }
    expect(property(layers.network, 'osm:node/2:crossing-1', 'tactile_paving')).toBe(true);
    expect(property(layers.network, 'osm:node/2:crossing-1', 'crossing_sound')).toBe(false);
  });

  it('makes no crossing where crossing=no', () => {
    const result = crossing({ crossing: 'no', kerb: 'lowered' });
    expect(result.layers.network.map((edge) => edge.properties?.kind)).toEqual(['assumed_sidewalk']);
    expect(result.layers.ramps).toEqual([]);
    expect(Object.keys(result.notImported)).toEqual(['crossing nodes tagged crossing=no (nobody may cross there)']);
  });
});

describe('crossing nodes on a street whose sidewalks are mapped separately', () => {
  const { layers } = convert({
    nodes: {
      1: [-30, 0], 2: [0, 0, { highway: 'crossing', crossing: 'marked' }], 3: [30, 0],
      11: [-30, 8], 12: [0, 8, { barrier: 'kerb', kerb: 'raised' }], 13: [30, 8],
      21: [-30, -8], 22: [0, -8, { barrier: 'kerb', kerb: 'lowered', tactile_paving: 'yes' }], 23: [30, -8],
    },
    ways: {
      10: [[1, 2, 3], { highway: 'secondary', sidewalk: 'separate' }],
      20: [[11, 12, 13], { highway: 'footway', footway: 'sidewalk' }],
      30: [[21, 22, 23], { highway: 'footway', footway: 'sidewalk' }],
    },
  });

  it('reaches across to the sidewalk nodes straight ahead and joins the sidewalks there', () => {
    const edge = byId(layers.network, 'osm:node/2:crossing');
    expect(coordinatesOf(edge)).toEqual([at(0, 8), at(0, 0), at(0, -8)]);
    expect(8).toBeLessThan(CROSSING_REACH_METERS);
    expect(ids(layers.network)).toEqual(['osm:way/20:1', 'osm:way/20:2', 'osm:way/30:1', 'osm:way/30:2', 'osm:node/2:crossing']);
    expect(endsInsideOtherEdges(layers.network)).toEqual([]);
  });

  it('takes each end\'s kerb from the kerb node it lands on', () => {
    expect(byId(layers.network, 'osm:node/2:crossing')?.properties).toMatchObject({ kerb_start: 'raised', kerb_end: 'lowered', crossing: 'marked' });
    expect(ids(layers.ramps)).toEqual(['osm:node/22']);
    expect(coordinatesOf(layers.ramps[0])).toEqual([at(0, -8)]);
    expect(ids(layers.tactilePaving)).toEqual(['osm:node/22:tactile']);
  });
});

describe('crossing ways', () => {
  // Sidewalk – kerb – carriageway (crossing node on the street) – kerb – sidewalk, as mapped in Berlin.
  const { layers } = convert({
    nodes: {
      1: [0, 10], 2: [0, 6, { barrier: 'kerb', kerb: 'lowered', 'kerb:height': '0.01' }], 3: [0, 0, { highway: 'crossing', crossing: 'unmarked' }],
      4: [0, -6, { barrier: 'kerb', kerb: 'raised' }], 5: [0, -10], 8: [-30, 0], 9: [30, 0],
    },
    ways: {
      40: [[1, 2, 3, 4, 5], { highway: 'footway', footway: 'crossing' }],
      50: [[8, 3, 9], { highway: 'residential', name: 'Sonnenallee' }],
    },
  });

  it('is a crossing between its kerbs and a footway on the sidewalk beyond them', () => {
    expect(layers.network.filter((edge) => String(edge.properties?.id).startsWith('osm:way/40')).map((edge) => [edge.properties?.id, edge.properties?.kind])).toEqual([
      ['osm:way/40:1', 'footway'], ['osm:way/40:2', 'crossing'], ['osm:way/40:3', 'crossing'], ['osm:way/40:4', 'footway'],
    ]);
    expect(endsInsideOtherEdges(layers.network)).toEqual([]);
  });

  it('puts each kerb on the crossing edge end at its node, and a ramp only at the lowered one', () => {
    expect(byId(layers.network, 'osm:way/40:2')?.properties).toMatchObject({ kerb_start: 'lowered', kerb_start_height_mm: 10, kerb_end: null, crossing: 'unmarked', crossing_sound: false });
    expect(byId(layers.network, 'osm:way/40:3')?.properties).toMatchObject({ kerb_start: null, kerb_end: 'raised' });
    expect(ids(layers.ramps)).toEqual(['osm:node/2']);
    expect(coordinatesOf(layers.ramps[0])).toEqual([at(0, 6)]);
    expect(property(layers.network, 'osm:way/40:2', 'name_en')).toBe('Sonnenallee crossing');
  });

  it('lets the crossing node\'s kerb cover ends without a kerb node of their own', () => {
    const result = convert({
      nodes: { 1: [0, 5], 3: [0, 0, { highway: 'crossing', kerb: 'flush' }], 5: [0, -5], 8: [-30, 0], 9: [30, 0] },
      ways: { 40: [[1, 3, 5], { highway: 'footway', footway: 'crossing' }], 50: [[8, 3, 9], { highway: 'residential' }] },
    });
    expect(property(result.layers.network, 'osm:way/40:1', 'kerb_start')).toBe('flush');
    expect(property(result.layers.network, 'osm:way/40:2', 'kerb_end')).toBe('flush');
    expect(ids(result.layers.ramps)).toEqual(['osm:node/3:kerb-1', 'osm:node/3:kerb-2']);
    expect(coordinatesOf(result.layers.ramps[1])).toEqual([at(0, -5)]);
  });
});

describe('ramps, elevators and tactile lines', () => {
  it('makes steps with ramp:wheelchair=yes a ramp edge through a wheelchair ramp facility', () => {
    const { layers } = convert({
      nodes: { 1: [0, 0], 2: [0, 10] },
      ways: { 60: [[1, 2], { highway: 'steps', 'ramp:wheelchair': 'yes', incline: '-8%', handrail: 'yes' }] },
    });
    expect(byId(layers.network, 'osm:way/60:1')?.properties).toMatchObject({ kind: 'ramp', facility_id: 'osm:way/60', incline_percent: -8 });
    expect(byId(layers.ramps, 'osm:way/60')?.properties).toMatchObject({ ramp_type: 'wheelchair_ramp', slope_percent: 8, handrail: true });
    expect(coordinatesOf(byId(layers.ramps, 'osm:way/60'))[0]).toEqual(at(0, 5));
  });

  it('keeps steps with ramp=yes alone as steps: that ramp may be for bicycles', () => {
    const { layers } = convert({ nodes: { 1: [0, 0], 2: [0, 10] }, ways: { 60: [[1, 2], { highway: 'steps', ramp: 'yes' }] } });
    expect(property(layers.network, 'osm:way/60:1', 'kind')).toBe('steps');
    expect(layers.ramps).toEqual([]);
  });

  it('routes every way reaching an elevator node through a short elevator edge', () => {
    const { layers } = convert({
      nodes: { 1: [-20, 0], 2: [0, 0, { highway: 'elevator', level: '0;1', speech_output: 'yes' }], 3: [20, 0] },
      ways: { 70: [[1, 2], { highway: 'footway', level: '0' }], 71: [[2, 3], { highway: 'footway', level: '1' }] },
    });
    expect(byId(layers.elevators, 'osm:node/2')?.properties).toMatchObject({ elevator_type: 'elevator', voice: true, connects_zh: '0层 ↔ 1层', connects_en: 'levels 0 ↔ 1' });
    const spokes = layers.network.filter((edge) => edge.properties?.kind === 'elevator');
    expect(spokes.map((edge) => edge.properties?.facility_id)).toEqual(['osm:node/2', 'osm:node/2']);
    for (const spoke of spokes) {
      const line = coordinatesOf(spoke);
      expect(line[0]).toEqual(at(0, 0));
      expect(distanceMeters(line[0] as LngLat, line[1] as LngLat)).toBeCloseTo(2, 1);
      const rest = layers.network.find((edge) => edge.properties?.kind === 'footway' && same(coordinatesOf(edge)[0], line[1]) || same(coordinatesOf(edge).at(-1), line[1]));
      expect(rest).toBeDefined();
    }
    expectValidLayers(convert({ nodes: { 1: [-20, 0], 2: [0, 0, { highway: 'elevator' }], 3: [20, 0] }, ways: { 70: [[1, 2, 3], { highway: 'footway' }] } }));
  });

  it('draws a guiding line along a footway tagged with tactile paving, and a strip at tactile nodes on steps', () => {
    const { layers } = convert({
      nodes: { 1: [0, 0], 2: [30, 0], 3: [30, 5, { tactile_paving: 'yes' }] },
      ways: { 80: [[1, 2], { highway: 'footway', tactile_paving: 'yes' }], 81: [[2, 3], { highway: 'steps' }] },
    });
    expect(byId(layers.tactilePaving, 'osm:way/80:tactile')?.properties).toMatchObject({ tactile_type: 'guiding', continuity: null });
    expect(coordinatesOf(byId(layers.tactilePaving, 'osm:way/80:tactile'))).toEqual([at(0, 0), at(30, 0)]);
    expect(byId(layers.tactilePaving, 'osm:node/3:tactile')?.properties?.tactile_type).toBe('warning');
  });
});

describe('toilets', () => {
  const toilets = convert({
    nodes: {
      1: [0, 0, { amenity: 'toilets', wheelchair: 'yes', 'toilets:access': 'customers', changing_table: 'yes', opening_hours: '24/7', name: '梧桐公园卫生间' }],
      2: [5, 0, { amenity: 'toilets', wheelchair: 'no' }],
      3: [10, 0, { amenity: 'toilets' }],
      4: [15, 0, { amenity: 'restaurant', name: 'Chez Nous', 'toilets:wheelchair': 'yes' }],
      5: [20, 0, { amenity: 'toilets', wheelchair: 'limited', access: 'private' }],
      6: [25, 0, { amenity: 'toilets', wheelchair: 'no', 'toilets:wheelchair': 'yes', centralkey: 'eurokey' }],
    },
  });

  it('lists only toilets someone said are wheelchair accessible', () => {
    expect(ids(toilets.layers.toilets)).toEqual(['osm:node/1', 'osm:node/4:toilets', 'osm:node/6']);
    expect(toilets.notImported).toEqual({
      'toilets with wheelchair=no (not accessible)': 1,
      'toilets without wheelchair information (not listed as accessible)': 1,
      'accessible toilets not open to the public (access=private or no)': 1,
    });
  });

  it('reads access, changing table and opening hours, and leaves what OSM does not say unknown', () => {
    expect(byId(toilets.layers.toilets, 'osm:node/1')?.properties).toMatchObject({
      access: 'customers', changing_table: true, opening_hours: '24/7', name_zh: '梧桐公园卫生间', grab_bars: null, door_width_m: null, status: 'unknown',
    });
    expect(property(toilets.layers.toilets, 'osm:node/6', 'access')).toBe('key');
    expect(property(toilets.layers.toilets, 'osm:node/4:toilets', 'name_en')).toBe('Accessible toilet, Chez Nous');
  });

  it('makes the restaurant a place and the toilets not', () => {
    expect(ids(toilets.layers.places)).toEqual(['osm:node/4']);
    expectValidLayers(toilets);
  });
});

describe('places', () => {
  const { layers } = convert({
    nodes: {
      1: [0, 0, { railway: 'subway_entrance', name: '人民广场站 2号口', 'name:en': "People's Square Station Exit 2" }],
      2: [5, 0, { public_transport: 'stop_position', name: 'Rivoli' }],
      3: [10, 0, { amenity: 'hospital', name: '瑞金医院' }],
      4: [15, 0, { amenity: 'bench' }],
      11: [0, 20], 12: [100, 20], 13: [140, 20],
    },
    ways: { 300: [[11, 12], { highway: 'residential', name: '淮海中路' }], 301: [[12, 13], { highway: 'residential', name: '淮海中路' }] },
  });

  it('turns named points of interest into places of the right kind', () => {
    expect(layers.places.filter((place) => place.properties?.kind !== 'street').map((place) => [place.properties?.id, place.properties?.kind])).toEqual([
      ['osm:node/1', 'metro_exit'], ['osm:node/3', 'hospital'],
    ]);
  });

  it('makes one place per named street, at the middle of its longest stretch', () => {
    const streets = layers.places.filter((place) => place.properties?.kind === 'street');
    expect(streets.map((street) => street.properties?.id)).toEqual(['osm:way/300:street']);
    expect(distanceMeters(coordinatesOf(streets[0])[0] as LngLat, at(50, 20))).toBeLessThan(0.05);
  });
});

describe('bad input', () => {
  it('warns about an accessibility tag with a value it does not understand, naming the element, and reads it as unknown', () => {
    const result = convert({
      nodes: { 1: [0, 0, { amenity: 'toilets', wheelchair: 'maybe' }], 2: [10, 0] },
      ways: { 5: [[1, 2], { highway: 'footway', incline: 'steep', sidewalk: 'sometimes' }] },
    });
    const examples = result.warnings.list().flatMap((group) => group.examples);
    expect(examples.map((warning) => [warning.kind, warning.element])).toEqual([['bad_value', 'way/5'], ['bad_value', 'node/1']]);
    expect(examples[1]?.detail).toMatch(/node\/1: wheelchair=maybe is not understood/);
    expect(property(result.layers.network, 'osm:way/5:1', 'incline_percent')).toBeNull();
    expect(result.layers.toilets).toEqual([]);
  });

  it('uses what remains of a way with missing nodes, and says which way and how many', () => {
    const result = convert({ nodes: { 1: [0, 0], 3: [20, 0], 5: [40, 0] }, ways: { 9: [[1, 2, 3, 4, 5], { highway: 'footway' }] } });
    expect(coordinatesOf(byId(result.layers.network, 'osm:way/9:1'))).toEqual([at(0, 0), at(20, 0), at(40, 0)]);
    const [group] = result.warnings.list();
    expect(group).toMatchObject({ kind: 'missing_nodes', count: 1 });
    expect(group?.examples[0]?.detail).toBe('way/9 names 2 of its 5 nodes that are not in the file; the 3 present are used');
  });

  it('leaves out ways with fewer than two usable nodes, zero-length ways and nodes outside WGS84', () => {
    const store = extract({ nodes: { 1: [0, 0], 2: [0, 0] }, ways: { 9: [[1, 99], { highway: 'footway' }], 10: [[1, 2], { highway: 'footway' }], 11: [[1, 50], { highway: 'footway' }] } });
    store.addNode(50, 121.47, 95, null);
    const result = convertOsm(store, { clip: null, basemap: false });
    expect(result.layers.network).toEqual([]);
    expect(result.warnings.list().map((group) => [group.kind, group.examples.map((warning) => warning.element)])).toEqual([
      ['too_few_nodes', ['way/9', 'way/11']], ['out_of_range', ['node/50']], ['zero_length', ['way/10']],
    ]);
  });
});

describe('clipping to the district', () => {
  it('cuts lines at the edge and leaves out points beyond it', () => {
    const { layers } = convert({
      nodes: { 1: [-50, 0], 2: [50, 0], 3: [40, 40, { amenity: 'library', name: 'Bibliothèque' }], 4: [5, 5, { amenity: 'library', name: '图书馆' }] },
      ways: { 1: [[1, 2], { highway: 'footway' }] },
    }, 20);
    const line = coordinatesOf(byId(layers.network, 'osm:way/1:1'));
    expect(line[0]?.[0]).toBeCloseTo(at(-20, 0)[0], 7);
    expect(line[1]?.[0]).toBeCloseTo(at(20, 0)[0], 7);
    expect(ids(layers.places)).toEqual(['osm:node/4']);
  });
});
