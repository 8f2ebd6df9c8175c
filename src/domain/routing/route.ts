// Point-to-point routes for a profile: snap both ends onto the network, search, and describe the
// result (length, time, what it uses, what data is unknown, what it avoided, step-by-step
// directions) or explain why there is none and which limit to relax.
import { NETWORK_KINDS, type LngLat } from '../facilities/model.ts';
import {
  BLOCKED, CLOSURE, blockingLimitOf, createArcEvaluation, evaluateArc, preparedCostsFor, type BlockingLimit, type PreparedCosts, type UnknownAttribute,
} from './costs.ts';
import { buildDirections, type RouteStep } from './directions.ts';
import {
  KERB_CODES, TRI_STATE, facilityKindOf, isWalkingKind, networkKindOfArc, projectX, projectY, type GraphFacilityKind, type RoutingGraph,
} from './graph.ts';
import { activeLimits, isProfileName, relaxLimit, routingProfile, validateRoutingProfile, type ProfileName, type RelaxableLimit, type RoutingProfile } from './profiles.ts';
import { landmarkBound, physicalComponents, profileLandmarksFor, type LandmarkTable } from './landmarks.ts';
import { aStarSearch, dijkstraFromSeeds, type Completions, type SearchOutcome, type Seeds } from './search.ts';
import { NodeHeap } from './heap.ts';
import { assembleSegments, type ArcPiece, type RouteSegment } from './segments.ts';
import { snapToNetwork, type SnappedPoint } from './snap.ts';

const ELEVATOR_KIND = NETWORK_KINDS.indexOf('elevator');

/** Project choice: a point more than this far from every edge is not on the network. */
export const DEFAULT_MAX_SNAP_DISTANCE_METERS = 200;

export interface RouteRequest {
  origin: LngLat;
  destination: LngLat;
  /** A profile name for its defaults, or a profile with the user's adjusted limits. */
  profile: ProfileName | RoutingProfile;
  /** Facilities to treat as closed on top of those out of service in the data (open fault reports). */
  closedFacilityIds?: readonly string[];
  maxSnapDistanceMeters?: number;
  /** When there is no route, find out why and which limit to relax (a few more searches). Default true. */
  explainNoRoute?: boolean;
}

export interface RouteUses {
  /** Flights of steps. */
  steps: number;
  /** Kerb ramps passed at crossing ends, plus ramp edges. */
  ramps: number;
  elevators: number;
  crossings: number;
}

/**
 * A facility the route could not use because it is out of service in the data or reported closed.
 * Listed when the search reached an arc that the facility blocks. `onBestPath`: the route found
 * when every facility counts as working uses it, so it is the reason this route is longer.
 */
export interface AvoidedFacility {
  facilityId: string;
  kind: GraphFacilityKind;
  reason: 'out_of_service' | 'reported_closed';
  onBestPath: boolean;
}

export interface RouteFound {
  status: 'found';
  profile: RoutingProfile;
  origin: SnappedPoint;
  destination: SnappedPoint;
  segments: RouteSegment[];
  /** Graph nodes passed, in order (empty when origin and destination share an edge and the route stays on it). */
  nodes: number[];
  /** The route's line, from the snapped origin to the snapped destination. */
  coordinates: LngLat[];
  lengthMeters: number;
  /** At the profile's speed, with elevator waits, without penalties. */
  durationSeconds: number;
  /** What the profile's cost function charged: the quantity the route minimises. */
  costSeconds: number;
  uses: RouteUses;
  /** Length of walking segments with tactile paving along them. */
  tactilePavingMeters: number;
  /** Segments with any unknown attribute that matters to the profile. */
  unknownSegments: number;
  /** For each such attribute, in how many segments it is unknown. */
  unknownAttributes: Partial<Record<UnknownAttribute, number>>;
  avoided: AvoidedFacility[];
  directions: RouteStep[];
}

export type NoRouteReason =
  | { kind: 'invalid_request'; problems: string[] }
  /** No edge at all within the snapping distance. */
  | { kind: 'origin_off_network' | 'destination_off_network'; maxSnapDistanceMeters: number }
  /** The two ends are on pieces of network that no edge joins, whatever the profile. */
  | { kind: 'disconnected' }
  /** No route, and the request asked not to look into why (explainNoRoute: false). */
  | { kind: 'not_explained' }
  /**
   * The ends are joined, but not for this profile. The enclosed end is the one from which less of
   * the network can be reached; `blockedArcs` counts, per limit, the blocked arcs leading out of
   * (or into) that area, and `blockingLimit` is the commonest. `relax` is the first limit whose
   * relaxation gives a route (the blocking one first), or null when relaxing one is not enough.
   */
  | {
    kind: 'origin_enclosed' | 'destination_enclosed';
    blockingLimit: BlockingLimit;
    blockedArcs: Partial<Record<BlockingLimit, number>>;
    reachableNodes: number;
    relax: RelaxableLimit | null;
  };

