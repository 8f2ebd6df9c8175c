// The routing graph: the walkable network of a district in compact typed arrays, built once from
// the parsed network.geojson (NetworkEdge[]) and the facilities whose status decides whether an
// edge can be used today. Every search, profile and the binary file (serialise.ts) work on it.
//
// Two layers: the edge table (RoutingEdgeTable, one entry per edge, what network.bin stores) and
// the arcs derived from it by assembleRoutingGraph, which both building and loading call.
//
// Layout (CSR, "compressed sparse row"): node n's outgoing arcs are arcs
// nodeArcOffsets[n] … nodeArcOffsets[n + 1] − 1. Every network edge gives two arcs, one along the
// direction the line is drawn ("forward") and one against it; arcTwin links them. Attributes that
// depend on direction (incline, the kerb at the near and far end) are stored per arc already
// turned the arc's way, so a cost function never has to think about which way a line was drawn.
//
// Unknown stays unknown: NaN for unknown numbers, code 0 ("unknown") for tri-states, separate
// codes for "unknown" and "does not apply" where both can happen (kerbs, crossings).
import {
  NETWORK_KINDS, type CrossingKind, type Facility, type FacilityStatus, type KerbKind, type LngLat, type NetworkEdge, type NetworkKind,
} from '../facilities/model.ts';
import type { DataProblem } from '../facilities/parse.ts';
import { metersPerDegree } from '../sample/local-projection.ts';

/** Kerb at one end of an arc. `notApplicable`: the edge has no kerb there (a sidewalk); `unknown`: a crossing end nobody described. */
export const KERB_CODES = { notApplicable: 0, unknown: 1, lowered: 2, flush: 3, raised: 4, rolled: 5, none: 6 } as const;
/** Yes / no / unknown, for tactile paving, audible signals and handrails. */
export const TRI_STATE = { unknown: 0, no: 1, yes: 2 } as const;
/** Crossing kind of an arc; `notACrossing` for every other kind of edge. */
export const CROSSING_CODES = { notACrossing: 0, unknown: 1, traffic_signals: 2, marked: 3, unmarked: 4 } as const;
/**
 * Surface classes for wheels, from the OSM surface values (https://wiki.openstreetmap.org/wiki/Key:surface):
 * smooth (asphalt, concrete, paving stones…), rough (sett, cobblestone, compacted, fine gravel),
 * loose (gravel, sand, grass, dirt…). A value we do not recognise is unknown, not smooth.
 */
export const SURFACE_CODES = { unknown: 0, smooth: 1, rough: 2, loose: 3 } as const;
export const FACILITY_STATUS_CODES = { working: 0, out_of_service: 1, unknown: 2 } as const;
/** Facilities the graph keeps: the ones edges pass through and the kerb ramps at crossing ends. */
export const GRAPH_FACILITY_KINDS = ['elevator', 'ramp', 'kerb_ramp', 'other'] as const;
export type GraphFacilityKind = (typeof GRAPH_FACILITY_KINDS)[number];

const SURFACE_CLASSES: Readonly<Record<string, number>> = {
  paved: SURFACE_CODES.smooth, asphalt: SURFACE_CODES.smooth, concrete: SURFACE_CODES.smooth, 'concrete:plates': SURFACE_CODES.smooth,
  'concrete:lanes': SURFACE_CODES.smooth, paving_stones: SURFACE_CODES.smooth, 'paving_stones:lanes': SURFACE_CODES.smooth,
  chipseal: SURFACE_CODES.smooth, metal: SURFACE_CODES.smooth, wood: SURFACE_CODES.smooth, rubber: SURFACE_CODES.smooth,
  tartan: SURFACE_CODES.smooth, acrylic: SURFACE_CODES.smooth, bricks: SURFACE_CODES.smooth, tiles: SURFACE_CODES.smooth,
  sett: SURFACE_CODES.rough, cobblestone: SURFACE_CODES.rough, unhewn_cobblestone: SURFACE_CODES.rough, compacted: SURFACE_CODES.rough,
  fine_gravel: SURFACE_CODES.rough, grass_paver: SURFACE_CODES.rough, metal_grid: SURFACE_CODES.rough, artificial_turf: SURFACE_CODES.rough,
  unpaved: SURFACE_CODES.loose, gravel: SURFACE_CODES.loose, pebblestone: SURFACE_CODES.loose, rock: SURFACE_CODES.loose,
  ground: SURFACE_CODES.loose, dirt: SURFACE_CODES.loose, earth: SURFACE_CODES.loose, grass: SURFACE_CODES.loose,
  mud: SURFACE_CODES.loose, sand: SURFACE_CODES.loose, woodchips: SURFACE_CODES.loose, stepping_stones: SURFACE_CODES.loose,
};

