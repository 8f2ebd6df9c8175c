// Coverage of a district by one kind of facility, measured along the footway network for a
// mobility profile, and beside it the straight-line coverage that circles on a map would claim.
//
// Distances. The routing core prices every arc in weighted seconds (walking time at the profile's
// pace, times its penalties). "Within D metres" here means a weighted cost of at most D ÷ the
// profile's speed: the distance along the network with every penalty counted as extra metres
// (an uphill stretch that costs 1.5 times as long counts 1.5 times its length). Reported costs are
// in those "equivalent metres". Walking from a cell's centre to the network and from the network
// to a facility is counted too, straight, at the profile's pace without penalties: a toilet 30 m
// inside a building is 30 m further away than the footway in front of it.
//
// That approach walk is what keeps network coverage at or below straight-line coverage: every
// arc costs at least its length at the profile's speed (src/domain/routing/costs.ts), every edge
// is at least as long as the straight line between its ends, and both are measured in the same
// projection plane, so the whole path is never shorter than the straight line from the cell to
// the facility.
//
// Direction: from the resident to the facility (arcs used in their own direction towards it), so
// one backward multi-source Dijkstra from all facilities at once gives every node its cost.
import { NETWORK_KINDS, type BoundingBox, type Facility, type LngLat } from '../facilities/model.ts';
import { COVERAGE_CATEGORIES, type CoverageCategory } from './categories.ts';
import { createArcEvaluation, evaluateArc, preparedCostsFor, type PreparedCosts } from '../routing/costs.ts';
import { isWalkingKind, projectX, projectY, type RoutingGraph, type StreetName } from '../routing/graph.ts';
import { routingProfile, validateRoutingProfile, type ProfileName, type RoutingProfile } from '../routing/profiles.ts';
import { DEFAULT_MAX_SNAP_DISTANCE_METERS, edgeArcs } from '../routing/route.ts';
import { dijkstraFromSeeds } from '../routing/search.ts';
import { snapToNetwork } from '../routing/snap.ts';
import { DEFAULT_CELL_SIZE_METERS, hexGridOver, type HexCell } from './hex-grid.ts';
import { insidePolygon } from '../geo/index.ts';

export { COVERAGE_CATEGORIES, type CoverageCategory } from './categories.ts';

/** A boundary area (a street's 街道 or a neighbourhood committee's 居委会) given as polygons. */
export interface CoverageArea {
  id: string;
  nameZh: string | null;
  nameEn: string | null;
  /** Polygons, each a list of rings (the first the outside, the rest holes), positions in degrees. */
  polygons: LngLat[][][];
}

export interface CoverageRequest {
  category: CoverageCategory;
  profile: ProfileName | RoutingProfile;
  withinMeters: number;
  /**
   * Leave out facilities that are out of service in the data. Facilities whose status is unknown
   * still count: unknown is not broken, and the diagnostics list them for a check on site.
   */
  workingOnly?: boolean;
  cellSizeMeters?: number;
  /** The area to lay the grid over; default: the network's extent. */
  bbox?: BoundingBox;
  /** Boundary areas for per-area rows; rows per street name are always given. */
  areas?: readonly CoverageArea[];
  /** "What if": places for new facilities of the category, counted as working. */
  proposedFacilities?: readonly LngLat[];
  /** Facilities to treat as closed on top of the data (open fault reports). */
  closedFacilityIds?: readonly string[];
  /**
   * Told how far the run has got, for a progress bar: each stage once at its start (fraction 0),
   * then the cells stage again every few hundred cells, and 'done' at 1. Never called after 'done'.
   */
  onProgress?: (progress: CoverageProgress) => void;
}

export const COVERAGE_STAGES = ['preparing', 'searching', 'cells', 'done'] as const;
export type CoverageStage = (typeof COVERAGE_STAGES)[number];
export interface CoverageProgress {
  stage: CoverageStage;
  /** Share of the whole run done, 0 to 1, never going down. */
  fraction: number;
}