export interface RouteNotFound {
  status: 'no_route';
  profile: RoutingProfile | null;
  origin: SnappedPoint | null;
  destination: SnappedPoint | null;
  reason: NoRouteReason;
  avoided: AvoidedFacility[];
}

export type RouteResult = RouteFound | RouteNotFound;

/** The two arcs of an edge: along the way its line is drawn, and against. */
export function edgeArcs(graph: RoutingGraph, edge: number): { forward: number; backward: number } {
  const start = graph.edgeStartNode[edge] as number;
  const end = graph.edgeEndNode[edge] as number;
  let forward = -1;
  let backward = -1;
  for (let arc = graph.nodeArcOffsets[start] as number; arc < (graph.nodeArcOffsets[start + 1] as number); arc += 1) {
    if (graph.arcEdge[arc] === edge && graph.arcForward[arc] === 1) forward = arc;
  }
  for (let arc = graph.nodeArcOffsets[end] as number; arc < (graph.nodeArcOffsets[end + 1] as number); arc += 1) {
    if (graph.arcEdge[arc] === edge && graph.arcForward[arc] === 0) backward = arc;
  }
  return { forward, backward };
}

interface PricedPiece extends ArcPiece {
  /** The node the piece leaves from (destination pieces) or arrives at (origin pieces). */
  node: number;
  cost: number;
}

/** What pricing a piece of an arc needs: prepared costs, or a profile whose costs were never prepared (routeExists). */
type Pricing = Pick<PreparedCosts, 'graph' | 'profile' | 'closures'>;

function pricePiece(prepared: Pricing, piece: ArcPiece, node: number): PricedPiece {
  const evaluation = createArcEvaluation();
  evaluateArc(prepared.graph, prepared.profile, prepared.closures, piece.arc, piece.fromFraction, piece.toFraction, evaluation);
  return { ...piece, node, cost: evaluation.cost };
}

/** From the snapped origin to each end of its edge. */
function originPieces(prepared: Pricing, snapped: SnappedPoint): PricedPiece[] {
  const graph = prepared.graph;
  const { forward, backward } = edgeArcs(graph, snapped.edge);
  const fraction = snapped.edgeFraction;
  return [
    pricePiece(prepared, { arc: forward, fromFraction: fraction, toFraction: 1 }, graph.edgeEndNode[snapped.edge] as number),
    pricePiece(prepared, { arc: backward, fromFraction: 1 - fraction, toFraction: 1 }, graph.edgeStartNode[snapped.edge] as number),
  ];
}

/** From each end of its edge to the snapped destination. */
function destinationPieces(prepared: Pricing, snapped: SnappedPoint): PricedPiece[] {
  const graph = prepared.graph;
  const { forward, backward } = edgeArcs(graph, snapped.edge);
  const fraction = snapped.edgeFraction;
  return [
    pricePiece(prepared, { arc: forward, fromFraction: 0, toFraction: fraction }, graph.edgeStartNode[snapped.edge] as number),
    pricePiece(prepared, { arc: backward, fromFraction: 0, toFraction: 1 - fraction }, graph.edgeEndNode[snapped.edge] as number),
  ];
}

/** Straight along the edge both ends share, or null when they are on different edges. */
function directPiece(prepared: Pricing, origin: SnappedPoint, destination: SnappedPoint): PricedPiece | null {
  if (origin.edge !== destination.edge) return null;
  const { forward, backward } = edgeArcs(prepared.graph, origin.edge);
  const piece = origin.edgeFraction <= destination.edgeFraction
    ? { arc: forward, fromFraction: origin.edgeFraction, toFraction: destination.edgeFraction }
    : { arc: backward, fromFraction: 1 - origin.edgeFraction, toFraction: 1 - destination.edgeFraction };
  return pricePiece(prepared, piece, -1);
}

function usableCost(cost: number): number {
  return cost >= 0 ? cost : Infinity;
}

interface SearchPlan {
  seeds: Seeds;
  completions: Completions;
  origin: PricedPiece[];
  destination: PricedPiece[];
  direct: PricedPiece | null;
}

