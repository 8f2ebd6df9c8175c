// OpenSidewalks (OSW) data into the layers of a district (data/README.md). OSW is a pedestrian
// network schema drawn from OpenStreetMap tags (OpenSidewalks-Schema README, version 0.2):
//
//   - Edges (LineStrings with `_id`, `_u_id`, `_v_id`): highway=footway with footway=sidewalk,
//     crossing or traffic_island, plain footways, highway=pedestrian, steps, living_street; and
//     motor-vehicle roads, which this contract has no kind for and which are left out (OSW's
//     crossings meet them at a shared node, so the walkable network stays whole without them).
//   - Nodes (Points with `_id`): where edges meet; barrier=kerb with kerb=raised, rolled, lowered
//     (a curb ramp) or flush, and tactile_paving on them.
//   - Points (Points with `_id`): street furniture and other things near the network.
//
// Fields: `incline` is rise over run as a fraction, positive uphill along the edge (0.05 is 5 %),
// `width` is metres, `surface` and `step_count` as in OSM, `crossing:markings` says whether a
// crossing is marked. Tags OSW does not define but OSM data often carries along (handrail,
// crossing=traffic_signals, traffic_signals:sound, kerb:height, highway=elevator, amenity=toilets,
// name:zh, name:en) are read too.
//
// What comes out:
//   - network edges, split where another edge ends on one of their inner vertices, with the ends
//     of edges that share an OSW node (`_u_id`/`_v_id`) moved onto exactly the same coordinate,
//     so routing joins them (data/README.md, "network.geojson");
//   - a kerb ramp facility on each lowered kerb node, and the kerbs on the crossing edges' ends;
//   - a warning tactile paving strip at each kerb node with tactile_paving, drawn 1.2 m long across
//     the crossing and centred on the node (the length is a drawing convention, not a measurement:
//     GB 50763-2012 §3.1.3 asks a kerb ramp to be at least 1.20 m wide, and the strip spans it),
//     and a guiding strip along each sidewalk or footway tagged tactile_paving=yes;
//   - elevators from highway=elevator nodes, points and edges; wheelchair-accessible toilets;
//   - places from named points.
// Every feature left out is reported with its file and id, and every value read as unknown.
import type { Feature, LineString, Position } from 'geojson';
import type { KerbKind, LngLat, NetworkKind, PlaceKind } from '../facilities/model.ts';
import { bearingDegrees, distanceMeters, offsetLngLat } from '../geo/index.ts';
import type { DistrictLayers } from './district-files.ts';
import { distanceOutsideBoundaryMeters, BOUNDARY_TOLERANCE_METERS, type BoundaryPolygons, type ValidationProblem } from './validate-district.ts';

/** Edge ends this close to their OSW node are moved onto it; farther ones are reported and left where they are. */
export const NODE_SNAP_METERS = 5;
/** Drawn length of the warning strip across a crossing at a kerb (see the header). */
export const KERB_TACTILE_STRIP_METERS = 1.2;

export class OpenSidewalksError extends Error {}

export interface OpenSidewalksInput {
  edges: unknown;
  nodes?: unknown;
  points?: unknown;
  /** File names, for the problems reported. */
  fileNames: { edges: string; nodes?: string; points?: string };
  /** The district's boundary; features reaching outside it are left out. */
  boundary?: BoundaryPolygons | null;
}

export type OpenSidewalksLayers = Omit<DistrictLayers, 'boundary' | 'basemap'>;

export interface OpenSidewalksResult {
  layers: OpenSidewalksLayers;
  /** Features left out (errors) and values read as unknown (warnings), by file and feature. */
  problems: ValidationProblem[];
  /** Features left out on purpose because this contract has no place for them, by reason. */
  notImported: Record<string, number>;
  /** Edges cut where another edge ends on an inner vertex. */
  splitEdgeCount: number;
  /** Edge ends moved onto their OSW node's exact coordinate. */
  snappedEndCount: number;
  /** Licence and attribution when the files' `dataSource` says the data comes from OpenStreetMap. */
  licence: { licence: string; attribution: string } | null;
}

type Properties = Record<string, unknown>;

interface SourceFeature {
  file: string;
  /** The OSW `_id`, or `#<index>` when it has none. */
  label: string;
  id: string | null;
  properties: Properties;
  geometry: { type?: unknown; coordinates?: unknown } | null;
}