/** Share of the run each stage starts at; the cells take most of the time (snapping each centre). */
const STAGE_START: Record<CoverageStage, number> = { preparing: 0, searching: 0.2, cells: 0.35, done: 1 };
const CELLS_PER_PROGRESS_REPORT = 500;

export interface CoverageCell {
  row: number;
  column: number;
  center: LngLat;
  ring: LngLat[];
  /**
   * Whether the network passes within the cell's radius of its centre. Cells without network
   * (water, a park without paths, a block interior) hold no one who walks to a facility from
   * there and are left out of every share, network and straight-line alike.
   */
  onNetwork: boolean;
  /** Equivalent metres to the nearest facility along the network; null when none is within the limit (or the cell is off the network). */
  networkCostMeters: number | null;
  /** Straight-line metres to the nearest facility; null when none is within the limit. */
  straightLineMeters: number | null;
  coveredNetwork: boolean;
  coveredStraightLine: boolean;
  /** Index into CoverageResult.streets of the named street nearest the centre, or −1. */
  street: number;
}

/** One row of the table: a street or a boundary area. */
export interface CoverageRow {
  id: string;
  nameZh: string | null;
  nameEn: string | null;
  cells: number;
  cellsCoveredNetwork: number;
  cellsCoveredStraightLine: number;
  /** Shares of the row's cells; null when the row has no cell on the network. */
  shareNetwork: number | null;
  shareStraightLine: number | null;
  networkLengthMeters: number;
  networkLengthCoveredMeters: number;
  shareNetworkLength: number | null;
  facilities: number;
}

export interface CoverageFacilityCounts {
  /** Facilities of the category in the data. */
  inData: number;
  /** Those counted (plus proposed ones). */
  counted: number;
  outOfServiceExcluded: number;
  /** Counted although their status is unknown. */
  unknownStatusCounted: number;
  proposed: number;
  /** Counted facilities with no network the profile can use within the snapping distance: they reach no cell along the network. */
  offNetwork: number;
}

export interface CoverageResult {
  category: CoverageCategory;
  profile: RoutingProfile;
  withinMeters: number;
  workingOnly: boolean;
  cellSizeMeters: number;
  cellAreaSquareMeters: number;
  cells: CoverageCell[];
  cellsOnNetwork: number;
  cellsCoveredNetwork: number;
  cellsCoveredStraightLine: number;
  /** Shares of the cells on the network; null when no cell is on the network. */
  shareNetwork: number | null;
  shareStraightLine: number | null;
  networkLengthMeters: number;
  /** Length of edges whose both ends are within the limit. */
  networkLengthCoveredMeters: number;
  shareNetworkLength: number | null;
  facilities: CoverageFacilityCounts;
  /** Positions of the facilities counted (data and proposed). */
  facilityPositions: LngLat[];
  /** One row per street name, worst covered first. */
  streets: CoverageRow[];
  /** One row per boundary area given, worst covered first. */
  areas: CoverageRow[];
  /** Per graph node: equivalent metres to the nearest facility; Infinity beyond the limit. */
  nodeCostMeters: Float64Array;
}

interface SnappedFacility {
  edge: number;
  edgeFraction: number;
  /** Seconds from the snapped point to the facility itself. */
  approachSeconds: number;
}

function pieceCost(prepared: PreparedCosts, arc: number, fromFraction: number, toFraction: number): number {
  const evaluation = createArcEvaluation();
  evaluateArc(prepared.graph, prepared.profile, prepared.closures, arc, fromFraction, toFraction, evaluation);
  return evaluation.cost >= 0 ? evaluation.cost : Infinity;
}