/** The search from origin to destination; with a landmark table, its A* uses the table's bound as well as the straight line. */
function planSearch(prepared: PreparedCosts, origin: SnappedPoint, destination: SnappedPoint, landmarks: LandmarkTable | null): SearchPlan {
  const graph = prepared.graph;
  const fromOrigin = originPieces(prepared, origin);
  const toDestination = destinationPieces(prepared, destination);
  const direct = directPiece(prepared, origin, destination);
  const seeds = { nodes: fromOrigin.map((piece) => piece.node), costs: fromOrigin.map((piece) => usableCost(piece.cost)) };
  const finish = { nodes: toDestination.map((piece) => piece.node), costs: toDestination.map((piece) => usableCost(piece.cost)) };
  return {
    origin: fromOrigin, destination: toDestination, direct, seeds,
    completions: {
      ...finish,
      directCost: direct === null ? Infinity : usableCost(direct.cost),
      targetX: projectX(graph.projection, destination.coordinate[0]), targetY: projectY(graph.projection, destination.coordinate[1]),
      landmarkBound: landmarks === null ? null : landmarkBound(landmarks, finish.nodes, finish.costs),
    },
  };
}

/** Facilities an arc piece goes through that the profile depends on: elevators, ramps and (for wheels) kerb ramps at the ends passed. */
function facilitiesNeeded(graph: RoutingGraph, profile: RoutingProfile, piece: ArcPiece): number[] {
  const facilities: number[] = [];
  const kind = networkKindOfArc(graph, piece.arc);
  const facility = graph.arcFacility[piece.arc] as number;
  if (facility >= 0 && (kind === 'elevator' || (kind === 'ramp' && profile.wheeled))) facilities.push(facility);
  if (profile.wheeled) {
    const near = graph.arcKerbRampNear[piece.arc] as number;
    const far = graph.arcKerbRampFar[piece.arc] as number;
    if (piece.fromFraction <= 0 && near >= 0) facilities.push(near);
    if (piece.toFraction >= 1 && far >= 0) facilities.push(far);
  }
  return facilities;
}

/** The closed facilities behind the closed arcs (and pieces) a search ran into. */
function closedFacilitiesTouched(prepared: PreparedCosts, arcs: readonly number[], pieces: readonly PricedPiece[]): number[] {
  const found = new Set<number>();
  const collect = (piece: ArcPiece): void => {
    for (const facility of facilitiesNeeded(prepared.graph, prepared.profile, piece)) {
      if (prepared.closures[facility] !== CLOSURE.open) found.add(facility);
    }
  };
  for (const arc of arcs) collect({ arc, fromFraction: 0, toFraction: 1 });
  for (const piece of pieces) if (piece.cost === BLOCKED.closedFacility) collect(piece);
  return [...found].sort((first, second) => first - second);
}

function describeAvoided(graph: RoutingGraph, prepared: PreparedCosts, facilities: readonly number[], onBestPath: ReadonlySet<number>): AvoidedFacility[] {
  return facilities.map((facility) => ({
    facilityId: graph.facilityIds[facility] as string,
    kind: facilityKindOf(graph, facility),
    reason: prepared.closures[facility] === CLOSURE.outOfService ? 'out_of_service' : 'reported_closed',
    onBestPath: onBestPath.has(facility),
  }));
}

function piecesOfOutcome(plan: SearchPlan, outcome: ReturnType<typeof aStarSearch>): ArcPiece[] {
  if (outcome.completion < 0) return plan.direct === null ? [] : [plan.direct];
  const first = plan.origin[outcome.seed] as PricedPiece;
  const last = plan.destination[outcome.completion] as PricedPiece;
  return [first, ...outcome.arcs.map((arc) => ({ arc, fromFraction: 0, toFraction: 1 })), last];
}

function invalid(problems: string[], profile: RoutingProfile | null): RouteNotFound {
  return { status: 'no_route', profile, origin: null, destination: null, reason: { kind: 'invalid_request', problems }, avoided: [] };
}

function coordinateProblem(label: string, point: unknown): string | null {
  const valid = Array.isArray(point) && point.length >= 2 && typeof point[0] === 'number' && typeof point[1] === 'number'
    && Math.abs(point[0]) <= 180 && Math.abs(point[1]) <= 90;
  return valid ? null : `${label} must be [longitude, latitude] in degrees, not ${JSON.stringify(point)}`;
}