const HAN = /\p{Script=Han}/u;
const round7 = (value: number): number => Math.round(value * 1e7) / 1e7;
const positionKey = (position: Position): string => `${position[0]},${position[1]}`;

const MOTOR_VEHICLE_ROADS = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link', 'primary', 'primary_link', 'secondary', 'secondary_link', 'tertiary', 'tertiary_link', 'residential', 'service', 'unclassified', 'road', 'track', 'busway']);
const NO_FOOT = new Set(['no', 'private', 'use_sidepath']);

// ---------------------------------------------------------------------------------------------
// Reading

function readFeatures(file: string, json: unknown): SourceFeature[] {
  const collection = json as { type?: unknown; features?: unknown } | null;
  if (collection === null || typeof collection !== 'object' || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new OpenSidewalksError(`${file} is not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]})`);
  }
  return collection.features.map((candidate: unknown, index: number) => {
    const feature = (candidate ?? {}) as { properties?: unknown; geometry?: unknown; id?: unknown };
    const properties = (feature.properties !== null && typeof feature.properties === 'object' && !Array.isArray(feature.properties) ? feature.properties : {}) as Properties;
    const rawId = properties._id ?? feature.id;
    const id = typeof rawId === 'string' && rawId.trim() !== '' ? rawId.trim() : typeof rawId === 'number' ? String(rawId) : null;
    return { file, label: id ?? `#${index}`, id, properties, geometry: (feature.geometry ?? null) as SourceFeature['geometry'] };
  });
}

function isPosition(value: unknown): value is LngLat {
  return Array.isArray(value) && value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number'
    && Number.isFinite(value[0]) && Number.isFinite(value[1]) && Math.abs(value[0]) <= 180 && Math.abs(value[1]) <= 90;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null);

function namesOf(properties: Properties): { nameZh: string | null; nameEn: string | null } {
  const name = text(properties.name);
  return {
    nameZh: text(properties['name:zh']) ?? text(properties['name:zh-Hans']) ?? (name !== null && HAN.test(name) ? name : null),
    nameEn: text(properties['name:en']) ?? (name !== null && !HAN.test(name) ? name : null),
  };
}

/** yes/no tags as OSM writes them; undefined when the value is there but not a yes or a no. */
function readYesNo(value: unknown): boolean | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  if (value === true || value === 'yes' || value === 'contrasted' || value === 'designated') return true;
  if (value === false || value === 'no' || value === 'primitive') return false;
  return undefined;
}

function readNumber(value: unknown): number | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** OSM kerb:height: metres by default, or with a unit ("2 cm", "20 mm"), in millimetres. */
function readKerbHeightMillimeters(value: unknown): number | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return value >= 0 ? Math.round(value * 1000) : undefined;
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(m|cm|mm)?\s*$/.exec(value) : null;
  if (!match) return undefined;
  const factor = match[2] === 'mm' ? 1 : match[2] === 'cm' ? 10 : 1000;
  return Math.round(Number(match[1]) * factor * 10) / 10;
}

// ---------------------------------------------------------------------------------------------
// The import