/** A street or place name as the data gives it, for directions. */
export interface StreetName {
  nameZh: string | null;
  nameEn: string | null;
}

/**
 * The equirectangular plane every length and the A* heuristic are measured in: metres east and
 * north of `originLongitude, originLatitude`, with the scale of the origin's latitude. Lengths and
 * straight-line distances share the plane, so the heuristic can never overestimate; over a district
 * the scale error is a few parts in ten thousand.
 */
export interface GraphProjection {
  originLongitude: number;
  originLatitude: number;
  metersPerDegreeLongitude: number;
  metersPerDegreeLatitude: number;
}

/**
 * The graph as stored: one entry per edge (attributes in the direction the line is drawn), the
 * edges' lines, and the facilities. Everything per arc is derived from it (assembleRoutingGraph),
 * which is what both building and loading network.bin do, so the two give identical graphs.
 *
 * Values are held at the precision the file keeps, so a graph and its file agree to the bit:
 * positions to 1e-7 degree (about 1 cm, data/README.md), inclines and slopes to 0.1 %, widths to
 * 1 cm, kerb heights to 1 mm.
 */
export interface RoutingEdgeTable {
  nodeCount: number;
  edgeCount: number;
  facilityCount: number;
  projection: GraphProjection;

  edgeIds: string[];
  edgeStartNode: Int32Array;
  edgeEndNode: Int32Array;
  /** Positions of edge e are edgeCoordinateOffsets[e] … edgeCoordinateOffsets[e + 1] − 1. */
  edgeCoordinateOffsets: Int32Array;
  /** Longitude, latitude pairs of every edge's line, one after another. */
  coordinates: Float64Array;
  /** Index into NETWORK_KINDS. */
  edgeKind: Uint8Array;
  /** Index into `names`, or −1. */
  edgeName: Int32Array;
  /** Facility passed through (elevator, ramp), or −1. */
  edgeFacility: Int32Array;
  /** Kerb ramp facility at the first / last position of a crossing, or −1. */
  edgeKerbRampStart: Int32Array;
  edgeKerbRampEnd: Int32Array;
  /** Positive uphill along the line as drawn; NaN unknown. */
  edgeInclinePercent: Float32Array;
  /** Usable width, or for elevators and ramp edges without one the facility's door or clear width; NaN unknown. */
  edgeWidthMeters: Float32Array;
  edgeKerbStart: Uint8Array;
  edgeKerbEnd: Uint8Array;
  edgeKerbStartHeightMillimeters: Float32Array;
  edgeKerbEndHeightMillimeters: Float32Array;
  edgeTactilePaving: Uint8Array;
  edgeCrossing: Uint8Array;
  edgeCrossingSound: Uint8Array;
  edgeHandrail: Uint8Array;
  edgeSurface: Uint8Array;
  /** 0 when unknown or not steps. */
  edgeStepCount: Uint16Array;

  facilityIds: string[];
  /** Index into GRAPH_FACILITY_KINDS. */
  facilityKind: Uint8Array;
  /** FACILITY_STATUS_CODES as the data says today; routes add their own closures on top. */
  facilityStatus: Uint8Array;
  /** A ramp's steepest running slope (unsigned), NaN when unknown or not a ramp. */
  facilitySlopePercent: Float32Array;

  names: StreetName[];
}

export interface RoutingGraph extends RoutingEdgeTable {
  arcCount: number;
  nodeLongitude: Float64Array;
  nodeLatitude: Float64Array;
  /** Metres east / north in the projection plane. */
  nodeX: Float64Array;
  nodeY: Float64Array;
  /** CSR: outgoing arcs of node n are nodeArcOffsets[n] … nodeArcOffsets[n + 1] − 1. Length nodeCount + 1. */
  nodeArcOffsets: Int32Array;