function selectFacilities(facilities: readonly Facility[], request: CoverageRequest): { positions: LngLat[]; counts: Omit<CoverageFacilityCounts, 'offNetwork'> } {
  const positions: LngLat[] = [];
  let inData = 0, outOfServiceExcluded = 0, unknownStatusCounted = 0;
  const closed = new Set(request.closedFacilityIds ?? []);
  for (const facility of facilities) {
    if (facility.category !== request.category || facility.location.type !== 'Point') continue;
    inData += 1;
    if (request.workingOnly === true && (facility.status === 'out_of_service' || closed.has(facility.id))) {
      outOfServiceExcluded += 1;
      continue;
    }
    if (facility.status === 'unknown') unknownStatusCounted += 1;
    positions.push(facility.location.coordinates as LngLat);
  }
  const proposed = request.proposedFacilities ?? [];
  positions.push(...proposed);
  return { positions, counts: { inData, counted: positions.length, outOfServiceExcluded, unknownStatusCounted, proposed: proposed.length } };
}

/** Problems with a request, each a sentence; empty when it can be run. */
export function validateCoverageRequest(request: CoverageRequest): string[] {
  const problems: string[] = [];
  if (!(COVERAGE_CATEGORIES as readonly string[]).includes(request.category)) problems.push(`category must be one of ${COVERAGE_CATEGORIES.join(', ')}, got ${String(request.category)}`);
  if (!(request.withinMeters > 0) || !Number.isFinite(request.withinMeters)) problems.push(`withinMeters must be a positive number of metres, got ${request.withinMeters}`);
  const cellSize = request.cellSizeMeters ?? DEFAULT_CELL_SIZE_METERS;
  if (!(cellSize > 0) || !Number.isFinite(cellSize)) problems.push(`cellSizeMeters must be a positive number of metres, got ${cellSize}`);
  if (typeof request.profile !== 'string') problems.push(...validateRoutingProfile(request.profile));
  (request.proposedFacilities ?? []).forEach((position, index) => {
    if (!Number.isFinite(position[0]) || !Number.isFinite(position[1]) || Math.abs(position[0]) > 180 || Math.abs(position[1]) > 90) {
      problems.push(`proposed facility ${index + 1} has no valid position: ${JSON.stringify(position)}`);
    }
  });
  return problems;
}

function networkExtent(graph: RoutingGraph): BoundingBox {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (let node = 0; node < graph.nodeCount; node += 1) {
    west = Math.min(west, graph.nodeLongitude[node] as number); east = Math.max(east, graph.nodeLongitude[node] as number);
    south = Math.min(south, graph.nodeLatitude[node] as number); north = Math.max(north, graph.nodeLatitude[node] as number);
  }
  return [west, south, east, north];
}

function insideArea(point: LngLat, area: CoverageArea): boolean {
  return area.polygons.some((rings) => insidePolygon(point, rings));
}

/** Facilities bucketed by square of side `withinMeters`, for the straight-line check. */
function straightLineIndex(graph: RoutingGraph, positions: readonly LngLat[], withinMeters: number): (x: number, y: number) => number {
  const buckets = new Map<string, number[]>();
  const xs = positions.map((position) => projectX(graph.projection, position[0]));
  const ys = positions.map((position) => projectY(graph.projection, position[1]));
  xs.forEach((x, index) => {
    const key = `${Math.floor(x / withinMeters)},${Math.floor((ys[index] as number) / withinMeters)}`;
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, [index]);
    else bucket.push(index);
  });
  return (x, y) => {
    const column = Math.floor(x / withinMeters);
    const row = Math.floor(y / withinMeters);
    let best = Infinity;
    for (let rowOffset = -1; rowOffset <= 1; rowOffset += 1) {
      for (let columnOffset = -1; columnOffset <= 1; columnOffset += 1) {
        for (const index of buckets.get(`${column + columnOffset},${row + rowOffset}`) ?? []) {
          best = Math.min(best, Math.hypot((xs[index] as number) - x, (ys[index] as number) - y));
        }
      }
    }
    return best;
  };
}