/** Checks a request and resolves its profile; a list of problems when it cannot be used. */
export function resolveRequest(request: RouteRequest): { profile: RoutingProfile; problems: string[] } {
  const problems: string[] = [];
  let profile: RoutingProfile;
  if (typeof request.profile === 'string') {
    profile = isProfileName(request.profile) ? routingProfile(request.profile) : routingProfile('walk');
    if (!isProfileName(request.profile)) problems.push(`profile ${JSON.stringify(request.profile)} is not one of walk, wheelchair, powered-wheelchair, cane, blind`);
  } else {
    profile = request.profile;
    problems.push(...validateRoutingProfile(profile));
  }
  for (const [label, point] of [['origin', request.origin], ['destination', request.destination]] as const) {
    const problem = coordinateProblem(label, point);
    if (problem !== null) problems.push(problem);
  }
  const maxSnap = request.maxSnapDistanceMeters ?? DEFAULT_MAX_SNAP_DISTANCE_METERS;
  if (!(maxSnap > 0) || !Number.isFinite(maxSnap)) problems.push(`maxSnapDistanceMeters must be a number above 0, not ${String(maxSnap)}`);
  return { profile, problems };
}

export function findRoute(graph: RoutingGraph, request: RouteRequest): RouteResult {
  const { profile, problems } = resolveRequest(request);
  if (problems.length > 0) return invalid(problems, typeof request.profile === 'string' ? null : profile);
  const closedFacilityIds = new Set(request.closedFacilityIds ?? []);
  const maxSnap = request.maxSnapDistanceMeters ?? DEFAULT_MAX_SNAP_DISTANCE_METERS;
  const prepared = preparedCostsFor(graph, profile, closedFacilityIds);

  if (snapToNetwork(graph, request.origin, null, maxSnap) === null) {
    return { status: 'no_route', profile, origin: null, destination: null, reason: { kind: 'origin_off_network', maxSnapDistanceMeters: maxSnap }, avoided: [] };
  }
  if (snapToNetwork(graph, request.destination, null, maxSnap) === null) {
    return { status: 'no_route', profile, origin: null, destination: null, reason: { kind: 'destination_off_network', maxSnapDistanceMeters: maxSnap }, avoided: [] };
  }
  const origin = snapToNetwork(graph, request.origin, prepared.edgeSnappable, maxSnap);
  const destination = snapToNetwork(graph, request.destination, prepared.edgeSnappable, maxSnap);
  if (origin === null || destination === null) {
    // Edges are near, but none this profile can use.
    const side = origin === null ? 'origin' : 'destination';
    const nearest = snapToNetwork(graph, side === 'origin' ? request.origin : request.destination, null, maxSnap) as SnappedPoint;
    const { forward, backward } = edgeArcs(graph, nearest.edge);
    const blocked: Partial<Record<BlockingLimit, number>> = {};
    for (const arc of [forward, backward]) {
      const cost = prepared.arcCost[arc] as number;
      if (cost < 0) blocked[blockingLimitOf(cost)] = (blocked[blockingLimitOf(cost)] ?? 0) + 1;
    }
    const blockingLimit = commonestLimit(blocked);
    return {
      status: 'no_route', profile, origin, destination, avoided: [],
      reason: {
        kind: side === 'origin' ? 'origin_enclosed' : 'destination_enclosed', blockingLimit, blockedArcs: blocked, reachableNodes: 0,
        relax: request.explainNoRoute === false ? null : findRelaxation(graph, request, profile, blockingLimit, prepared.closures),
      },
    };
  }

  // First the route as if every facility worked. If it needs no closed facility it is also the
  // best route with the closures (closing things only removes arcs); otherwise the closed
  // facilities it needs are the ones "on the best path", and a second search finds the real route.
  // Each search is bounded by its own landmark table (landmarks.ts), and skipped when the table
  // shows the two ends on pieces of network no passable edge joins.
  const tables = profileLandmarksFor(graph, profile);
  const open = prepared.closedArcs.length > 0 ? preparedCostsFor(graph, profile, closedFacilityIds, true) : prepared;
  const openPlan = planSearch(open, origin, destination, tables.open);
  const openOutcome = joinedIn(graph, tables.open, origin, destination) ? aStarSearch(open, openPlan.seeds, openPlan.completions, prepared.closedArcs) : notSearched();
  const closedPlan = planSearch(prepared, origin, destination, tables.closed);
  const onBestPath = new Set<number>();
  if (openOutcome.cost < Infinity) {
    for (const piece of piecesOfOutcome(openPlan, openOutcome)) {
      for (const facility of facilitiesNeeded(graph, profile, piece)) if (prepared.closures[facility] !== CLOSURE.open) onBestPath.add(facility);
    }
  }
  const reachedClosedArcs = [...openOutcome.watchedArcsReached];
  let plan = openPlan;
  let outcome = openOutcome;
  if (onBestPath.size > 0) {
    plan = closedPlan;
    outcome = joinedIn(graph, tables.closed, origin, destination) ? aStarSearch(prepared, closedPlan.seeds, closedPlan.completions, prepared.closedArcs) : notSearched();
    reachedClosedArcs.push(...outcome.watchedArcsReached);
  }
  const closedPieces = [...closedPlan.origin, ...closedPlan.destination, ...(closedPlan.direct === null ? [] : [closedPlan.direct])];
  const avoided = describeAvoided(graph, prepared, closedFacilitiesTouched(prepared, reachedClosedArcs, closedPieces), onBestPath);

  if (outcome.cost === Infinity) {
    if (request.explainNoRoute === false) return { status: 'no_route', profile, origin, destination, reason: { kind: 'not_explained' }, avoided };
    const reason = explainWithoutRelaxing(prepared, closedPlan, origin, destination);
    if (reason.kind === 'origin_enclosed' || reason.kind === 'destination_enclosed') reason.relax = findRelaxation(graph, request, profile, reason.blockingLimit, prepared.closures);
    return { status: 'no_route', profile, origin, destination, reason, avoided };
  }

  const pieces = piecesOfOutcome(plan, outcome);
  const { segments, coordinates } = assembleSegments(graph, prepared, pieces, origin.coordinate, destination.coordinate);
  const nodes: number[] = [];
  if (outcome.completion >= 0) {
    nodes.push(plan.origin[outcome.seed]?.node as number);
    for (const arc of outcome.arcs) nodes.push(graph.arcTarget[arc] as number);
  }
  const unknownAttributes: Partial<Record<UnknownAttribute, number>> = {};
  let unknownSegments = 0;
  let lengthMeters = 0;
  let durationSeconds = 0;
  let tactilePavingMeters = 0;
  const uses: RouteUses = { steps: 0, ramps: 0, elevators: 0, crossings: 0 };
  for (const segment of segments) {
    lengthMeters += segment.lengthMeters;
    durationSeconds += segment.durationSeconds;
    if (segment.unknownAttributes.length > 0) unknownSegments += 1;
    for (const attribute of segment.unknownAttributes) unknownAttributes[attribute] = (unknownAttributes[attribute] ?? 0) + 1;
    if (segment.kind === 'steps') uses.steps += 1;
    if (segment.kind === 'elevator') uses.elevators += 1;
    if (segment.kind === 'ramp') uses.ramps += 1;
    if (segment.kind === 'crossing') {
      uses.crossings += 1;
      if (segment.fromFraction <= 0 && (graph.arcKerbNear[segment.arc] === KERB_CODES.lowered || (graph.arcKerbRampNear[segment.arc] as number) >= 0)) uses.ramps += 1;
      if (segment.toFraction >= 1 && (graph.arcKerbFar[segment.arc] === KERB_CODES.lowered || (graph.arcKerbRampFar[segment.arc] as number) >= 0)) uses.ramps += 1;
    }
    if ((isWalkingKind(segment.kind) || segment.kind === 'ramp') && graph.arcTactilePaving[segment.arc] === TRI_STATE.yes) tactilePavingMeters += segment.lengthMeters;
  }
  return {
    status: 'found', profile, origin, destination, segments, nodes, coordinates,
    lengthMeters, durationSeconds, costSeconds: outcome.cost, uses, tactilePavingMeters, unknownSegments, unknownAttributes,
    avoided,
    directions: buildDirections(graph, segments, coordinates, destination, { announceTactilePaving: profile.preferTactilePaving }),
  };
}