  arcSource: Int32Array;
  arcTarget: Int32Array;
  /** The same edge the other way. */
  arcTwin: Int32Array;
  arcEdge: Int32Array;
  /** 1 when the arc runs the way the edge's line is drawn. */
  arcForward: Uint8Array;
  arcLengthMeters: Float64Array;
  /** Signed along the arc: positive uphill. NaN: unknown. */
  arcInclinePercent: Float32Array;
  arcWidthMeters: Float32Array;
  /** KERB_CODES at the arc's start (near) and end (far). */
  arcKerbNear: Uint8Array;
  arcKerbFar: Uint8Array;
  arcKerbNearHeightMillimeters: Float32Array;
  arcKerbFarHeightMillimeters: Float32Array;
  /** Facility index of a kerb ramp at the near / far end, or −1. */
  arcKerbRampNear: Int32Array;
  arcKerbRampFar: Int32Array;
  /** TRI_STATE. */
  arcTactilePaving: Uint8Array;
  /** CROSSING_CODES. */
  arcCrossing: Uint8Array;
  /** TRI_STATE: audible signal. */
  arcCrossingSound: Uint8Array;
  /** Number of steps on a steps edge; 0 when unknown or not steps. */
  arcStepCount: Uint16Array;
  /** TRI_STATE. */
  arcHandrail: Uint8Array;
  /** SURFACE_CODES. */
  arcSurface: Uint8Array;
  /** Index into NETWORK_KINDS. */
  arcKind: Uint8Array;
  /** Index into `names`, or −1 when the edge has no name. */
  arcName: Int32Array;
  /** Facility index of the elevator or ramp the edge passes through, or −1. */
  arcFacility: Int32Array;
}

export interface RoutingGraphBuild {
  graph: RoutingGraph;
  /** Edges whose facility cannot be found or is of the wrong kind; the edges stay, their facility's status is unknown. */
  problems: DataProblem[];
}

const NETWORK_FILE = 'network.geojson';
const WALKING_KINDS: ReadonlySet<NetworkKind> = new Set(['sidewalk', 'footway', 'pedestrian', 'path', 'living_street', 'assumed_sidewalk']);

/** Kinds people walk along (as opposed to crossing, climbing or riding): directions merge them by street. */
export function isWalkingKind(kind: NetworkKind): boolean {
  return WALKING_KINDS.has(kind);
}

export function networkKindOfArc(graph: RoutingGraph, arc: number): NetworkKind {
  return NETWORK_KINDS[graph.arcKind[arc] ?? 0] ?? 'sidewalk';
}

function kerbCode(kind: KerbKind | null, isCrossing: boolean): number {
  if (kind === null) return isCrossing ? KERB_CODES.unknown : KERB_CODES.notApplicable;
  return KERB_CODES[kind];
}

function triState(value: boolean | null): number {
  return value === null ? TRI_STATE.unknown : value ? TRI_STATE.yes : TRI_STATE.no;
}

function crossingCode(edge: NetworkEdge): number {
  if (edge.kind !== 'crossing') return CROSSING_CODES.notACrossing;
  return edge.crossing === null ? CROSSING_CODES.unknown : CROSSING_CODES[edge.crossing];
}

export function surfaceCode(surface: string | null): number {
  return surface === null ? SURFACE_CODES.unknown : SURFACE_CLASSES[surface] ?? SURFACE_CODES.unknown;
}

const positionKey = (longitude: number, latitude: number): string => `${longitude},${latitude}`;

export function createProjection(originLongitude: number, originLatitude: number): GraphProjection {
  const scale = metersPerDegree(originLatitude);
  return { originLongitude, originLatitude, metersPerDegreeLongitude: scale.longitudeMeters, metersPerDegreeLatitude: scale.latitudeMeters };
}

export function projectX(projection: GraphProjection, longitude: number): number {
  return (longitude - projection.originLongitude) * projection.metersPerDegreeLongitude;
}

export function projectY(projection: GraphProjection, latitude: number): number {
  return (latitude - projection.originLatitude) * projection.metersPerDegreeLatitude;
}

/** Length of edge e's line in the projection plane. */
export function edgeLengthMeters(graph: Pick<RoutingGraph, 'edgeCoordinateOffsets' | 'coordinates' | 'projection'>, edge: number): number {
  const { edgeCoordinateOffsets, coordinates, projection } = graph;
  const first = edgeCoordinateOffsets[edge] as number;
  const last = (edgeCoordinateOffsets[edge + 1] as number) - 1;
  let length = 0;
  for (let position = first; position < last; position += 1) {
    const deltaX = ((coordinates[2 * position + 2] as number) - (coordinates[2 * position] as number)) * projection.metersPerDegreeLongitude;
    const deltaY = ((coordinates[2 * position + 3] as number) - (coordinates[2 * position + 1] as number)) * projection.metersPerDegreeLatitude;
    length += Math.sqrt(deltaX * deltaX + deltaY * deltaY);
  }
  return length;
}

function classifyFacility(facility: Facility): GraphFacilityKind {
  if (facility.category === 'elevator') return 'elevator';
  if (facility.category === 'ramp') return facility.rampType === 'kerb_ramp' ? 'kerb_ramp' : 'ramp';
  return 'other';
}

function warning(edge: NetworkEdge, edgeIndex: number, detail: string): DataProblem {
  return {
    file: NETWORK_FILE, featureIndex: edgeIndex, featureId: edge.id, field: 'facility_id', code: 'invalid_value', severity: 'warning',
    detail: `${NETWORK_FILE} edge ${edge.id}: ${detail}`,
  };
}

