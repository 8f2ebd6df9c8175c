// Imports the real OpenStreetMap extracts of ../shared/data (never copied into the project) and
// checks the districts against the files themselves, read by an independent regular-expression
// scan rather than by the importer's readers.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection, LineString, MultiPolygon } from 'geojson';
import { FACILITY_CATEGORIES, LAYER_FILES, type LngLat } from '../../src/domain/facilities/model.ts';
import { parseBasemapLayer, parseBoundaryLayer, parseDistrictManifest, parseFacilityLayer, parseNetworkLayer, parsePlacesLayer } from '../../src/domain/facilities/parse.ts';
import { parseSearchData } from '../../src/domain/search/search-data.ts';
import { type ImportOsmSummary, importOsmFile } from './import-osm-file.ts';

const sharedData = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const EXTRACTS = {
  'paris-marais': 'osm/paris-marais.osm',
  'paris-marais-pbf': 'osm/paris-marais.osm.pbf',
  'berlin-neukolln': 'osm/berlin-neukolln.osm',
  'seattle-roosevelt': 'osm/seattle-roosevelt.osm',
  taipei: 'osm/taipei.osm',
  'singapore-bayfront': 'osm/singapore-bayfront.osm',
  'huangpu-west': 'shanghai/huangpu-west-streets.osm',
} as const;
type District = keyof typeof EXTRACTS;

// ---------------------------------------------------------------------------------------------
// The independent scan of an OSM XML file.

interface ScannedNode { latitude: number; longitude: number; tags: Record<string, string> }
interface ScannedWay { id: number; refs: number[]; tags: Record<string, string> }

const tagsIn = (body: string): Record<string, string> => Object.fromEntries([...body.matchAll(/<tag k="([^"]*)" v="([^"]*)"/g)].map((match) => [match[1], unescape(match[2] as string)]));
const unescape = (text: string): string => text.replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

function scan(file: string): { nodes: Map<number, ScannedNode>; ways: ScannedWay[] } {
  const text = readFileSync(resolve(sharedData, file), 'utf8');
  const nodes = new Map<number, ScannedNode>();
  for (const match of text.matchAll(/<node ([^>]*?)(\/>|>([\s\S]*?)<\/node>)/g)) {
    const attributes = match[1] as string;
    const value = (name: string): number => Number(new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1]);
    nodes.set(value('id'), { latitude: value('lat'), longitude: value('lon'), tags: tagsIn(match[3] ?? '') });
  }
  const ways = [...text.matchAll(/<way ([^>]*)>([\s\S]*?)<\/way>/g)].map((match) => ({
    id: Number(/\bid="(\d+)"/.exec(match[1] as string)?.[1]),
    refs: [...(match[2] as string).matchAll(/<nd ref="(-?\d+)"/g)].map((reference) => Number(reference[1])),
    tags: tagsIn(match[2] as string),
  }));
  return { nodes, ways };
}

// ---------------------------------------------------------------------------------------------

let root: string;
const summaries = new Map<District, ImportOsmSummary>();