/** What a search that was not needed finds: nothing. */
function notSearched(): SearchOutcome {
  return { cost: Infinity, completion: -1, arcs: [], seed: -1, watchedArcsReached: [], settledNodes: 0 };
}

/** Whether a table's passable edges join the two ends at all (always, when they share an edge). */
function joinedIn(graph: RoutingGraph, table: LandmarkTable, origin: SnappedPoint, destination: SnappedPoint): boolean {
  if (origin.edge === destination.edge) return true;
  return table.nodeComponent[graph.edgeStartNode[origin.edge] as number] === table.nodeComponent[graph.edgeStartNode[destination.edge] as number];
}

const LIMIT_ORDER: readonly BlockingLimit[] = ['closedFacility', 'avoidSteps', 'maxKerbHeight', 'maxIncline', 'minWidth', 'unknown'];

function commonestLimit(counts: Partial<Record<BlockingLimit, number>>): BlockingLimit {
  let best: BlockingLimit = 'unknown';
  let bestCount = 0;
  for (const limit of LIMIT_ORDER) {
    const count = counts[limit] ?? 0;
    if (count > bestCount) {
      best = limit;
      bestCount = count;
    }
  }
  return best;
}

function addBlocked(counts: Partial<Record<BlockingLimit, number>>, cost: number): void {
  if (cost >= 0) return;
  const limit = blockingLimitOf(cost);
  counts[limit] = (counts[limit] ?? 0) + 1;
}

