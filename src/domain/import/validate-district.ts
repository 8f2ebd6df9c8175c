// Checks a whole district folder against the data contract (data/README.md). Every file goes
// through the project's parsers (src/domain/facilities/parse.ts), and on top of them come the
// rules that need more than one feature or more than one file:
//
//   - district.json: its id names the folder, its counts match the files, its bbox holds every
//     coordinate and its centre lies inside it;
//   - every coordinate of every layer lies inside the boundary (a few metres of tolerance, for
//     rounding to 7 decimals and for lines clipped at the edge);
//   - ids are unique across layers, and a network edge's facility_id names a facility that exists;
//   - network edges that meet share the exact same end coordinate, so two ends closer than
//     half a metre that are not equal are most likely a join that routing will miss;
//   - a kerb ramp sits exactly on the end of a crossing ("ramps.geojson", data/README.md);
//   - boundary exterior rings run counter-clockwise (RFC 7946 §3.1.6), coordinates have at most
//     7 decimals;
//   - search.json is present, readable and matches the layers.
//
// Errors make the folder invalid; warnings are worth fixing but the app copes with them.
import type { Feature, Geometry, Position } from 'geojson';
import {
  FACILITY_CATEGORIES, LAYER_FILES, REQUIRED_LAYERS, type Facility, type FacilityCategory, type LayerCounts, type LngLat, type NetworkEdge, type Place,
} from '../facilities/model.ts';
import {
  parseBasemapLayer, parseBoundaryLayer, parseDistrictManifest, parseFacilityLayer, parseJsonText, parseNetworkLayer, parsePlacesLayer,
  type DataProblem,
} from '../facilities/parse.ts';
import { distanceMeters, insidePolygon, nearestPointOnLine, offsetLngLat } from '../geo/index.ts';
import { boundingBoxPolygon, featuresBoundingBox } from './district-files.ts';

/** How far outside the boundary a coordinate may lie before it counts as outside: rounding and clipping, not data. */
export const BOUNDARY_TOLERANCE_METERS = 5;
/** Two edge ends closer than this that are not the same coordinate are reported as a missed join. */
export const NEAR_MISS_JOIN_METERS = 0.5;
/** The contract's precision: 7 decimals, about 1 cm. */
const COORDINATE_DECIMALS = 7;

export const MANIFEST_FILE = 'district.json';
export const SEARCH_FILE = 'search.json';

export interface ValidationProblem {
  file: string;
  /** The feature's id, `#<index>` when it has none (or shares it), a manifest field, or `*` for the whole file. */
  feature: string;
  severity: 'error' | 'warning';
  /** English, says what is wrong. */
  message: string;
}

export interface ValidationResult {
  problems: ValidationProblem[];
  errorCount: number;
  warningCount: number;
  /** Features read per layer file (after the parser left out the bad ones). */
  featureCounts: Record<string, number>;
}

export interface DistrictFolderContent {
  /** The folder's name, which district.json's id must equal. */
  folderName: string;
  /** Text of each file by name; a missing file is absent or null. */
  files: Readonly<Record<string, string | null | undefined>>;
  /**
   * Builds the search.json the layers should have (the pinyin library lives in Node, outside the
   * domain); without it search.json is only checked for shape and coverage.
   */
  rebuildSearchData?: (facilities: readonly Facility[], places: readonly Place[]) => unknown;
}

// ---------------------------------------------------------------------------------------------
// Boundary containment

/** The polygons of boundary features, each as rings of [longitude, latitude]. */
export type BoundaryPolygons = LngLat[][][];

export function boundaryPolygons(features: readonly Feature[]): BoundaryPolygons {
  const polygons: BoundaryPolygons = [];
  for (const feature of features) {
    const geometry = feature.geometry;
    if (geometry?.type === 'Polygon') polygons.push(geometry.coordinates as LngLat[][]);
    if (geometry?.type === 'MultiPolygon') polygons.push(...(geometry.coordinates as LngLat[][][]));
  }
  return polygons;
}

/** 0 for a position inside the boundary, else its distance to the nearest boundary edge in metres. */
export function distanceOutsideBoundaryMeters(position: LngLat, polygons: BoundaryPolygons): number {
  if (polygons.some((rings) => insidePolygon(position, rings))) return 0;
  let nearest = Infinity;
  for (const rings of polygons) {
    for (const ring of rings) nearest = Math.min(nearest, nearestPointOnLine(position, ring).distanceMeters);
  }
  return nearest;
}