/** Rounds to the precision network.bin keeps (see RoutingEdgeTable); null stays NaN. */
export function quantise(value: number | null, step: number): number {
  return value === null || !Number.isFinite(value) ? NaN : Math.round(value / step) / Math.round(1 / step);
}

export const PRECISION = { coordinate: 1e-7, percent: 0.1, widthMeters: 0.01, millimeters: 1 } as const;

/**
 * Builds the graph. Edges meet where their end positions are exactly equal (data/README.md); a
 * kerb ramp facility joins the crossing end at exactly its position. Inputs are not changed.
 */
export function buildRoutingGraph(edges: readonly NetworkEdge[], facilities: readonly Facility[]): RoutingGraphBuild {
  const problems: DataProblem[] = [];
  const edgeCount = edges.length;
  const lines = edges.map((edge) => (edge.geometry.coordinates as LngLat[]).map(([longitude, latitude]): LngLat => [
    quantise(longitude, PRECISION.coordinate), quantise(latitude, PRECISION.coordinate),
  ]));

  // Projection origin: the middle of the network's extent.
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  let positionCount = 0;
  for (const line of lines) {
    for (const [longitude, latitude] of line) {
      west = Math.min(west, longitude); east = Math.max(east, longitude);
      south = Math.min(south, latitude); north = Math.max(north, latitude);
    }
    positionCount += line.length;
  }
  const projection = edgeCount === 0 ? createProjection(0, 0) : createProjection((west + east) / 2, (south + north) / 2);

  // Nodes: distinct end positions.
  const nodeIndexByPosition = new Map<string, number>();
  const nodeLongitudes: number[] = [];
  const nodeLatitudes: number[] = [];
  const nodeOf = (position: LngLat): number => {
    const key = positionKey(position[0], position[1]);
    let node = nodeIndexByPosition.get(key);
    if (node === undefined) {
      node = nodeLongitudes.length;
      nodeIndexByPosition.set(key, node);
      nodeLongitudes.push(position[0]);
      nodeLatitudes.push(position[1]);
    }
    return node;
  };
  const edgeStartNode = new Int32Array(edgeCount);
  const edgeEndNode = new Int32Array(edgeCount);
  const edgeCoordinateOffsets = new Int32Array(edgeCount + 1);
  const coordinates = new Float64Array(positionCount * 2);
  let written = 0;
  lines.forEach((line, edgeIndex) => {
    edgeStartNode[edgeIndex] = nodeOf(line[0] as LngLat);
    edgeEndNode[edgeIndex] = nodeOf(line[line.length - 1] as LngLat);
    edgeCoordinateOffsets[edgeIndex] = written;
    for (const [longitude, latitude] of line) {
      coordinates[2 * written] = longitude;
      coordinates[2 * written + 1] = latitude;
      written += 1;
    }
  });
  edgeCoordinateOffsets[edgeCount] = written;
  const nodeCount = nodeLongitudes.length;
  // Number the nodes along a Z-order curve, so nodes near each other on the ground sit near each
  // other in memory: a search then touches far fewer cache lines.
  const order = spatialOrder(nodeLongitudes, nodeLatitudes);
  const renumbered = new Int32Array(nodeCount);
  order.forEach((oldIndex, newIndex) => { renumbered[oldIndex] = newIndex; });
  for (let edge = 0; edge < edgeCount; edge += 1) {
    edgeStartNode[edge] = renumbered[edgeStartNode[edge] as number] as number;
    edgeEndNode[edge] = renumbered[edgeEndNode[edge] as number] as number;
  }
  for (const [key, oldIndex] of nodeIndexByPosition) nodeIndexByPosition.set(key, renumbered[oldIndex] as number);

  // Facilities: the ones named by edges, and kerb ramps standing on a crossing end.
  const facilityById = new Map(facilities.map((facility) => [facility.id, facility]));
  const kerbRampsAt = new Map<string, Facility>();
  for (const facility of facilities) {
    if (facility.category === 'ramp' && facility.rampType === 'kerb_ramp' && facility.location.type === 'Point') {
      const [longitude, latitude] = facility.location.coordinates as LngLat;
      const key = positionKey(quantise(longitude, PRECISION.coordinate), quantise(latitude, PRECISION.coordinate));
      if (nodeIndexByPosition.has(key) && !kerbRampsAt.has(key)) kerbRampsAt.set(key, facility);
    }
  }
  const graphFacilities: Facility[] = [];
  const graphFacilityIndex = new Map<string, number>();
  const facilityIndexOf = (facility: Facility): number => {
    let index = graphFacilityIndex.get(facility.id);
    if (index === undefined) {
      index = graphFacilities.length;
      graphFacilities.push(facility);
      graphFacilityIndex.set(facility.id, index);
    }
    return index;
  };
  const edgeFacility = new Int32Array(edgeCount).fill(-1);
  edges.forEach((edge, edgeIndex) => {
    if (edge.facilityId === null) return;
    const facility = facilityById.get(edge.facilityId);
    if (facility === undefined) {
      problems.push(warning(edge, edgeIndex, `facility_id ${edge.facilityId} names no facility of this district; its status is taken as unknown`));
      return;
    }
    const expected = edge.kind === 'elevator' ? 'elevator' : edge.kind === 'ramp' ? 'ramp' : null;
    if (expected !== null && facility.category !== expected) {
      problems.push(warning(edge, edgeIndex, `a ${edge.kind} edge names ${facility.id}, a ${facility.category}; its status is taken as unknown`));
      return;
    }
    edgeFacility[edgeIndex] = facilityIndexOf(facility);
  });
  const kerbRampOfNode = new Int32Array(nodeCount).fill(-1);
  for (const [key, facility] of kerbRampsAt) kerbRampOfNode[nodeIndexByPosition.get(key) as number] = facilityIndexOf(facility);

  // Names: one entry per distinct (Chinese, English) pair.
  const names: StreetName[] = [];
  const nameIndexByKey = new Map<string, number>();
  const edgeName = new Int32Array(edgeCount).fill(-1);
  edges.forEach((edge, edgeIndex) => {
    if (edge.nameZh === null && edge.nameEn === null) return;
    const key = JSON.stringify([edge.nameZh, edge.nameEn]);
    let index = nameIndexByKey.get(key);
    if (index === undefined) {
      index = names.length;
      names.push({ nameZh: edge.nameZh, nameEn: edge.nameEn });
      nameIndexByKey.set(key, index);
    }
    edgeName[edgeIndex] = index;
  });

  const facilityWidth = (index: number): number | null => {
    const facility = graphFacilities[index];
    if (facility?.category === 'elevator') return facility.doorWidthMeters;
    if (facility?.category === 'ramp') return facility.clearWidthMeters;
    return null;
  };
  const perEdge = <Value>(read: (edge: NetworkEdge, edgeIndex: number) => Value): Value[] => edges.map(read);
  const table: RoutingEdgeTable = {
    nodeCount, edgeCount, facilityCount: graphFacilities.length, projection,
    edgeIds: edges.map((edge) => edge.id),
    edgeStartNode, edgeEndNode, edgeCoordinateOffsets, coordinates,
    edgeKind: Uint8Array.from(perEdge((edge) => NETWORK_KINDS.indexOf(edge.kind))),
    edgeName,
    edgeFacility,
    // Only crossing ends meet kerb ramps: a sidewalk passing a corner does not go down the ramp.
    edgeKerbRampStart: Int32Array.from(perEdge((edge, index) => (edge.kind === 'crossing' ? (kerbRampOfNode[edgeStartNode[index] as number] as number) : -1))),
    edgeKerbRampEnd: Int32Array.from(perEdge((edge, index) => (edge.kind === 'crossing' ? (kerbRampOfNode[edgeEndNode[index] as number] as number) : -1))),
    edgeInclinePercent: Float32Array.from(perEdge((edge) => quantise(edge.inclinePercent, PRECISION.percent))),
    edgeWidthMeters: Float32Array.from(perEdge((edge, index) => quantise(edge.widthMeters ?? ((edgeFacility[index] as number) >= 0 ? facilityWidth(edgeFacility[index] as number) : null), PRECISION.widthMeters))),
    edgeKerbStart: Uint8Array.from(perEdge((edge) => kerbCode(edge.kerbStart, edge.kind === 'crossing'))),
    edgeKerbEnd: Uint8Array.from(perEdge((edge) => kerbCode(edge.kerbEnd, edge.kind === 'crossing'))),
    edgeKerbStartHeightMillimeters: Float32Array.from(perEdge((edge) => quantise(edge.kerbStartHeightMillimeters, PRECISION.millimeters))),
    edgeKerbEndHeightMillimeters: Float32Array.from(perEdge((edge) => quantise(edge.kerbEndHeightMillimeters, PRECISION.millimeters))),
    edgeTactilePaving: Uint8Array.from(perEdge((edge) => triState(edge.tactilePaving))),
    edgeCrossing: Uint8Array.from(perEdge((edge) => crossingCode(edge))),
    edgeCrossingSound: Uint8Array.from(perEdge((edge) => triState(edge.crossingSound))),
    edgeHandrail: Uint8Array.from(perEdge((edge) => triState(edge.handrail))),
    edgeSurface: Uint8Array.from(perEdge((edge) => surfaceCode(edge.surface))),
    edgeStepCount: Uint16Array.from(perEdge((edge) => (edge.kind === 'steps' && edge.stepCount !== null ? Math.min(edge.stepCount, 65535) : 0))),
    facilityIds: graphFacilities.map((facility) => facility.id),
    facilityKind: Uint8Array.from(graphFacilities, (facility) => GRAPH_FACILITY_KINDS.indexOf(classifyFacility(facility))),
    facilityStatus: Uint8Array.from(graphFacilities, (facility) => FACILITY_STATUS_CODES[facility.status as FacilityStatus]),
    facilitySlopePercent: Float32Array.from(graphFacilities, (facility) => quantise(facility.category === 'ramp' ? facility.slopePercent : null, PRECISION.percent)),
    names,
  };
  return { graph: assembleRoutingGraph(table), problems };
}