/**
 * The nodes reachable over passable arcs from some start nodes, found breadth first one node at
 * a time, so that two of them can advance in turn (explainWithoutRelaxing).
 */
class Reach {
  readonly reached: Uint8Array;
  /** Every node reached, in the order found; the first `expanded` have had their arcs followed. */
  readonly found: Int32Array;
  count = 0;
  expanded = 0;

  constructor(private readonly prepared: PreparedCosts, private readonly backward: boolean, startNodes: readonly number[], startCosts: readonly number[]) {
    this.reached = new Uint8Array(prepared.graph.nodeCount);
    this.found = new Int32Array(prepared.graph.nodeCount);
    startNodes.forEach((node, index) => {
      if ((startCosts[index] as number) < Infinity && this.reached[node] === 0) this.add(node);
    });
  }

  private add(node: number): void {
    this.reached[node] = 1;
    this.found[this.count] = node;
    this.count += 1;
  }

  get exhausted(): boolean {
    return this.expanded === this.count;
  }

  /** Follows the arcs of one more node; forwards along arcs, or backwards (the arc used is the twin, into the node). */
  step(): void {
    const graph = this.prepared.graph;
    const node = this.found[this.expanded] as number;
    this.expanded += 1;
    for (let arc = graph.nodeArcOffsets[node] as number; arc < (graph.nodeArcOffsets[node + 1] as number); arc += 1) {
      const next = graph.arcTarget[arc] as number;
      if (this.reached[next] === 1) continue;
      if ((this.prepared.arcCost[this.backward ? (graph.arcTwin[arc] as number) : arc] as number) < 0) continue;
      this.add(next);
    }
  }
}

/**
 * Why a search found nothing (relax still to be filled in). The enclosed end is the one from
 * which fewer nodes can be reached; the two areas are explored in turn and only until that is
 * known, so the work follows the smaller area, not the whole network.
 */
function explainWithoutRelaxing(prepared: PreparedCosts, plan: SearchPlan, origin: SnappedPoint, destination: SnappedPoint): NoRouteReason {
  const graph = prepared.graph;
  if (origin.edge !== destination.edge) {
    const components = physicalComponents(graph);
    if (components[graph.edgeStartNode[origin.edge] as number] !== components[graph.edgeStartNode[destination.edge] as number]) return { kind: 'disconnected' };
  }
  const fromOrigin = new Reach(prepared, false, plan.seeds.nodes, plan.seeds.costs);
  const toDestination = new Reach(prepared, true, plan.completions.nodes, plan.completions.costs);
  while (!fromOrigin.exhausted && !toDestination.exhausted) {
    fromOrigin.step();
    toDestination.step();
  }
  // Each round expands one node of each area, the origin's first. The area that runs out first
  // has as many nodes as rounds run, and the other has found at least that many (more, unless it
  // ran out in the same round): so it is the smaller, and on a tie the origin's, as the rule asks.
  const originSide = fromOrigin.exhausted;
  const enclosed = originSide ? fromOrigin : toDestination;
  const blocked: Partial<Record<BlockingLimit, number>> = {};
  for (const piece of originSide ? plan.origin : plan.destination) addBlocked(blocked, piece.cost);
  if (plan.direct !== null) addBlocked(blocked, plan.direct.cost);
  for (let index = 0; index < enclosed.count; index += 1) {
    const node = enclosed.found[index] as number;
    for (let arc = graph.nodeArcOffsets[node] as number; arc < (graph.nodeArcOffsets[node + 1] as number); arc += 1) {
      if (enclosed.reached[graph.arcTarget[arc] as number] === 1) continue;
      // Leaving the origin's area forwards, or entering the destination's area (the twin arc, towards it).
      addBlocked(blocked, prepared.arcCost[originSide ? arc : (graph.arcTwin[arc] as number)] as number);
    }
  }
  return {
    kind: originSide ? 'origin_enclosed' : 'destination_enclosed', blockingLimit: commonestLimit(blocked), blockedArcs: blocked,
    reachableNodes: enclosed.count, relax: null,
  };
}

/**
 * The first limit whose relaxation alone gives a route: the blocking one first, then the others
 * in activeLimits order. "Gives a route" means findRoute with that limit relaxed would find one;
 * to know that without preparing the relaxed profile's costs over the whole graph, each arc is
 * priced only when reached, and the question is only whether some passable way joins the ends.
 */