function emptyRow(id: string, name: StreetName): CoverageRow {
  return {
    id, nameZh: name.nameZh, nameEn: name.nameEn, cells: 0, cellsCoveredNetwork: 0, cellsCoveredStraightLine: 0, shareNetwork: null, shareStraightLine: null,
    networkLengthMeters: 0, networkLengthCoveredMeters: 0, shareNetworkLength: null, facilities: 0,
  };
}

function finishRow(row: CoverageRow): CoverageRow {
  return {
    ...row,
    shareNetwork: row.cells === 0 ? null : row.cellsCoveredNetwork / row.cells,
    shareStraightLine: row.cells === 0 ? null : row.cellsCoveredStraightLine / row.cells,
    shareNetworkLength: row.networkLengthMeters === 0 ? null : row.networkLengthCoveredMeters / row.networkLengthMeters,
  };
}

/** Worst gaps first: lowest network share (rows without cells last), then by name. */
function byWorstGap(first: CoverageRow, second: CoverageRow): number {
  const firstShare = first.shareNetwork ?? first.shareNetworkLength ?? Infinity;
  const secondShare = second.shareNetwork ?? second.shareNetworkLength ?? Infinity;
  return firstShare - secondShare || first.id.localeCompare(second.id);
}

/** The name a street row is keyed by: walking edges carry the street's name, crossings the crossed street's. */
function streetKey(name: StreetName): string {
  return name.nameZh ?? name.nameEn ?? '';
}

/**
 * Coverage of the district by the request's category. `facilities`: every facility of the
 * district (the category is picked here). Throws a RangeError for a request that cannot be run
 * (see validateCoverageRequest). Inputs are not changed.
 */