/**
 * Derives the per-node and per-arc arrays from an edge table: node positions from the edges'
 * ends, the CSR layout, and each arc's attributes turned its way. Building and loading both end here.
 */
export function assembleRoutingGraph(table: RoutingEdgeTable): RoutingGraph {
  const { nodeCount, edgeCount, coordinates, edgeCoordinateOffsets, edgeStartNode, edgeEndNode } = table;
  const nodeLongitude = new Float64Array(nodeCount);
  const nodeLatitude = new Float64Array(nodeCount);
  for (let edge = 0; edge < edgeCount; edge += 1) {
    const first = edgeCoordinateOffsets[edge] as number;
    const last = (edgeCoordinateOffsets[edge + 1] as number) - 1;
    nodeLongitude[edgeStartNode[edge] as number] = coordinates[2 * first] as number;
    nodeLatitude[edgeStartNode[edge] as number] = coordinates[2 * first + 1] as number;
    nodeLongitude[edgeEndNode[edge] as number] = coordinates[2 * last] as number;
    nodeLatitude[edgeEndNode[edge] as number] = coordinates[2 * last + 1] as number;
  }

  // CSR: count out-degrees, then place each edge's two arcs in edge order.
  const arcCount = edgeCount * 2;
  const nodeArcOffsets = new Int32Array(nodeCount + 1);
  for (let edge = 0; edge < edgeCount; edge += 1) {
    const start = (edgeStartNode[edge] as number) + 1;
    const end = (edgeEndNode[edge] as number) + 1;
    nodeArcOffsets[start] = (nodeArcOffsets[start] as number) + 1;
    nodeArcOffsets[end] = (nodeArcOffsets[end] as number) + 1;
  }
  for (let node = 0; node < nodeCount; node += 1) nodeArcOffsets[node + 1] = (nodeArcOffsets[node + 1] as number) + (nodeArcOffsets[node] as number);
  const nextSlot = nodeArcOffsets.slice(0, nodeCount);

  const graph: RoutingGraph = {
    ...table,
    arcCount, nodeLongitude, nodeLatitude,
    ...projectNodes(table.projection, nodeLongitude, nodeLatitude),
    nodeArcOffsets,
    arcSource: new Int32Array(arcCount),
    arcTarget: new Int32Array(arcCount),
    arcTwin: new Int32Array(arcCount),
    arcEdge: new Int32Array(arcCount),
    arcForward: new Uint8Array(arcCount),
    arcLengthMeters: new Float64Array(arcCount),
    arcInclinePercent: new Float32Array(arcCount),
    arcWidthMeters: new Float32Array(arcCount),
    arcKerbNear: new Uint8Array(arcCount),
    arcKerbFar: new Uint8Array(arcCount),
    arcKerbNearHeightMillimeters: new Float32Array(arcCount),
    arcKerbFarHeightMillimeters: new Float32Array(arcCount),
    arcKerbRampNear: new Int32Array(arcCount),
    arcKerbRampFar: new Int32Array(arcCount),
    arcTactilePaving: new Uint8Array(arcCount),
    arcCrossing: new Uint8Array(arcCount),
    arcCrossingSound: new Uint8Array(arcCount),
    arcStepCount: new Uint16Array(arcCount),
    arcHandrail: new Uint8Array(arcCount),
    arcSurface: new Uint8Array(arcCount),
    arcKind: new Uint8Array(arcCount),
    arcName: new Int32Array(arcCount),
    arcFacility: new Int32Array(arcCount),
  };
  for (let edge = 0; edge < edgeCount; edge += 1) {
    const start = edgeStartNode[edge] as number;
    const end = edgeEndNode[edge] as number;
    const forwardArc = nextSlot[start] as number;
    nextSlot[start] = forwardArc + 1;
    const backwardArc = nextSlot[end] as number;
    nextSlot[end] = backwardArc + 1;
    const lengthMeters = edgeLengthMeters(table, edge);
    const incline = table.edgeInclinePercent[edge] as number;
    for (let direction = 0; direction < 2; direction += 1) {
      const forward = direction === 0;
      const arc = forward ? forwardArc : backwardArc;
      graph.arcSource[arc] = forward ? start : end;
      graph.arcTarget[arc] = forward ? end : start;
      graph.arcTwin[arc] = forward ? backwardArc : forwardArc;
      graph.arcEdge[arc] = edge;
      graph.arcForward[arc] = forward ? 1 : 0;
      graph.arcLengthMeters[arc] = lengthMeters;
      graph.arcInclinePercent[arc] = forward ? incline : -incline;
      graph.arcWidthMeters[arc] = table.edgeWidthMeters[edge] as number;
      graph.arcKerbNear[arc] = (forward ? table.edgeKerbStart[edge] : table.edgeKerbEnd[edge]) as number;
      graph.arcKerbFar[arc] = (forward ? table.edgeKerbEnd[edge] : table.edgeKerbStart[edge]) as number;
      graph.arcKerbNearHeightMillimeters[arc] = (forward ? table.edgeKerbStartHeightMillimeters[edge] : table.edgeKerbEndHeightMillimeters[edge]) as number;
      graph.arcKerbFarHeightMillimeters[arc] = (forward ? table.edgeKerbEndHeightMillimeters[edge] : table.edgeKerbStartHeightMillimeters[edge]) as number;
      graph.arcKerbRampNear[arc] = (forward ? table.edgeKerbRampStart[edge] : table.edgeKerbRampEnd[edge]) as number;
      graph.arcKerbRampFar[arc] = (forward ? table.edgeKerbRampEnd[edge] : table.edgeKerbRampStart[edge]) as number;
      graph.arcTactilePaving[arc] = table.edgeTactilePaving[edge] as number;
      graph.arcCrossing[arc] = table.edgeCrossing[edge] as number;
      graph.arcCrossingSound[arc] = table.edgeCrossingSound[edge] as number;
      graph.arcStepCount[arc] = table.edgeStepCount[edge] as number;
      graph.arcHandrail[arc] = table.edgeHandrail[edge] as number;
      graph.arcSurface[arc] = table.edgeSurface[edge] as number;
      graph.arcKind[arc] = table.edgeKind[edge] as number;
      graph.arcName[arc] = table.edgeName[edge] as number;
      graph.arcFacility[arc] = table.edgeFacility[edge] as number;
    }
  }
  return graph;
}