/** Reads OSW edges, nodes and points into district layers; throws OpenSidewalksError when a file is not a FeatureCollection. */
export function importOpenSidewalks(input: OpenSidewalksInput): OpenSidewalksResult {
  const problems: ValidationProblem[] = [];
  const notImported: Record<string, number> = {};
  const leftOut = (feature: SourceFeature, message: string): void => { problems.push({ file: feature.file, feature: feature.label, severity: 'error', message: `${message}; left out` }); };
  const unknownValue = (feature: SourceFeature, key: string, message: string): void => {
    problems.push({ file: feature.file, feature: feature.label, severity: 'warning', message: `${key} ${message}; read as unknown` });
  };
  const skip = (reason: string): void => { notImported[reason] = (notImported[reason] ?? 0) + 1; };
  const outsideBoundary = (positions: readonly LngLat[]): LngLat | null => {
    if (!input.boundary || input.boundary.length === 0) return null;
    return positions.find((position) => distanceOutsideBoundaryMeters(position, input.boundary as BoundaryPolygons) > BOUNDARY_TOLERANCE_METERS) ?? null;
  };

  const edgeFeatures = readFeatures(input.fileNames.edges, input.edges);
  const nodeFeatures = input.nodes === undefined || input.nodes === null ? [] : readFeatures(input.fileNames.nodes ?? 'nodes', input.nodes);
  const pointFeatures = input.points === undefined || input.points === null ? [] : readFeatures(input.fileNames.points ?? 'points', input.points);

  // --- Nodes (and points, which some datasets use for kerbs and elevators too).
  interface NodeRead { feature: SourceFeature; position: LngLat; kind: 'node' | 'point' }
  const nodesById = new Map<string, NodeRead>();
  const pointLikes: NodeRead[] = [];
  for (const [features, kind] of [[nodeFeatures, 'node'], [pointFeatures, 'point']] as const) {
    const seen = new Set<string>();
    for (const feature of features) {
      if (feature.geometry?.type !== 'Point') {
        if (feature.geometry?.type === 'Polygon' || feature.geometry?.type === 'MultiPolygon' || feature.geometry?.type === 'LineString') skip(`${kind} file ${String(feature.geometry.type)} features`);
        else leftOut(feature, `has no Point geometry (${feature.geometry === null ? 'none' : String(feature.geometry.type)})`);
        continue;
      }
      if (!isPosition(feature.geometry.coordinates)) {
        leftOut(feature, `has the position ${JSON.stringify(feature.geometry.coordinates)}, not [longitude, latitude] in WGS84 range`);
        continue;
      }
      if (feature.id === null) {
        leftOut(feature, 'has no _id (OSW requires one on every node and point)');
        continue;
      }
      if (seen.has(feature.id)) {
        leftOut(feature, `its _id ${feature.id} is used by an earlier ${kind}`);
        continue;
      }
      seen.add(feature.id);
      const position: LngLat = [round7(feature.geometry.coordinates[0]), round7(feature.geometry.coordinates[1])];
      const read = { feature, position, kind };
      if (kind === 'node') nodesById.set(feature.id, read);
      pointLikes.push(read);
    }
  }

  // --- Edges: kind, geometry, and ends moved onto their nodes.
  interface EdgeRead { feature: SourceFeature; id: string; kind: NetworkKind; coordinates: LngLat[] }
  const edges: EdgeRead[] = [];
  const edgeIds = new Set<string>();
  // Where each OSW node id first appeared, when there is no nodes file to say.
  const nodePositionFromEdges = new Map<string, LngLat>();
  let snappedEndCount = 0;
  for (const feature of edgeFeatures) {
    const properties = feature.properties;
    const highway = text(properties.highway);
    const footway = text(properties.footway);
    if (feature.geometry?.type === 'Polygon' || feature.geometry?.type === 'MultiPolygon') {
      skip('zones (pedestrian areas drawn as polygons)');
      continue;
    }
    if (feature.geometry?.type !== 'LineString') {
      leftOut(feature, `is a ${feature.geometry === null ? 'feature without geometry' : String(feature.geometry.type)}, expected a LineString`);
      continue;
    }
    let kind: NetworkKind | null = null;
    if (highway === 'footway') kind = footway === 'sidewalk' ? 'sidewalk' : footway === 'crossing' ? 'crossing' : 'footway';
    else if (highway === 'pedestrian' || highway === 'steps' || highway === 'living_street' || highway === 'path' || highway === 'elevator') kind = highway;
    else if (highway !== null && MOTOR_VEHICLE_ROADS.has(highway)) {
      skip('motor-vehicle roads (OSW includes them; this contract has no road kind)');
      continue;
    } else {
      leftOut(feature, highway === null ? 'has no highway tag, so it is no OSW edge type' : `highway=${highway} is no OSW pedestrian edge type`);
      continue;
    }
    const foot = text(properties.foot);
    if (foot !== null && NO_FOOT.has(foot)) {
      skip(`edges closed to pedestrians (foot=${foot})`);
      continue;
    }
    const raw = feature.geometry.coordinates;
    if (!Array.isArray(raw) || !raw.every(isPosition)) {
      leftOut(feature, 'has coordinates that are not [longitude, latitude] pairs in WGS84 range');
      continue;
    }
    let coordinates = (raw as LngLat[]).map((position): LngLat => [round7(position[0]), round7(position[1])]);
    // Consecutive repeats add nothing and would make a zero-length segment.
    coordinates = coordinates.filter((position, index) => index === 0 || positionKey(position) !== positionKey(coordinates[index - 1] as LngLat));
    if (coordinates.length < 2) {
      leftOut(feature, 'is a line with fewer than two distinct positions');
      continue;
    }
    const uId = text(properties._u_id);
    const vId = text(properties._v_id);
    const id = feature.id ?? (uId !== null && vId !== null ? `${uId}-${vId}` : null);
    if (id === null) {
      leftOut(feature, 'has no _id, nor _u_id and _v_id to name it by');
      continue;
    }
    if (edgeIds.has(id)) {
      leftOut(feature, `its id ${id} is used by an earlier edge`);
      continue;
    }
    const outside = outsideBoundary(coordinates);
    if (outside !== null) {
      leftOut(feature, `reaches outside the district boundary at [${outside[0]}, ${outside[1]}]`);
      continue;
    }
    edgeIds.add(id);
    for (const [end, nodeId] of [[0, uId], [coordinates.length - 1, vId]] as const) {
      if (nodeId === null) continue;
      const own = coordinates[end] as LngLat;
      const target = nodesById.get(nodeId)?.position ?? nodePositionFromEdges.get(nodeId);
      if (target === undefined) {
        nodePositionFromEdges.set(nodeId, own);
        continue;
      }
      if (positionKey(target) === positionKey(own)) continue;
      const gap = distanceMeters(own, target);
      if (gap <= NODE_SNAP_METERS) {
        coordinates = coordinates.map((position, index) => (index === end ? target : position));
        snappedEndCount += 1;
      } else {
        problems.push({
          file: feature.file, feature: feature.label, severity: 'warning',
          message: `its ${end === 0 ? 'first' : 'last'} position is ${Math.round(gap)} m from node ${nodeId} (${end === 0 ? '_u_id' : '_v_id'}); kept where it is, so it may not join the edges at that node`,
        });
      }
    }
    if (new Set(coordinates.map(positionKey)).size < 2) {
      leftOut(feature, 'collapses to a single position once its ends are on their nodes');
      continue;
    }
    edges.push({ feature, id, kind, coordinates });
  }

  // --- Split edges where another edge ends on one of their inner vertices.
  const endKeys = new Set(edges.flatMap((edge) => [positionKey(edge.coordinates[0] as LngLat), positionKey(edge.coordinates[edge.coordinates.length - 1] as LngLat)]));
  let splitEdgeCount = 0;
  interface Piece { edge: EdgeRead; id: string; coordinates: LngLat[]; isFirst: boolean; isLast: boolean }
  const pieces: Piece[] = [];
  for (const edge of edges) {
    const cuts = edge.coordinates.map((position, index) => (index > 0 && index < edge.coordinates.length - 1 && endKeys.has(positionKey(position)) ? index : -1)).filter((index) => index > 0);
    if (cuts.length === 0) {
      pieces.push({ edge, id: `osw:edge/${edge.id}`, coordinates: edge.coordinates, isFirst: true, isLast: true });
      continue;
    }
    splitEdgeCount += 1;
    const bounds = [0, ...cuts, edge.coordinates.length - 1];
    for (let part = 0; part < bounds.length - 1; part += 1) {
      pieces.push({
        edge, id: `osw:edge/${edge.id}:${part + 1}`, coordinates: edge.coordinates.slice(bounds[part], (bounds[part + 1] as number) + 1),
        isFirst: part === 0, isLast: part === bounds.length - 2,
      });
    }
  }

  // --- Kerbs, elevators, toilets and places from nodes and points.
  interface KerbRead { kind: KerbKind | null; heightMillimeters: number | null; tactile: boolean | null; node: NodeRead }
  const kerbsAt = new Map<string, KerbRead>();
  const layers: OpenSidewalksLayers = { ramps: [], toilets: [], elevators: [], tactilePaving: [], network: [], places: [] };
  const elevatorAt = new Map<string, string>();
  const facilityBase = (id: string, category: string, properties: Properties) => {
    const names = namesOf(properties);
    return {
      id, category, name_zh: names.nameZh, name_en: names.nameEn, address_zh: null, address_en: null,
      status: 'unknown', status_note: null, last_verified: null, source: 'opensidewalks',
    };
  };
  const point = (position: LngLat) => ({ type: 'Point' as const, coordinates: position });
  for (const read of pointLikes) {
    const { feature, position } = read;
    const properties = feature.properties;
    const featureId = `osw:${read.kind}/${feature.id}`;
    if (outsideBoundary([position]) !== null) {
      leftOut(feature, `lies outside the district boundary at [${position[0]}, ${position[1]}]`);
      continue;
    }
    if (properties.barrier === 'kerb') {
      const kerbText = text(properties.kerb);
      const kerb = kerbText === null ? null : (['lowered', 'flush', 'raised', 'rolled'] as const).find((value) => value === kerbText) ?? null;
      if (kerbText !== null && kerb === null) unknownValue(feature, 'kerb', `"${kerbText}" is not lowered, flush, raised or rolled`);
      const height = readKerbHeightMillimeters(properties['kerb:height']);
      if (height === undefined) unknownValue(feature, 'kerb:height', `"${String(properties['kerb:height'])}" is not a height`);
      const tactile = readYesNo(properties.tactile_paving);
      if (tactile === undefined) unknownValue(feature, 'tactile_paving', `"${String(properties.tactile_paving)}" is not yes, no, contrasted or primitive`);
      kerbsAt.set(positionKey(position), { kind: kerb, heightMillimeters: height ?? null, tactile: tactile ?? null, node: read });
      if (kerb === 'lowered') {
        layers.ramps.push({
          type: 'Feature', geometry: point(position),
          properties: {
            ...facilityBase(featureId, 'ramp', properties), ramp_type: 'kerb_ramp', kerb_ramp_form: null, slope_percent: null, clear_width_m: null,
            kerb_lip_mm: height ?? null, handrail: null,
          },
        });
      }
      continue;
    }
    if (properties.highway === 'elevator') {
      elevatorAt.set(positionKey(position), featureId);
      layers.elevators.push(elevatorFeature(featureId, properties, position));
      continue;
    }
    if (properties.amenity === 'toilets') {
      const wheelchair = readYesNo(properties['toilets:wheelchair'] ?? properties.wheelchair);
      if (wheelchair !== true) {
        skip(wheelchair === false ? 'toilets tagged not wheelchair accessible' : 'toilets without wheelchair=yes (the toilets layer holds accessible toilets)');
        continue;
      }
      const changingTable = readYesNo(properties.changing_table);
      const access = text(properties['toilets:access'] ?? properties.access);
      layers.toilets.push({
        type: 'Feature', geometry: point(position),
        properties: {
          ...facilityBase(featureId, 'toilet', properties), door_width_m: null, turning_space_m: null, grab_bars: null, emergency_call: null,
          access: access === 'yes' || access === 'public' ? 'public' : access === 'customers' ? 'customers' : access === 'key' ? 'key' : null,
          opening_hours: text(properties.opening_hours), changing_table: changingTable ?? null,
        },
      });
      continue;
    }
    const names = namesOf(properties);
    if (names.nameZh === null && names.nameEn === null) {
      if (read.kind === 'point') skip('unnamed points (benches, hydrants, poles…)');
      continue;
    }
    layers.places.push({
      type: 'Feature', geometry: point(position),
      properties: { id: featureId, kind: placeKind(properties), name_zh: names.nameZh, name_en: names.nameEn, address_zh: null, address_en: null },
    });
  }

  // --- Network edges with their properties.
  for (const piece of pieces) {
    const { edge } = piece;
    const feature = edge.feature;
    const properties = feature.properties;
    const names = namesOf(properties);
    const first = piece.coordinates[0] as LngLat;
    const last = piece.coordinates[piece.coordinates.length - 1] as LngLat;

    const incline = readIncline(properties.incline);
    if (incline.problem) unknownValue(feature, 'incline', incline.problem);
    const width = readNumber(properties.width);
    if (width === undefined || (width !== null && width <= 0)) unknownValue(feature, 'width', `${JSON.stringify(properties.width)} is not a width in metres`);
    const stepCount = readNumber(properties.step_count);
    const stepCountValid = stepCount !== undefined && stepCount !== null && Number.isInteger(stepCount) && stepCount >= 1;
    if (edge.kind === 'steps' && stepCount !== null && !stepCountValid) unknownValue(feature, 'step_count', `${JSON.stringify(properties.step_count)} is not a whole number of steps`);
    const handrail = readYesNo(properties.handrail);

    let kerbStart: KerbRead | null = null;
    let kerbEnd: KerbRead | null = null;
    let crossing: 'traffic_signals' | 'marked' | 'unmarked' | null = null;
    let crossingSound: boolean | null = null;
    if (edge.kind === 'crossing') {
      kerbStart = piece.isFirst ? kerbsAt.get(positionKey(first)) ?? null : null;
      kerbEnd = piece.isLast ? kerbsAt.get(positionKey(last)) ?? null : null;
      crossing = readCrossing(properties);
      const sound = readYesNo(properties['traffic_signals:sound']);
      crossingSound = crossing === 'traffic_signals' ? sound ?? null : crossing === null ? null : false;
    }
    const ownTactile = readYesNo(properties.tactile_paving);
    if (ownTactile === undefined) unknownValue(feature, 'tactile_paving', `"${String(properties.tactile_paving)}" is not yes, no, contrasted or primitive`);
    const endTactile = [kerbStart, kerbEnd].filter((kerb) => kerb !== null && kerb.tactile !== null).map((kerb) => kerb?.tactile);
    const tactilePaving = ownTactile ?? (endTactile.length === 0 ? null : endTactile.every((value) => value === true) ? true : endTactile.includes(false) ? false : null);

    let facilityId: string | null = null;
    if (edge.kind === 'elevator') {
      facilityId = elevatorAt.get(positionKey(first)) ?? elevatorAt.get(positionKey(last)) ?? null;
      if (facilityId === null) {
        facilityId = `osw:edge/${edge.id}:elevator`;
        elevatorAt.set(positionKey(first), facilityId);
        layers.elevators.push(elevatorFeature(facilityId, properties, first));
      }
    }

    layers.network.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: piece.coordinates } satisfies LineString,
      properties: {
        id: piece.id, kind: edge.kind, name_zh: names.nameZh, name_en: names.nameEn,
        incline_percent: incline.percent,
        width_m: width !== undefined && width !== null && width > 0 ? width : null,
        surface: text(properties.surface),
        kerb_start: kerbStart?.kind ?? null, kerb_end: kerbEnd?.kind ?? null,
        kerb_start_height_mm: kerbStart?.heightMillimeters ?? null, kerb_end_height_mm: kerbEnd?.heightMillimeters ?? null,
        tactile_paving: tactilePaving,
        crossing, crossing_sound: crossingSound,
        step_count: edge.kind === 'steps' && stepCountValid ? stepCount : null,
        handrail: edge.kind === 'steps' || edge.kind === 'ramp' ? handrail ?? null : null,
        facility_id: facilityId,
      },
    });

    // A guiding strip along a sidewalk or footway that has tactile paving along it.
    if (ownTactile === true && (edge.kind === 'sidewalk' || edge.kind === 'footway' || edge.kind === 'pedestrian' || edge.kind === 'path')) {
      layers.tactilePaving.push({
        type: 'Feature', geometry: { type: 'LineString', coordinates: piece.coordinates },
        properties: { ...facilityBase(`${piece.id}:tactile`, 'tactile_paving', {}), tactile_type: 'guiding', continuity: null },
      });
    }
  }

  // --- Warning strips at kerbs with tactile paving, across the crossing that starts there.
  const edgesByEnd = new Map<string, Feature[]>();
  for (const edge of layers.network) {
    const coordinates = (edge.geometry as LineString).coordinates;
    for (const end of new Set([positionKey(coordinates[0] as Position), positionKey(coordinates[coordinates.length - 1] as Position)])) {
      edgesByEnd.set(end, [...(edgesByEnd.get(end) ?? []), edge]);
    }
  }
  for (const [key, kerb] of kerbsAt) {
    if (kerb.tactile !== true) continue;
    const position = kerb.node.position;
    const edgesHere = edgesByEnd.get(key) ?? [];
    const crossingPiece = edgesHere.find((edge) => edge.properties?.kind === 'crossing') ?? edgesHere[0];
    if (!crossingPiece) {
      problems.push({ file: kerb.node.feature.file, feature: kerb.node.feature.label, severity: 'warning', message: 'a kerb with tactile paving that no edge reaches; no strip drawn for it' });
      continue;
    }
    const coordinates = (crossingPiece.geometry as LineString).coordinates as LngLat[];
    const atStart = positionKey(coordinates[0] as LngLat) === key;
    const towards = atStart ? coordinates[1] : coordinates[coordinates.length - 2];
    if (!towards) continue;
    const bearing = (bearingDegrees(position, towards) * Math.PI) / 180;
    const half = KERB_TACTILE_STRIP_METERS / 2;
    // Perpendicular to the crossing: the bearing's direction is (sin, cos) east–north, so (cos, −sin) is across it.
    const end1 = offsetLngLat(position, half * Math.cos(bearing), -half * Math.sin(bearing));
    const end2 = offsetLngLat(position, -half * Math.cos(bearing), half * Math.sin(bearing));
    layers.tactilePaving.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [[round7(end1[0]), round7(end1[1])], [round7(end2[0]), round7(end2[1])]] },
      properties: { ...facilityBase(`osw:${kerb.node.kind}/${kerb.node.feature.id}:tactile`, 'tactile_paving', {}), tactile_type: 'warning', continuity: null },
    });
  }

  return { layers, problems, notImported, splitEdgeCount, snappedEndCount, licence: licenceOf([input.edges, input.nodes, input.points]) };
}