function layer(district: District, file: string): Feature[] {
  return (JSON.parse(readFileSync(join(root, district, file), 'utf8')) as FeatureCollection).features;
}
const idsOf = (features: readonly Feature[]): string[] => features.map((item) => String(item.properties?.id));
const nodeIdOf = (id: string): number | null => {
  const match = /^osm:node\/(-?\d+)/.exec(id);
  return match ? Number(match[1]) : null;
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bfmap-osm-'));
  for (const [district, file] of Object.entries(EXTRACTS) as [District, string][]) {
    // Both Paris files make the district paris-marais, so they can be compared file by file.
    summaries.set(district, await importOsmFile(resolve(sharedData, file), join(root, district), { id: district.startsWith('paris-marais') ? 'paris-marais' : district }));
  }
}, 60_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('importing the shared OpenStreetMap extracts', () => {
  it('gives the same district from the Paris XML and the Paris PBF', () => {
    const files = readdirSync(join(root, 'paris-marais')).sort();
    expect(readdirSync(join(root, 'paris-marais-pbf')).sort()).toEqual(files);
    for (const file of files) {
      const xml = JSON.parse(readFileSync(join(root, 'paris-marais', file), 'utf8')) as Record<string, unknown>;
      const pbf = JSON.parse(readFileSync(join(root, 'paris-marais-pbf', file), 'utf8')) as Record<string, unknown>;
      if (file === 'district.json') {
        // Only the source (the file name) differs.
        expect({ ...pbf, source: xml.source }).toEqual(xml);
        expect(pbf.source).toBe('OpenStreetMap (paris-marais.osm.pbf)');
      } else {
        expect(pbf, file).toEqual(xml);
      }
    }
  });

  it.each(Object.keys(EXTRACTS) as District[])('writes every layer of %s so the app\'s parsers read it without a single problem', (district) => {
    const read = (file: string): unknown => JSON.parse(readFileSync(join(root, district, file), 'utf8'));
    const problems = [
      ...FACILITY_CATEGORIES.flatMap((category) => parseFacilityLayer(category, LAYER_FILES[category], read(LAYER_FILES[category])).problems),
      ...parseNetworkLayer(LAYER_FILES.network, read(LAYER_FILES.network)).problems,
      ...parsePlacesLayer(LAYER_FILES.places, read(LAYER_FILES.places)).problems,
      ...parseBoundaryLayer(LAYER_FILES.boundary, read(LAYER_FILES.boundary)).problems,
      ...parseBasemapLayer(LAYER_FILES.basemap, read(LAYER_FILES.basemap)).problems,
    ];
    expect(problems).toEqual([]);
    const { manifest, problems: manifestProblems } = parseDistrictManifest('district.json', read('district.json'));
    expect(manifestProblems).toEqual([]);
    expect(manifest).toMatchObject({ id: district.startsWith('paris-marais') ? 'paris-marais' : district, licence: 'ODbL-1.0', attribution: '© OpenStreetMap contributors', coordinateSystem: 'WGS84', sample: false });
    expect(manifest?.counts.network).toBe(layer(district, LAYER_FILES.network).length);
    expect(parseSearchData(read('search.json')).problem).toBeNull();
  });

  it.each(Object.keys(EXTRACTS) as District[])('joins the network of %s only at shared end coordinates, never in the middle of an edge', (district) => {
    const network = layer(district, LAYER_FILES.network);
    const interior = new Map<string, string>();
    const ends = new Map<string, number>();
    for (const edge of network) {
      const line = (edge.geometry as LineString).coordinates as LngLat[];
      line.slice(1, -1).forEach((position) => interior.set(position.join(','), String(edge.properties?.id)));
      for (const end of [line[0], line[line.length - 1]]) ends.set(String(end), (ends.get(String(end)) ?? 0) + 1);
    }
    const endsInsideEdges = network.flatMap((edge) => {
      const line = (edge.geometry as LineString).coordinates as LngLat[];
      return [line[0], line[line.length - 1]].filter((end) => interior.has(String(end)) && interior.get(String(end)) !== edge.properties?.id);
    });
    expect(endsInsideEdges).toEqual([]);
    // Most ends are shared: the network is one mesh, not loose pieces.
    const sharedEnds = [...ends.values()].filter((count) => count >= 2).length;
    expect(sharedEnds).toBeGreaterThan(ends.size / 2);
  });
});