export function computeCoverage(graph: RoutingGraph, facilities: readonly Facility[], request: CoverageRequest): CoverageResult {
  const problems = validateCoverageRequest(request);
  if (problems.length > 0) throw new RangeError(`computeCoverage: ${problems.join('; ')}`);
  const report = request.onProgress ?? ((): void => undefined);
  report({ stage: 'preparing', fraction: STAGE_START.preparing });
  const profile = typeof request.profile === 'string' ? routingProfile(request.profile) : request.profile;
  const speed = profile.speedMetersPerSecond;
  const limitSeconds = request.withinMeters / speed;
  const prepared = preparedCostsFor(graph, profile, new Set(request.closedFacilityIds ?? []));
  const { positions, counts } = selectFacilities(facilities, request);

  // Seeds: each facility snapped onto an edge the profile can use, priced from each end of that
  // edge to the snapped point, plus the approach from there to the facility.
  const seedNodes: number[] = [];
  const seedCosts: number[] = [];
  const facilitiesOnEdge = new Map<number, SnappedFacility[]>();
  let offNetwork = 0;
  for (const position of positions) {
    const snapped = snapToNetwork(graph, position, prepared.edgeSnappable, DEFAULT_MAX_SNAP_DISTANCE_METERS);
    if (snapped === null) {
      offNetwork += 1;
      continue;
    }
    const approachSeconds = snapped.distanceMeters / speed;
    const { forward, backward } = edgeArcs(graph, snapped.edge);
    seedNodes.push(graph.edgeStartNode[snapped.edge] as number, graph.edgeEndNode[snapped.edge] as number);
    seedCosts.push(
      pieceCost(prepared, forward, 0, snapped.edgeFraction) + approachSeconds,
      pieceCost(prepared, backward, 0, 1 - snapped.edgeFraction) + approachSeconds,
    );
    const onEdge = facilitiesOnEdge.get(snapped.edge) ?? [];
    onEdge.push({ edge: snapped.edge, edgeFraction: snapped.edgeFraction, approachSeconds });
    facilitiesOnEdge.set(snapped.edge, onEdge);
  }
  report({ stage: 'searching', fraction: STAGE_START.searching });
  const nodeSeconds = dijkstraFromSeeds(prepared, { nodes: seedNodes, costs: seedCosts }, 'backward', limitSeconds);
  const nodeCostMeters = nodeSeconds.map((seconds) => seconds * speed);

  // Street names: walking edges only, so a crossing's "… crossing" name makes no row of its own.
  const streetRows: CoverageRow[] = [];
  const streetOfName = new Int32Array(graph.names.length).fill(-1);
  const streetIndexByKey = new Map<string, number>();
  const walkingNamedEdge = new Uint8Array(graph.edgeCount);
  for (let edge = 0; edge < graph.edgeCount; edge += 1) {
    const nameIndex = graph.edgeName[edge] as number;
    const name = graph.names[nameIndex];
    if (name === undefined || !isWalkingKind(NETWORK_KINDS[graph.edgeKind[edge] as number] ?? 'crossing')) continue;
    walkingNamedEdge[edge] = 1;
    if ((streetOfName[nameIndex] as number) >= 0) continue;
    const key = streetKey(name);
    let row = streetIndexByKey.get(key);
    if (row === undefined) {
      row = streetRows.length;
      streetIndexByKey.set(key, row);
      streetRows.push(emptyRow(key, name));
    }
    streetOfName[nameIndex] = row;
  }
  const streetOfEdge = (edge: number): number => (walkingNamedEdge[edge] === 1 ? (streetOfName[graph.edgeName[edge] as number] as number) : -1);
  const areaRows = (request.areas ?? []).map((area) => emptyRow(area.id, { nameZh: area.nameZh, nameEn: area.nameEn }));

  // Network length: an edge is covered when both its ends are within the limit.
  const edgeLength = new Float64Array(graph.edgeCount);
  for (let arc = 0; arc < graph.arcCount; arc += 1) if (graph.arcForward[arc] === 1) edgeLength[graph.arcEdge[arc] as number] = graph.arcLengthMeters[arc] as number;
  let networkLengthMeters = 0, networkLengthCoveredMeters = 0;
  for (let edge = 0; edge < graph.edgeCount; edge += 1) {
    const lengthMeters = edgeLength[edge] as number;
    const covered = (nodeSeconds[graph.edgeStartNode[edge] as number] as number) <= limitSeconds && (nodeSeconds[graph.edgeEndNode[edge] as number] as number) <= limitSeconds;
    networkLengthMeters += lengthMeters;
    if (covered) networkLengthCoveredMeters += lengthMeters;
    const street = streetRows[streetOfEdge(edge)];
    if (street !== undefined) {
      street.networkLengthMeters += lengthMeters;
      if (covered) street.networkLengthCoveredMeters += lengthMeters;
    }
    if (areaRows.length > 0) {
      const start = graph.edgeStartNode[edge] as number, end = graph.edgeEndNode[edge] as number;
      const middle: LngLat = [((graph.nodeLongitude[start] as number) + (graph.nodeLongitude[end] as number)) / 2, ((graph.nodeLatitude[start] as number) + (graph.nodeLatitude[end] as number)) / 2];
      (request.areas ?? []).forEach((area, index) => {
        const row = areaRows[index] as CoverageRow;
        if (!insideArea(middle, area)) return;
        row.networkLengthMeters += lengthMeters;
        if (covered) row.networkLengthCoveredMeters += lengthMeters;
      });
    }
  }

  // Facilities per row: the street nearest each, and the areas it stands in.
  for (const position of positions) {
    const nearestStreet = snapToNetwork(graph, position, walkingNamedEdge, DEFAULT_MAX_SNAP_DISTANCE_METERS);
    const street = nearestStreet === null ? undefined : streetRows[streetOfEdge(nearestStreet.edge)];
    if (street !== undefined) street.facilities += 1;
    (request.areas ?? []).forEach((area, index) => { if (insideArea(position, area)) (areaRows[index] as CoverageRow).facilities += 1; });
  }

  const grid = hexGridOver(graph.projection, request.bbox ?? networkExtent(graph), request.cellSizeMeters ?? DEFAULT_CELL_SIZE_METERS);
  const nearestStraightLine = straightLineIndex(graph, positions, request.withinMeters);
  const cells: CoverageCell[] = [];
  let cellsOnNetwork = 0, cellsCoveredNetwork = 0, cellsCoveredStraightLine = 0;
  report({ stage: 'cells', fraction: STAGE_START.cells });
  for (const hex of grid.cells) {
    if (cells.length > 0 && cells.length % CELLS_PER_PROGRESS_REPORT === 0) {
      report({ stage: 'cells', fraction: STAGE_START.cells + (STAGE_START.done - STAGE_START.cells) * (cells.length / grid.cells.length) * 0.99 });
    }
    const cell = coverCell(graph, prepared, hex, grid.radiusMeters, nodeSeconds, facilitiesOnEdge, limitSeconds, walkingNamedEdge);
    const straight = nearestStraightLine(hex.centerX, hex.centerY);
    const coveredStraightLine = cell.onNetwork && straight <= request.withinMeters;
    const result: CoverageCell = {
      row: hex.row, column: hex.column, center: hex.center, ring: hex.ring, onNetwork: cell.onNetwork,
      networkCostMeters: cell.costSeconds <= limitSeconds ? cell.costSeconds * speed : null,
      straightLineMeters: straight <= request.withinMeters ? straight : null,
      coveredNetwork: cell.costSeconds <= limitSeconds, coveredStraightLine, street: cell.streetEdge >= 0 ? streetOfEdge(cell.streetEdge) : -1,
    };
    cells.push(result);
    if (!cell.onNetwork) continue;
    cellsOnNetwork += 1;
    if (result.coveredNetwork) cellsCoveredNetwork += 1;
    if (coveredStraightLine) cellsCoveredStraightLine += 1;
    const rows = [streetRows[result.street], ...areaRows.filter((_, index) => insideArea(hex.center, (request.areas ?? [])[index] as CoverageArea))];
    for (const row of rows) {
      if (row === undefined) continue;
      row.cells += 1;
      if (result.coveredNetwork) row.cellsCoveredNetwork += 1;
      if (coveredStraightLine) row.cellsCoveredStraightLine += 1;
    }
  }

  // Rows sorted worst first; cells keep pointing at their street's row.
  const streetOrder = streetRows.map((row, index) => ({ row: finishRow(row), index })).sort((first, second) => byWorstGap(first.row, second.row));
  const sortedStreetIndex = new Int32Array(streetRows.length);
  streetOrder.forEach((entry, sortedIndex) => { sortedStreetIndex[entry.index] = sortedIndex; });
  const sortedCells = cells.map((cell) => (cell.street < 0 ? cell : { ...cell, street: sortedStreetIndex[cell.street] as number }));
  report({ stage: 'done', fraction: STAGE_START.done });

  return {
    category: request.category, profile, withinMeters: request.withinMeters, workingOnly: request.workingOnly === true,
    cellSizeMeters: grid.cellSizeMeters, cellAreaSquareMeters: grid.cellAreaSquareMeters,
    cells: sortedCells, cellsOnNetwork, cellsCoveredNetwork, cellsCoveredStraightLine,
    shareNetwork: cellsOnNetwork === 0 ? null : cellsCoveredNetwork / cellsOnNetwork,
    shareStraightLine: cellsOnNetwork === 0 ? null : cellsCoveredStraightLine / cellsOnNetwork,
    networkLengthMeters, networkLengthCoveredMeters, shareNetworkLength: networkLengthMeters === 0 ? null : networkLengthCoveredMeters / networkLengthMeters,
    facilities: { ...counts, offNetwork },
    facilityPositions: positions,
    streets: streetOrder.map((entry) => entry.row),
    areas: areaRows.map(finishRow).sort(byWorstGap),
    nodeCostMeters,
  };
}