export function isInsideBoundary(position: LngLat, polygons: BoundaryPolygons, toleranceMeters = BOUNDARY_TOLERANCE_METERS): boolean {
  return distanceOutsideBoundaryMeters(position, polygons) <= toleranceMeters;
}

/** The margin around the data of a district made without a boundary: one facility or one straight street still gets an area. */
export const DEFAULT_BOUNDARY_MARGIN_METERS = 25;

/**
 * A boundary for a district given none: the box around every coordinate of the features, widened
 * by `marginMeters` on each side (counter-clockwise, RFC 7946 §3.1.6). Null when there are no coordinates.
 */
export function boundaryAround(features: readonly Feature[], marginMeters = DEFAULT_BOUNDARY_MARGIN_METERS): Feature | null {
  const box = featuresBoundingBox(features);
  if (box === null) return null;
  const [west, south] = offsetLngLat([box[0], box[1]], -marginMeters, -marginMeters);
  const [east, north] = offsetLngLat([box[2], box[3]], marginMeters, marginMeters);
  const round7 = (value: number): number => Math.round(value * 1e7) / 1e7;
  return boundingBoxPolygon([round7(west), round7(south), round7(east), round7(north)]);
}

/** Twice the signed area of a ring in degrees²; positive when it runs counter-clockwise. */
function signedRingArea(ring: readonly Position[]): number {
  let area = 0;
  for (let index = 1; index < ring.length; index += 1) {
    const [startLongitude = 0, startLatitude = 0] = ring[index - 1] as Position;
    const [endLongitude = 0, endLatitude = 0] = ring[index] as Position;
    area += startLongitude * endLatitude - endLongitude * startLatitude;
  }
  return area;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point': return [geometry.coordinates];
    case 'MultiPoint': case 'LineString': return geometry.coordinates;
    case 'MultiLineString': case 'Polygon': return geometry.coordinates.flat();
    case 'MultiPolygon': return geometry.coordinates.flat(2);
    case 'GeometryCollection': return geometry.geometries.flatMap(positionsOf);
  }
}