function findRelaxation(graph: RoutingGraph, request: RouteRequest, profile: RoutingProfile, blockingLimit: BlockingLimit, closures: Uint8Array): RelaxableLimit | null {
  const candidates = activeLimits(profile);
  const ordered = [...candidates.filter((limit) => limit === blockingLimit), ...candidates.filter((limit) => limit !== blockingLimit)];
  const maxSnap = request.maxSnapDistanceMeters ?? DEFAULT_MAX_SNAP_DISTANCE_METERS;
  for (const limit of ordered) {
    if (routeExists(graph, relaxLimit(profile, limit), closures, request.origin, request.destination, maxSnap)) return limit;
  }
  return null;
}

/**
 * Whether findRoute would find a route for this profile and these closures: the same snapping
 * and the same passable arcs, priced one at a time as the two searches (one from each end, in
 * turn, each drawn towards the other end) reach them. It stops when they meet, or when either
 * runs out of arcs: then that end is cut off.
 */
function routeExists(
  graph: RoutingGraph, profile: RoutingProfile, closures: Uint8Array, originPoint: LngLat, destinationPoint: LngLat, maxSnapDistanceMeters: number,
): boolean {
  const pricing: Pricing = { graph, profile, closures };
  const evaluation = createArcEvaluation();
  const passable = (arc: number): boolean => {
    evaluateArc(graph, profile, closures, arc, 0, 1, evaluation);
    return evaluation.cost >= 0;
  };
  const snappable = (edge: number): boolean => {
    if (graph.edgeKind[edge] === ELEVATOR_KIND) return false;
    const { forward, backward } = edgeArcs(graph, edge);
    return passable(forward) || passable(backward);
  };
  const origin = snapToNetwork(graph, originPoint, snappable, maxSnapDistanceMeters);
  const destination = snapToNetwork(graph, destinationPoint, snappable, maxSnapDistanceMeters);
  if (origin === null || destination === null) return false;
  const direct = directPiece(pricing, origin, destination);
  if (direct !== null && direct.cost >= 0) return true;
  const components = physicalComponents(graph);
  if (components[graph.edgeStartNode[origin.edge] as number] !== components[graph.edgeStartNode[destination.edge] as number]) return false;

  // Per node: 1 reached from the origin, 2 from the destination.
  const side = new Uint8Array(graph.nodeCount);
  const forward = new NodeHeap();
  const backward = new NodeHeap();
  const towards = (heap: NodeHeap, node: number, point: SnappedPoint): void => {
    heap.push(node, Math.hypot((graph.nodeX[node] as number) - projectX(graph.projection, point.coordinate[0]), (graph.nodeY[node] as number) - projectY(graph.projection, point.coordinate[1])));
  };
  for (const piece of originPieces(pricing, origin)) {
    if (piece.cost < 0 || side[piece.node] !== 0) continue;
    side[piece.node] = 1;
    towards(forward, piece.node, destination);
  }
  for (const piece of destinationPieces(pricing, destination)) {
    if (piece.cost < 0) continue;
    if (side[piece.node] === 1) return true;
    if (side[piece.node] !== 0) continue;
    side[piece.node] = 2;
    towards(backward, piece.node, origin);
  }
  while (forward.size > 0 && backward.size > 0) {
    for (const [heap, mine, target] of [[forward, 1, destination], [backward, 2, origin]] as const) {
      const node = heap.pop();
      for (let arc = graph.nodeArcOffsets[node] as number; arc < (graph.nodeArcOffsets[node + 1] as number); arc += 1) {
        const next = graph.arcTarget[arc] as number;
        if (side[next] === mine) continue;
        // From the destination's side the arc used runs into the node: the twin.
        if (!passable(mine === 1 ? arc : (graph.arcTwin[arc] as number))) continue;
        if (side[next] !== 0) return true;
        side[next] = mine;
        towards(heap, next, target);
      }
      if (heap.size === 0) return false;
    }
  }
  return false;
}

/** What preparing a profile built: see prepareRoutingProfile. */
export interface PreparedProfileSummary {
  landmarkCount: number;
  /** Memory held by the profile's landmark tables and their component labels. */
  landmarkTableBytes: number;
}

/**
 * Prepares what routes with a profile need (its arc costs, with and without the data's closures,
 * and its landmark tables, landmarks.ts) ahead of the first route: the route worker can call it
 * right after loading the graph. findRoute does the same on first use, so calling it is optional.
 */