/** Spreads the low 16 bits of a number to the even bits, for a Morton (Z-order) code. */
function spreadBits(value: number): number {
  let spread = value & 0xffff;
  spread = (spread | (spread << 8)) & 0x00ff00ff;
  spread = (spread | (spread << 4)) & 0x0f0f0f0f;
  spread = (spread | (spread << 2)) & 0x33333333;
  spread = (spread | (spread << 1)) & 0x55555555;
  return spread >>> 0;
}

/** Node indices sorted along a Z-order curve over the nodes' extent (ties keep their order). */
function spatialOrder(longitudes: readonly number[], latitudes: readonly number[]): number[] {
  let minimumLongitude = Infinity, maximumLongitude = -Infinity, minimumLatitude = Infinity, maximumLatitude = -Infinity;
  for (let index = 0; index < longitudes.length; index += 1) {
    minimumLongitude = Math.min(minimumLongitude, longitudes[index] as number);
    maximumLongitude = Math.max(maximumLongitude, longitudes[index] as number);
    minimumLatitude = Math.min(minimumLatitude, latitudes[index] as number);
    maximumLatitude = Math.max(maximumLatitude, latitudes[index] as number);
  }
  const longitudeScale = 65535 / Math.max(maximumLongitude - minimumLongitude, 1e-12);
  const latitudeScale = 65535 / Math.max(maximumLatitude - minimumLatitude, 1e-12);
  const codes = new Float64Array(longitudes.length);
  for (let index = 0; index < longitudes.length; index += 1) {
    const x = Math.round(((longitudes[index] as number) - minimumLongitude) * longitudeScale);
    const y = Math.round(((latitudes[index] as number) - minimumLatitude) * latitudeScale);
    codes[index] = spreadBits(x) * 2 + spreadBits(y);
  }
  return Array.from(longitudes, (_, index) => index).sort((first, second) => (codes[first] as number) - (codes[second] as number) || first - second);
}