function decimalsOf(value: number): number {
  const text = String(value);
  if (text.includes('e-')) return Number(text.split('e-')[1]) + (text.split('e')[0]?.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

const describePosition = (position: Position): string => `[${position[0]}, ${position[1]}]`;

function roundedMeters(meters: number): string {
  return meters < 10 ? meters.toFixed(2) : String(Math.round(meters));
}

/** Reads a parser problem as a validation line: the parser's "<file> feature N (id)" prefix becomes the feature slot. */
function fromDataProblem(problem: DataProblem): ValidationProblem {
  let message = problem.detail;
  let feature = '*';
  if (problem.featureIndex !== null) {
    const label = `${problem.file} feature ${problem.featureIndex}${problem.featureId ? ` (${problem.featureId})` : ''}`;
    if (message.startsWith(label)) message = message.slice(label.length).replace(/^:?\s*/, '');
    // A duplicate id does not say which feature; its index does.
    feature = problem.featureId !== null && problem.code !== 'duplicate_id' ? problem.featureId : `#${problem.featureIndex}`;
  } else if (problem.code === 'invalid_manifest') {
    if (message.startsWith(`${problem.file}: `)) message = message.slice(problem.file.length + 2);
    feature = problem.field ?? '*';
  }
  return { file: problem.file, feature, severity: problem.severity, message };
}

function rawFeatures(json: unknown): unknown[] {
  const features = (json as { features?: unknown } | null)?.features;
  return Array.isArray(features) ? features : [];
}

interface LocatedFeature {
  file: string;
  id: string;
  geometry: Geometry;
}

// ---------------------------------------------------------------------------------------------
// Network joins

/** Edge ends closer than NEAR_MISS_JOIN_METERS that are not the same coordinate, each pair once. */
function nearMissJoins(edges: readonly NetworkEdge[], file: string): ValidationProblem[] {
  interface End { edgeIndex: number; which: 'first' | 'last'; position: LngLat }
  const cellDegrees = 1e-5; // about 1.1 m of latitude, more than twice the search distance
  const cells = new Map<string, End[]>();
  const ends: End[] = [];
  edges.forEach((edge, edgeIndex) => {
    const coordinates = edge.geometry.coordinates as LngLat[];
    const first = coordinates[0];
    const last = coordinates[coordinates.length - 1];
    if (first) ends.push({ edgeIndex, which: 'first', position: first });
    if (last) ends.push({ edgeIndex, which: 'last', position: last });
  });
  const cellKey = (column: number, row: number): string => `${column}:${row}`;
  for (const end of ends) {
    const key = cellKey(Math.floor(end.position[0] / cellDegrees), Math.floor(end.position[1] / cellDegrees));
    const list = cells.get(key) ?? [];
    list.push(end);
    cells.set(key, list);
  }
  const problems: ValidationProblem[] = [];
  const reported = new Set<string>();
  for (const end of ends) {
    const column = Math.floor(end.position[0] / cellDegrees);
    const row = Math.floor(end.position[1] / cellDegrees);
    for (let columnStep = -1; columnStep <= 1; columnStep += 1) {
      for (let rowStep = -1; rowStep <= 1; rowStep += 1) {
        for (const other of cells.get(cellKey(column + columnStep, row + rowStep)) ?? []) {
          if (other.edgeIndex === end.edgeIndex) continue;
          if (other.position[0] === end.position[0] && other.position[1] === end.position[1]) continue;
          const gap = distanceMeters(end.position, other.position);
          if (gap >= NEAR_MISS_JOIN_METERS) continue;
          const pairKey = [`${end.edgeIndex}${end.which}`, `${other.edgeIndex}${other.which}`].sort().join('|');
          if (reported.has(pairKey)) continue;
          reported.add(pairKey);
          const edge = edges[end.edgeIndex] as NetworkEdge;
          const otherEdge = edges[other.edgeIndex] as NetworkEdge;
          problems.push({
            file, feature: edge.id, severity: 'warning',
            message: `its ${end.which} position ${describePosition(end.position)} is ${roundedMeters(gap)} m from the ${other.which} position ${describePosition(other.position)} of ${otherEdge.id} but not the same coordinate; edges that meet must share it exactly, or routing treats them as apart`,
          });
        }
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// search.json

function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([first], [second]) => (first < second ? -1 : 1)).map(([key, item]) => [key, sortedJson(item)]));
  }
  return value;
}

const HAN = /\p{Script=Han}/u;

function checkSearchData(
  text: string | null | undefined, facilities: readonly Facility[], places: readonly Place[],
  rebuild: DistrictFolderContent['rebuildSearchData'],
): ValidationProblem[] {
  const problem = (message: string): ValidationProblem => ({ file: SEARCH_FILE, feature: '*', severity: 'warning', message });
  if (text === null || text === undefined) return [problem('missing: search works without it but cannot match pinyin; generate it with npx tsx scripts/search-data.ts <folder>')];
  const { json, problem: syntax } = parseJsonText(SEARCH_FILE, text);
  if (syntax) return [problem(`${syntax.detail}; the app ignores it`)];
  const file = json as { version?: unknown; entries?: unknown } | null;
  if (file === null || typeof file !== 'object' || file.version !== 1 || file.entries === null || typeof file.entries !== 'object') {
    return [problem('not a version 1 search file with an entries object; the app ignores it')];
  }
  const entries = file.entries as Record<string, unknown>;
  const features = [...facilities, ...places];
  const knownIds = new Set(features.map((feature) => feature.id));
  const extra = Object.keys(entries).filter((id) => !knownIds.has(id));
  const missing = features.filter((feature) => (HAN.test(feature.nameZh ?? '') || HAN.test(feature.addressZh ?? '')) && !(feature.id in entries)).map((feature) => feature.id);
  let differing = 0;
  if (rebuild) {
    const expected = rebuild(facilities, places) as { entries: Record<string, unknown>; characters?: unknown; words?: unknown };
    for (const [id, entry] of Object.entries(expected.entries)) {
      if (id in entries && JSON.stringify(sortedJson(entries[id])) !== JSON.stringify(sortedJson(entry))) differing += 1;
    }
    const rest = (value: { characters?: unknown; words?: unknown }): string => JSON.stringify(sortedJson({ characters: value.characters, words: value.words }));
    if (differing === 0 && missing.length === 0 && extra.length === 0 && rest(file as typeof expected) !== rest(expected)) differing = 1;
  }
  if (extra.length === 0 && missing.length === 0 && differing === 0) return [];
  const parts = [
    missing.length > 0 ? `${missing.length} features with Chinese text have no entry (first: ${missing[0]})` : null,
    extra.length > 0 ? `${extra.length} entries name no feature (first: ${extra[0]})` : null,
    differing > 0 ? `${differing} entries differ from the layers` : null,
  ].filter((part) => part !== null);
  return [problem(`stale: ${parts.join('; ')}; regenerate it with npx tsx scripts/search-data.ts <folder>`)];
}

// ---------------------------------------------------------------------------------------------
// The whole folder

const COUNT_FILES: Record<keyof LayerCounts, string> = {
  ramps: LAYER_FILES.ramp, toilets: LAYER_FILES.toilet, elevators: LAYER_FILES.elevator,
  tactilePaving: LAYER_FILES.tactile_paving, network: LAYER_FILES.network, places: LAYER_FILES.places,
};

/** Every problem of a district folder, errors and warnings, in file order. */
export function validateDistrict(content: DistrictFolderContent): ValidationResult {
  const problems: ValidationProblem[] = [];
  const featureCounts: Record<string, number> = {};
  const rawCounts: Record<string, number> = {};

  const readFile = (file: string, required: boolean): unknown => {
    const text = content.files[file];
    if (text === null || text === undefined) {
      if (required) problems.push({ file, feature: '*', severity: 'error', message: 'missing: every district folder needs this file' });
      return undefined;
    }
    const { json, problem } = parseJsonText(file, text);
    if (problem) {
      problems.push(fromDataProblem(problem));
      return undefined;
    }
    rawCounts[file] = rawFeatures(json).length;
    return json;
  };

  // district.json
  const manifestJson = readFile(MANIFEST_FILE, true);
  const manifestResult = manifestJson === undefined ? null : parseDistrictManifest(MANIFEST_FILE, manifestJson);
  problems.push(...(manifestResult?.problems ?? []).map(fromDataProblem));
  const manifest = manifestResult?.manifest ?? null;
  if (manifest && manifest.id !== content.folderName) {
    problems.push({ file: MANIFEST_FILE, feature: 'id', severity: 'error', message: `id is "${manifest.id}" but the folder is named "${content.folderName}"; they must be equal` });
  }

  // The layers, through the parsers.
  const located: LocatedFeature[] = [];
  const facilities: Facility[] = [];
  const facilityCategories = new Map<string, FacilityCategory>();
  for (const category of FACILITY_CATEGORIES) {
    const file = LAYER_FILES[category];
    const json = readFile(file, REQUIRED_LAYERS.includes(category));
    if (json === undefined) continue;
    const result = parseFacilityLayer(category, file, json);
    problems.push(...result.problems.map(fromDataProblem));
    featureCounts[file] = result.items.length;
    for (const facility of result.items) {
      facilities.push(facility);
      facilityCategories.set(facility.id, category);
      located.push({ file, id: facility.id, geometry: facility.location });
    }
  }
  let edges: NetworkEdge[] = [];
  const networkJson = readFile(LAYER_FILES.network, true);
  if (networkJson !== undefined) {
    const result = parseNetworkLayer(LAYER_FILES.network, networkJson);
    problems.push(...result.problems.map(fromDataProblem));
    edges = result.items;
    featureCounts[LAYER_FILES.network] = edges.length;
    for (const edge of edges) located.push({ file: LAYER_FILES.network, id: edge.id, geometry: edge.geometry });
  }
  let places: Place[] = [];
  const placesJson = readFile(LAYER_FILES.places, true);
  if (placesJson !== undefined) {
    const result = parsePlacesLayer(LAYER_FILES.places, placesJson);
    problems.push(...result.problems.map(fromDataProblem));
    places = result.items;
    featureCounts[LAYER_FILES.places] = places.length;
    for (const place of places) located.push({ file: LAYER_FILES.places, id: place.id, geometry: place.geometry });
  }
  const boundaryJson = readFile(LAYER_FILES.boundary, true);
  const boundaryResult = boundaryJson === undefined ? null : parseBoundaryLayer(LAYER_FILES.boundary, boundaryJson);
  problems.push(...(boundaryResult?.problems ?? []).map(fromDataProblem));
  const boundary = boundaryResult?.items ?? [];
  if (boundaryResult) featureCounts[LAYER_FILES.boundary] = boundary.length;
  if (boundaryResult && boundary.length === 0 && rawCounts[LAYER_FILES.boundary] === 0) {
    problems.push({ file: LAYER_FILES.boundary, feature: '*', severity: 'error', message: 'has no polygon: a district needs the area it covers' });
  }
  const basemapJson = readFile(LAYER_FILES.basemap, false);
  if (basemapJson !== undefined) {
    const result = parseBasemapLayer(LAYER_FILES.basemap, basemapJson);
    problems.push(...result.problems.map(fromDataProblem));
    featureCounts[LAYER_FILES.basemap] = result.items.length;
    // Basemap features have no id; they are named by their index in the file, counting only those read.
    const indices = rawFeatures(basemapJson).map((_, index) => index).filter((index) => !result.problems.some((problem) => problem.severity === 'error' && problem.featureIndex === index));
    result.items.forEach((item, position) => located.push({ file: LAYER_FILES.basemap, id: `#${indices[position] ?? position}`, geometry: item.geometry }));
  }

  // Counts in district.json against the files.
  if (manifest) {
    for (const [key, file] of Object.entries(COUNT_FILES) as [keyof LayerCounts, string][]) {
      const actual = rawCounts[file];
      if (actual !== undefined && manifest.counts[key] !== actual) {
        problems.push({ file: MANIFEST_FILE, feature: `counts.${key}`, severity: 'error', message: `says ${manifest.counts[key]} but ${file} has ${actual} features` });
      }
    }
  }

  // Ids unique across layers (the parser checks within one).
  const firstUse = new Map<string, string>();
  for (const feature of located) {
    if (feature.file === LAYER_FILES.basemap) continue;
    const earlier = firstUse.get(feature.id);
    if (earlier !== undefined && earlier !== feature.file) {
      problems.push({ file: feature.file, feature: feature.id, severity: 'error', message: `the id is also used in ${earlier}; ids must be unique in the district` });
    } else if (earlier === undefined) {
      firstUse.set(feature.id, feature.file);
    }
  }

  // facility_id references.
  const expectedCategory: Partial<Record<NetworkEdge['kind'], FacilityCategory>> = { elevator: 'elevator', ramp: 'ramp' };
  for (const edge of edges) {
    if (edge.facilityId === null) continue;
    const category = facilityCategories.get(edge.facilityId);
    if (category === undefined) {
      problems.push({ file: LAYER_FILES.network, feature: edge.id, severity: 'error', message: `facility_id "${edge.facilityId}" names no facility in this district` });
    } else if (expectedCategory[edge.kind] !== undefined && expectedCategory[edge.kind] !== category) {
      problems.push({ file: LAYER_FILES.network, feature: edge.id, severity: 'warning', message: `a ${edge.kind} edge passes through ${edge.facilityId}, which is a ${category}` });
    }
  }

  // Kerb ramps on crossing ends.
  const crossingEnds = new Set<string>();
  for (const edge of edges) {
    if (edge.kind !== 'crossing') continue;
    const coordinates = edge.geometry.coordinates;
    for (const end of [coordinates[0], coordinates[coordinates.length - 1]]) if (end) crossingEnds.add(`${end[0]},${end[1]}`);
  }
  for (const facility of facilities) {
    if (facility.category !== 'ramp' || facility.rampType !== 'kerb_ramp') continue;
    const [longitude, latitude] = facility.location.coordinates;
    if (!crossingEnds.has(`${longitude},${latitude}`)) {
      problems.push({ file: LAYER_FILES.ramp, feature: facility.id, severity: 'warning', message: `a kerb ramp at ${describePosition(facility.location.coordinates)}, which is not the end of any crossing in ${LAYER_FILES.network}; routing cannot tell which crossing it serves` });
    }
  }

  // Coordinates: inside the boundary and the bbox, at most 7 decimals.
  const polygons = boundaryPolygons(boundary);
  const bbox = manifest?.bbox ?? null;
  // Half a unit of the 7th decimal: a bbox rounded to 7 decimals may sit that far inside a coordinate.
  const bboxSlack = 0.5 * 10 ** -COORDINATE_DECIMALS;
  const outsideBbox = (position: Position): boolean => bbox !== null
    && ((position[0] ?? 0) < bbox[0] - bboxSlack || (position[0] ?? 0) > bbox[2] + bboxSlack || (position[1] ?? 0) < bbox[1] - bboxSlack || (position[1] ?? 0) > bbox[3] + bboxSlack);
  const checkPositions = (file: string, feature: string, positions: readonly Position[], againstBoundary: boolean): void => {
    let worstOutside = 0;
    let worstPosition: Position | null = null;
    let firstOutsideBbox: Position | null = null;
    let firstTooPrecise: Position | null = null;
    for (const position of positions) {
      if (againstBoundary && polygons.length > 0) {
        const outside = distanceOutsideBoundaryMeters(position as LngLat, polygons);
        if (outside > worstOutside) {
          worstOutside = outside;
          worstPosition = position;
        }
      }
      if (firstOutsideBbox === null && outsideBbox(position)) firstOutsideBbox = position;
      if (firstTooPrecise === null && position.slice(0, 2).some((value) => decimalsOf(value) > COORDINATE_DECIMALS)) firstTooPrecise = position;
    }
    if (worstPosition !== null && worstOutside > BOUNDARY_TOLERANCE_METERS) {
      problems.push({ file, feature, severity: 'error', message: `lies outside the boundary: ${describePosition(worstPosition)} is ${roundedMeters(worstOutside)} m outside ${LAYER_FILES.boundary}` });
    }
    if (firstOutsideBbox !== null) {
      problems.push({ file, feature, severity: 'error', message: `${describePosition(firstOutsideBbox)} lies outside the bbox of ${MANIFEST_FILE}` });
    }
    if (firstTooPrecise !== null) {
      problems.push({ file, feature, severity: 'warning', message: `${describePosition(firstTooPrecise)} has more than ${COORDINATE_DECIMALS} decimals (the contract keeps 7, about 1 cm)` });
    }
  };
  for (const feature of located) checkPositions(feature.file, feature.id, positionsOf(feature.geometry), true);
  boundary.forEach((feature, index) => {
    checkPositions(LAYER_FILES.boundary, `#${index}`, positionsOf(feature.geometry), false);
    const exteriorRings = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates[0]] : feature.geometry.coordinates.map((polygon) => polygon[0]);
    if (exteriorRings.some((ring) => ring !== undefined && signedRingArea(ring) < 0)) {
      problems.push({ file: LAYER_FILES.boundary, feature: `#${index}`, severity: 'warning', message: 'an exterior ring runs clockwise; RFC 7946 §3.1.6 asks for counter-clockwise' });
    }
  });
  if (manifest) {
    const [longitude, latitude] = manifest.center;
    if (longitude < manifest.bbox[0] || longitude > manifest.bbox[2] || latitude < manifest.bbox[1] || latitude > manifest.bbox[3]) {
      problems.push({ file: MANIFEST_FILE, feature: 'center', severity: 'warning', message: `[${longitude}, ${latitude}] lies outside the bbox, so the map opens away from the district` });
    }
  }

  problems.push(...nearMissJoins(edges, LAYER_FILES.network));
  problems.push(...checkSearchData(content.files[SEARCH_FILE], facilities, places, content.rebuildSearchData));

  const fileOrder = [
    MANIFEST_FILE, LAYER_FILES.boundary, LAYER_FILES.ramp, LAYER_FILES.toilet, LAYER_FILES.elevator, LAYER_FILES.tactile_paving,
    LAYER_FILES.network, LAYER_FILES.places, LAYER_FILES.basemap, SEARCH_FILE,
  ];
  const sorted = problems
    .map((problem, order) => ({ problem, order }))
    .sort((first, second) => fileOrder.indexOf(first.problem.file) - fileOrder.indexOf(second.problem.file) || first.order - second.order)
    .map(({ problem }) => problem);
  return {
    problems: sorted,
    errorCount: sorted.filter((problem) => problem.severity === 'error').length,
    warningCount: sorted.filter((problem) => problem.severity === 'warning').length,
    featureCounts,
  };
}

/** One output line: `<file>: <feature id or #index>: <severity>: <problem>`. */
export function formatValidationProblem(problem: ValidationProblem): string {
  return `${problem.file}: ${problem.feature}: ${problem.severity}: ${problem.message}`;
}