/**
 * Prices every arc for a profile (cached per graph and profile) without the landmark tables:
 * what a coverage analysis needs, cheap enough to do while the planner is still choosing.
 */
export function prepareProfileCosts(graph: RoutingGraph, profile: ProfileName): void {
  preparedCostsFor(graph, routingProfile(profile), new Set());
}

export function prepareRoutingProfile(graph: RoutingGraph, profile: ProfileName | RoutingProfile): PreparedProfileSummary {
  const resolved = typeof profile === 'string' ? routingProfile(profile) : profile;
  const problems = validateRoutingProfile(resolved);
  if (problems.length > 0) throw new RangeError(`prepareRoutingProfile: ${problems.join('; ')}`);
  const prepared = preparedCostsFor(graph, resolved, new Set());
  if (prepared.closedArcs.length > 0) preparedCostsFor(graph, resolved, new Set(), true);
  const tables = profileLandmarksFor(graph, resolved);
  const tableBytes = (table: LandmarkTable): number => table.seconds.byteLength + table.nodeComponent.byteLength;
  physicalComponents(graph);
  return { landmarkCount: tables.open.count, landmarkTableBytes: tableBytes(tables.open) + (tables.closed === tables.open ? 0 : tableBytes(tables.closed)) };
}

export interface DistanceOptions {
  closedFacilityIds?: readonly string[];
  /** 'from_sources': the cost of going from the nearest source to each node; 'to_sources' (default): from each node to its nearest source. */
  direction?: 'from_sources' | 'to_sources';
  maxSnapDistanceMeters?: number;
}

/**
 * Multi-source Dijkstra for coverage: for every graph node, the profile's cost in SECONDS (the
 * same weighted seconds a route minimises: walking time at the profile's speed, times any
 * penalties) to or from the nearest source; Infinity where no source is reachable within
 * `maxCostSeconds`. Sources are snapped onto the network like route ends; a source with no usable
 * edge within the snapping distance is left out.
 */
export function multiSourceDistances(
  graph: RoutingGraph, sources: readonly LngLat[], profile: RoutingProfile | ProfileName, maxCostSeconds: number, options: DistanceOptions = {},
): Float64Array {
  const resolved = typeof profile === 'string' ? routingProfile(profile) : profile;
  const problems = validateRoutingProfile(resolved);
  if (problems.length > 0) throw new RangeError(`multiSourceDistances: ${problems.join('; ')}`);
  const prepared = preparedCostsFor(graph, resolved, new Set(options.closedFacilityIds ?? []));
  const maxSnap = options.maxSnapDistanceMeters ?? DEFAULT_MAX_SNAP_DISTANCE_METERS;
  const towards = (options.direction ?? 'to_sources') === 'to_sources';
  const nodes: number[] = [];
  const costs: number[] = [];
  for (const source of sources) {
    const snapped = snapToNetwork(graph, source, prepared.edgeSnappable, maxSnap);
    if (snapped === null) continue;
    for (const piece of towards ? destinationPieces(prepared, snapped) : originPieces(prepared, snapped)) {
      nodes.push(piece.node);
      costs.push(usableCost(piece.cost));
    }
  }
  return dijkstraFromSeeds(prepared, { nodes, costs }, towards ? 'backward' : 'forward', maxCostSeconds);
}

/**
 * The cost of the cheapest route by a plain Dijkstra (no heuristic), with the same snapping and
 * part-way ends as findRoute: a check on the A* (tests compare the two). Infinity when there is no route.
 */
export function dijkstraRouteCost(graph: RoutingGraph, request: RouteRequest): number {
  const { profile, problems } = resolveRequest(request);
  if (problems.length > 0) throw new RangeError(`dijkstraRouteCost: ${problems.join('; ')}`);
  const prepared = preparedCostsFor(graph, profile, new Set(request.closedFacilityIds ?? []));
  const maxSnap = request.maxSnapDistanceMeters ?? DEFAULT_MAX_SNAP_DISTANCE_METERS;
  const origin = snapToNetwork(graph, request.origin, prepared.edgeSnappable, maxSnap);
  const destination = snapToNetwork(graph, request.destination, prepared.edgeSnappable, maxSnap);
  if (origin === null || destination === null) return Infinity;
  const plan = planSearch(prepared, origin, destination, null);
  const distances = dijkstraFromSeeds(prepared, plan.seeds, 'forward', Infinity);
  let best = plan.completions.directCost;
  plan.completions.nodes.forEach((node, index) => {
    best = Math.min(best, (distances[node] as number) + (plan.completions.costs[index] as number));
  });
  return best;
}