function elevatorFeature(id: string, properties: Properties, position: LngLat): Feature {
  const names = namesOf(properties);
  return {
    type: 'Feature', geometry: { type: 'Point', coordinates: position },
    properties: {
      id, category: 'elevator', name_zh: names.nameZh, name_en: names.nameEn, address_zh: null, address_en: null,
      status: 'unknown', status_note: null, last_verified: null, source: 'opensidewalks',
      elevator_type: 'elevator', cabin_width_m: null, cabin_depth_m: null, door_width_m: null, braille: null, voice: null, connects_zh: null, connects_en: null,
    },
  };
}

/** OSW incline: a fraction, positive uphill (0.05 = 5 %). Text "5%" is read too; "up"/"down" say a direction, not a slope. */
function readIncline(value: unknown): { percent: number | null; problem: string | null } {
  if (value === undefined || value === null || value === '') return { percent: null, problem: null };
  if (value === 'up' || value === 'down') return { percent: null, problem: null };
  let fraction: number | null = null;
  if (typeof value === 'number' && Number.isFinite(value)) fraction = value;
  else if (typeof value === 'string') {
    const percent = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
    if (percent) fraction = Number(percent[1]) / 100;
    else if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) fraction = Number(value);
  }
  if (fraction === null) return { percent: null, problem: `${JSON.stringify(value)} is not a number` };
  // A fraction of 1 is a 45° slope; a larger "fraction" is most likely a percentage written without %.
  if (Math.abs(fraction) > 1) return { percent: null, problem: `${fraction} is not a fraction (it would be ${Math.round(fraction * 100)} %); OSW writes 5 % as 0.05` };
  return { percent: Math.round(fraction * 100 * 100) / 100, problem: null };
}