/** The nodes' positions in the projection plane (after building or loading). */
export function projectNodes(projection: GraphProjection, longitudes: ArrayLike<number>, latitudes: ArrayLike<number>): { nodeX: Float64Array; nodeY: Float64Array } {
  const nodeX = new Float64Array(longitudes.length);
  const nodeY = new Float64Array(latitudes.length);
  for (let node = 0; node < longitudes.length; node += 1) {
    nodeX[node] = projectX(projection, longitudes[node] as number);
    nodeY[node] = projectY(projection, latitudes[node] as number);
  }
  return { nodeX, nodeY };
}

/** The facility kind of a graph facility index. */
export function facilityKindOf(graph: RoutingGraph, facility: number): GraphFacilityKind {
  return GRAPH_FACILITY_KINDS[graph.facilityKind[facility] ?? 3] ?? 'other';
}

export function crossingKindOfArc(graph: RoutingGraph, arc: number): CrossingKind | null {
  switch (graph.arcCrossing[arc]) {
    case CROSSING_CODES.traffic_signals: return 'traffic_signals';
    case CROSSING_CODES.marked: return 'marked';
    case CROSSING_CODES.unmarked: return 'unmarked';
    default: return null;
  }
}

export function kerbKindOfCode(code: number): KerbKind | null {
  switch (code) {
    case KERB_CODES.lowered: return 'lowered';
    case KERB_CODES.flush: return 'flush';
    case KERB_CODES.raised: return 'raised';
    case KERB_CODES.rolled: return 'rolled';
    case KERB_CODES.none: return 'none';
    default: return null;
  }
}