describe('real counts against the source files', () => {
  it('puts a kerb ramp at every lowered or flush kerb of Paris, Berlin and Seattle, and nowhere else', () => {
    for (const district of ['paris-marais', 'berlin-neukolln', 'seattle-roosevelt'] as const) {
      const { nodes, ways } = scan(EXTRACTS[district]);
      const lowered = new Set([...nodes].filter(([, node]) => node.tags.kerb === 'lowered' || node.tags.kerb === 'flush').map(([id]) => id));
      // A crossing node's kerb says the same as the kerb nodes of its crossing way when the way has
      // them; and of several crossing nodes on one crossing way only the outermost reach its ends.
      for (const way of ways.filter((candidate) => candidate.tags.footway === 'crossing')) {
        const kerbNodes = way.refs.filter((id) => nodes.get(id)?.tags.highway !== 'crossing' && (nodes.get(id)?.tags.kerb !== undefined || nodes.get(id)?.tags.barrier === 'kerb'));
        const kerbedCrossings = way.refs.filter((id) => nodes.get(id)?.tags.highway === 'crossing' && nodes.get(id)?.tags.kerb !== undefined);
        kerbedCrossings.forEach((id, index) => {
          if (kerbNodes.length >= 2 || (index > 0 && index < kerbedCrossings.length - 1)) lowered.delete(id);
        });
      }
      const rampNodes = new Set(layer(district, LAYER_FILES.ramp).filter((ramp) => ramp.properties?.ramp_type === 'kerb_ramp').map((ramp) => nodeIdOf(String(ramp.properties?.id))));
      expect([...rampNodes].sort(), district).toEqual([...lowered].sort());
      expect(lowered.size).toBeGreaterThan(50);
    }
  });

  it('lays tactile paving at the tactile_paving=yes nodes of Paris that are on a walkable way, and only at such nodes', () => {
    const { nodes, ways } = scan(EXTRACTS['paris-marais']);
    const onWays = new Set(ways.filter((way) => way.tags.highway !== undefined).flatMap((way) => way.refs));
    const tactile = [...nodes].filter(([id, node]) => node.tags.tactile_paving === 'yes' && onWays.has(id)).map(([id]) => id);
    const stripNodes = new Set(layer('paris-marais', LAYER_FILES.tactile_paving).map((strip) => nodeIdOf(String(strip.properties?.id))).filter((id) => id !== null));
    for (const id of stripNodes) expect(nodes.get(id as number)?.tags.tactile_paving).toBe('yes');
    // Middle crossing nodes of a crossing way over several carriageways share the strips at its ends.
    expect(tactile.filter((id) => stripNodes.has(id)).length).toBeGreaterThan(tactile.length * 0.97);
  });

  it('imports every elevator of Paris and the steps as steps', () => {
    const { nodes, ways } = scan(EXTRACTS['paris-marais']);
    const elevatorNodes = [...nodes].filter(([, node]) => node.tags.highway === 'elevator').map(([id]) => `osm:node/${id}`);
    const elevatorWays = ways.filter((way) => way.tags.highway === 'elevator').map((way) => `osm:way/${way.id}`);
    expect(idsOf(layer('paris-marais', LAYER_FILES.elevator)).sort()).toEqual([...elevatorNodes, ...elevatorWays].sort());
    const network = layer('paris-marais', LAYER_FILES.network);
    const stepsWays = new Set(network.filter((edge) => edge.properties?.kind === 'steps').map((edge) => String(edge.properties?.id).split(':').slice(0, 2).join(':')));
    const [west, south, east, north] = summaries.get('paris-marais')?.clippedTo.match(/-?[\d.]+/g)?.map(Number) ?? [];
    const inside = (id: number): boolean => {
      const node = nodes.get(id);
      return node !== undefined && node.longitude > (west as number) && node.longitude < (east as number) && node.latitude > (south as number) && node.latitude < (north as number);
    };
    // Steps people may use, drawn as a line (an area of steps has no line to walk).
    const walkable = (tags: Record<string, string>): boolean => tags.area !== 'yes' && tags.foot !== 'no' && (tags.foot !== undefined || !['private', 'no'].includes(tags.access ?? ''));
    const stepsInside = ways.filter((way) => way.tags.highway === 'steps' && walkable(way.tags) && way.tags['ramp:wheelchair'] !== 'yes' && way.refs.every(inside));
    expect(stepsInside.length).toBeGreaterThan(50);
    for (const way of stepsInside) expect(stepsWays.has(`osm:way/${way.id}`), `way/${way.id}`).toBe(true);
  });

  it('keeps the Chinese names of Taipei in name_zh and their English names in name_en', () => {
    const { ways } = scan(EXTRACTS.taipei);
    const network = layer('taipei', LAYER_FILES.network);
    const namedWays = ways.filter((way) => way.tags.name !== undefined && /\p{Script=Han}/u.test(way.tags.name));
    const checked = namedWays.filter((way) => network.some((edge) => String(edge.properties?.id).startsWith(`osm:way/${way.id}:`)));
    expect(checked.length).toBeGreaterThan(10);
    for (const way of checked) {
      const edge = network.find((candidate) => String(candidate.properties?.id).startsWith(`osm:way/${way.id}:`));
      expect(edge?.properties?.name_zh).toBe(way.tags.name);
      expect(edge?.properties?.name_en).toBe(way.tags['name:en'] ?? null);
    }
    const streets = layer('taipei', LAYER_FILES.places).filter((place) => place.properties?.kind === 'street');
    expect(streets.every((street) => street.properties?.name_zh === null || /\p{Script=Han}/u.test(String(street.properties?.name_zh)))).toBe(true);
    expect(new Set(streets.map((street) => street.properties?.name_zh))).toEqual(new Set(
      ways.filter((way) => way.tags.highway !== undefined && !['crossing', 'steps', 'elevator', 'bus_stop', 'platform', 'corridor'].includes(way.tags.highway)
        && way.tags.footway !== 'sidewalk' && way.tags.footway !== 'crossing' && way.tags.name !== undefined && /\p{Script=Han}/u.test(way.tags.name))
        .map((way) => way.tags.name),
    ));
  });

  it('walks every street of western Huangpu on an assumed sidewalk, and no elevated expressway', () => {
    const { ways } = scan(EXTRACTS['huangpu-west']);
    const edgeWays = new Set(layer('huangpu-west', LAYER_FILES.network).filter((edge) => edge.properties?.kind === 'assumed_sidewalk').map((edge) => Number(/^osm:way\/(\d+):/.exec(String(edge.properties?.id))?.[1])));
    const streets = ways.filter((way) => ['primary', 'primary_link', 'secondary', 'secondary_link', 'tertiary', 'tertiary_link', 'residential', 'unclassified', 'service'].includes(way.tags.highway ?? '')
      && way.tags.sidewalk === undefined && way.tags.foot === undefined && way.tags.access === undefined);
    expect(streets.length).toBeGreaterThan(500);
    expect(streets.filter((way) => !edgeWays.has(way.id)).map((way) => way.id)).toEqual([]);
    const expressways = ways.filter((way) => way.tags.highway === 'trunk' || way.tags.highway === 'trunk_link');
    expect(expressways.filter((way) => edgeWays.has(way.id))).toEqual([]);
  });

  it('lists only the toilets of Singapore tagged wheelchair=yes or limited as accessible toilets', () => {
    const { nodes, ways } = scan(EXTRACTS['singapore-bayfront']);
    const accessible = (tags: Record<string, string>): boolean => ['yes', 'limited', 'designated'].includes(tags['toilets:wheelchair'] ?? tags.wheelchair ?? '');
    const expected = [
      ...[...nodes].filter(([, node]) => node.tags.amenity === 'toilets' && accessible(node.tags)).map(([id]) => `osm:node/${id}`),
      ...ways.filter((way) => way.tags.amenity === 'toilets' && accessible(way.tags)).map((way) => `osm:way/${way.id}`),
    ];
    expect(expected.length).toBeGreaterThan(0);
    expect(idsOf(layer('singapore-bayfront', LAYER_FILES.toilet)).filter((id) => !id.endsWith(':toilets')).sort()).toEqual(expected.sort());
  });

  it('names every metro exit of Paris that the file names', () => {
    const { nodes } = scan(EXTRACTS['paris-marais']);
    const summary = summaries.get('paris-marais') as ImportOsmSummary;
    const [west, south, east, north] = summary.clippedTo.match(/-?[\d.]+/g)?.map(Number) as [number, number, number, number];
    const exits = [...nodes].filter(([, node]) => node.tags.railway === 'subway_entrance' && node.tags.name !== undefined
      && node.longitude >= west && node.longitude <= east && node.latitude >= south && node.latitude <= north).map(([id]) => `osm:node/${id}`);
    const places = layer('paris-marais', LAYER_FILES.places).filter((place) => place.properties?.kind === 'metro_exit');
    expect(idsOf(places).sort()).toEqual(exits.sort());
    expect(summary.kinds.places.metro_exit).toBe(exits.length);
  });
});