/**
 * One cell: whether the network passes within its radius, and the cost from its centre to the
 * nearest facility (Infinity beyond the limit). The centre is snapped to the nearest edge the
 * profile can use (within the routing core's snapping distance), then priced to each end of that
 * edge and on, or straight along it to a facility on the same edge.
 */
function coverCell(
  graph: RoutingGraph, prepared: PreparedCosts, hex: HexCell, radiusMeters: number, nodeSeconds: Float64Array,
  facilitiesOnEdge: ReadonlyMap<number, readonly SnappedFacility[]>, limitSeconds: number, streetEdges: Uint8Array,
): { onNetwork: boolean; costSeconds: number; streetEdge: number } {
  const nearest = snapToNetwork(graph, hex.center, null, radiusMeters);
  if (nearest === null) return { onNetwork: false, costSeconds: Infinity, streetEdge: -1 };
  const street = snapToNetwork(graph, hex.center, streetEdges, radiusMeters);
  const snapped = prepared.edgeSnappable[nearest.edge] === 1 ? nearest : snapToNetwork(graph, hex.center, prepared.edgeSnappable, DEFAULT_MAX_SNAP_DISTANCE_METERS);
  if (snapped === null) return { onNetwork: true, costSeconds: Infinity, streetEdge: street?.edge ?? -1 };
  const speed = prepared.profile.speedMetersPerSecond;
  const approachSeconds = snapped.distanceMeters / speed;
  if (approachSeconds > limitSeconds) return { onNetwork: true, costSeconds: Infinity, streetEdge: street?.edge ?? -1 };
  const { forward, backward } = edgeArcs(graph, snapped.edge);
  const fraction = snapped.edgeFraction;
  let best = Infinity;
  const endSeconds = nodeSeconds[graph.edgeEndNode[snapped.edge] as number] as number;
  if (endSeconds < Infinity) best = Math.min(best, pieceCost(prepared, forward, fraction, 1) + endSeconds);
  const startSeconds = nodeSeconds[graph.edgeStartNode[snapped.edge] as number] as number;
  if (startSeconds < Infinity) best = Math.min(best, pieceCost(prepared, backward, 1 - fraction, 1) + startSeconds);
  for (const facility of facilitiesOnEdge.get(snapped.edge) ?? []) {
    const along = fraction <= facility.edgeFraction
      ? pieceCost(prepared, forward, fraction, facility.edgeFraction)
      : pieceCost(prepared, backward, 1 - fraction, 1 - facility.edgeFraction);
    best = Math.min(best, along + facility.approachSeconds);
  }
  const total = best + approachSeconds;
  return { onNetwork: true, costSeconds: total <= limitSeconds ? total : Infinity, streetEdge: street?.edge ?? -1 };
}

/** The cells as a GeoJSON FeatureCollection of polygons with their coverage, for maps and export. */
export function coverageCellsGeoJson(result: CoverageResult): { type: 'FeatureCollection'; features: unknown[] } {
  const round = (value: number | null): number | null => (value === null ? null : Math.round(value * 10) / 10);
  const roundPosition = (position: LngLat): LngLat => [Math.round(position[0] * 1e7) / 1e7, Math.round(position[1] * 1e7) / 1e7];
  return {
    type: 'FeatureCollection',
    features: result.cells.filter((cell) => cell.onNetwork).map((cell) => {
      const street = result.streets[cell.street];
      return {
        type: 'Feature',
        properties: {
          row: cell.row, column: cell.column,
          covered_network: cell.coveredNetwork, covered_straight_line: cell.coveredStraightLine,
          network_cost_m: round(cell.networkCostMeters), straight_line_m: round(cell.straightLineMeters),
          street_zh: street?.nameZh ?? null, street_en: street?.nameEn ?? null,
        },
        geometry: { type: 'Polygon', coordinates: [cell.ring.map(roundPosition)] },
      };
    }),
  };
}