export function triStateValue(code: number): boolean | null {
  return code === TRI_STATE.yes ? true : code === TRI_STATE.no ? false : null;
}

/**
 * Positions along an arc from `fromFraction` to `toFraction` of its length (0 = the arc's source),
 * as [longitude, latitude] pairs, in the arc's direction. Interior positions are kept; the ends
 * are interpolated in the projection plane.
 */
export function arcPositions(graph: RoutingGraph, arc: number, fromFraction = 0, toFraction = 1): LngLat[] {
  const edge = graph.arcEdge[arc] as number;
  const forward = graph.arcForward[arc] === 1;
  const first = graph.edgeCoordinateOffsets[edge] as number;
  const last = (graph.edgeCoordinateOffsets[edge + 1] as number) - 1;
  const line: LngLat[] = [];
  for (let position = first; position <= last; position += 1) {
    line.push([graph.coordinates[2 * position] as number, graph.coordinates[2 * position + 1] as number]);
  }
  if (!forward) line.reverse();
  if (fromFraction <= 0 && toFraction >= 1) return line;
  const lengthMeters = graph.arcLengthMeters[arc] as number;
  return slicePolyline(graph.projection, line, fromFraction * lengthMeters, toFraction * lengthMeters);
}

function segmentLength(projection: GraphProjection, from: LngLat, to: LngLat): number {
  const deltaX = (to[0] - from[0]) * projection.metersPerDegreeLongitude;
  const deltaY = (to[1] - from[1]) * projection.metersPerDegreeLatitude;
  return Math.sqrt(deltaX * deltaX + deltaY * deltaY);
}

function interpolate(from: LngLat, to: LngLat, fraction: number): LngLat {
  return [from[0] + (to[0] - from[0]) * fraction, from[1] + (to[1] - from[1]) * fraction];
}

/** The part of a polyline between two distances from its start (metres in the projection plane). */
function slicePolyline(projection: GraphProjection, line: readonly LngLat[], fromMeters: number, toMeters: number): LngLat[] {
  const result: LngLat[] = [];
  let travelled = 0;
  for (let index = 1; index < line.length; index += 1) {
    const start = line[index - 1] as LngLat;
    const end = line[index] as LngLat;
    const length = segmentLength(projection, start, end);
    const segmentStart = travelled;
    const segmentEnd = travelled + length;
    travelled = segmentEnd;
    if (segmentEnd < fromMeters || length === 0) continue;
    if (result.length === 0) result.push(interpolate(start, end, Math.max(0, Math.min(1, (fromMeters - segmentStart) / length))));
    if (segmentEnd >= toMeters) {
      result.push(interpolate(start, end, Math.max(0, Math.min(1, (toMeters - segmentStart) / length))));
      return result;
    }
    result.push(end);
  }
  if (result.length === 0) {
    const lastPosition = line[line.length - 1] as LngLat;
    return [lastPosition, lastPosition];
  }
  if (result.length === 1) result.push(result[0] as LngLat);
  return result;
}