function readCrossing(properties: Properties): 'traffic_signals' | 'marked' | 'unmarked' | null {
  const crossing = text(properties.crossing);
  const signals = text(properties['crossing:signals']);
  if (crossing === 'traffic_signals' || signals === 'yes') return 'traffic_signals';
  const markings = text(properties['crossing:markings']);
  if (markings === 'no' || markings === 'surface') return 'unmarked';
  if (markings !== null) return 'marked';
  if (crossing === 'marked' || crossing === 'zebra' || crossing === 'uncontrolled') return 'marked';
  if (crossing === 'unmarked') return 'unmarked';
  return null;
}

function placeKind(properties: Properties): PlaceKind {
  const railway = text(properties.railway);
  const amenity = text(properties.amenity);
  const publicTransport = text(properties.public_transport);
  if (railway === 'subway_entrance' || railway === 'train_station_entrance' || properties.entrance === 'subway') return 'metro_exit';
  if (railway === 'station' || publicTransport === 'station') return 'metro_station';
  if (amenity === 'hospital' || amenity === 'clinic') return 'hospital';
  if (text(properties.shop) === 'mall') return 'mall';
  if (text(properties.leisure) === 'park') return 'park';
  if (amenity !== null && ['townhall', 'library', 'community_centre', 'post_office', 'police', 'courthouse', 'social_facility'].includes(amenity)) return 'public_building';
  return 'other';
}

/** ODbL and the OSM attribution when a file's OSW `dataSource` names OpenStreetMap or the ODbL. */
function licenceOf(files: readonly unknown[]): { licence: string; attribution: string } | null {
  for (const file of files) {
    const dataSource = (file as { dataSource?: unknown } | null)?.dataSource;
    if (dataSource !== undefined && /openstreetmap|odbl/i.test(JSON.stringify(dataSource))) {
      return { licence: 'ODbL-1.0', attribution: '© OpenStreetMap contributors' };
    }
  }
  return null;
}