describe('clipping to a boundary', () => {
  /** Even–odd ray casting, written here so the check does not lean on the importer's own geometry. */
  function inside([x, y]: LngLat, rings: readonly LngLat[][]): boolean {
    let crossings = 0;
    for (const ring of rings) {
      for (let index = 0; index < ring.length - 1; index += 1) {
        const [x1, y1] = ring[index] as LngLat;
        const [x2, y2] = ring[index + 1] as LngLat;
        if ((y1 > y) !== (y2 > y) && x < x1 + ((y - y1) / (y2 - y1)) * (x2 - x1)) crossings += 1;
      }
    }
    return crossings % 2 === 1;
  }

  it('keeps western Huangpu inside the 黄浦区 polygon of the WGS84 district boundaries', async () => {
    const boundaryPath = resolve(sharedData, 'shanghai', 'districts-wgs84.geojson');
    const summary = await importOsmFile(resolve(sharedData, EXTRACTS['huangpu-west']), join(root, 'huangpu-clipped'), { boundaryPath, boundaryName: '黄浦区' });
    const huangpu = (JSON.parse(readFileSync(boundaryPath, 'utf8')) as FeatureCollection).features.find((item) => item.properties?.name === '黄浦区');
    const polygons = (huangpu?.geometry as MultiPolygon).coordinates as LngLat[][][];
    const positions: LngLat[] = [];
    for (const file of [LAYER_FILES.network, LAYER_FILES.places, LAYER_FILES.basemap]) {
      for (const item of layer('huangpu-clipped' as District, file)) {
        const geometry = item.geometry as { type: string; coordinates: unknown };
        positions.push(...(geometry.type === 'Point' ? [geometry.coordinates as LngLat] : geometry.type === 'LineString' ? geometry.coordinates as LngLat[] : (geometry.coordinates as LngLat[][]).flat()));
      }
    }
    // Lines are cut on the boundary itself: allow a centimetre (7 decimals) either side of it.
    const outside = positions.filter((position) => !polygons.some((rings) => inside(position, rings))
      && !polygons.some((rings) => [[0, 1e-7], [0, -1e-7], [1e-7, 0], [-1e-7, 0]].some(([east, north]) => inside([position[0] + (east as number), position[1] + (north as number)], rings))));
    expect(outside).toEqual([]);
    const unclipped = summaries.get('huangpu-west') as ImportOsmSummary;
    expect(summary.counts.network).toBeGreaterThan(100);
    expect(summary.counts.network).toBeLessThan(unclipped.counts.network);
    expect(JSON.parse(readFileSync(join(root, 'huangpu-clipped', 'district.json'), 'utf8')).name).toEqual({ zh: '黄浦区', en: 'huangpu-clipped' });
  });
});
