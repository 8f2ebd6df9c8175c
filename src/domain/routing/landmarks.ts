// Landmarks for the A* bound: "ALT", A* with landmarks and the triangle inequality (A. V. Goldberg
// and C. Harrelson, "Computing the shortest path: A* search meets graph theory", SODA 2005).
//
// For a few landmark nodes L, a table holds δ(L, v) for every node v, where δ is the cheapest cost
// over edges weighted by the cheaper of their two arcs under some prepared costs. That weight is
// the same both ways and never more than a search with those costs (or higher ones) pays either
// way, so δ is a metric and for any nodes v and x,
//     cost(v → x) ≥ δ(v, x) ≥ |δ(L, x) − δ(L, v)|.
// The destination is a point part-way along an edge, reached from one of the edge's ends a or b by
// a last piece that costs P(a) or P(b); so the cost still to go from v is at least
//     max over L of min over x in {a, b} of ( |δ(L, x) − δ(L, v)| + P(x) ).
// Each term changes by at most δ(u, v) between neighbours, so the bound is consistent as well as
// admissible: A* with it settles each node once (search.ts).
//
// The straight line ÷ speed, the A*'s other bound, knows nothing of penalties; this one does.
// Penalties near limits, for unknown data or for missing tactile paving make most arcs cost more
// than their length, which is what made the wheelchair and blind searches slow.
//
// Every profile gets two tables, at the same landmarks: one on its costs with every facility
// working (for the "what if it worked" search, route.ts) and one on its costs with the facilities
// out of service in the data closed (for the route itself; facilities reported closed by users
// only make arcs impassable, so the table stays a lower bound whatever is reported). Tables are
// measured on the first route with a profile (in the app, inside the route worker) and kept for
// the last few profiles. Each table also labels the pieces of network its passable edges join:
// two points on different pieces have no route, which is then known without a search.
import { preparedCostsFor, type PreparedCosts } from './costs.ts';
import type { RoutingGraph } from './graph.ts';
import { NodeHeap } from './heap.ts';
import type { RoutingProfile } from './profiles.ts';

/** Project choice, measured with scripts/bench-routing.ts: landmarks per table. */
export const LANDMARK_COUNT = 8;
/** Project choice, measured: each search uses the landmarks that bound its own start best. */
export const ACTIVE_LANDMARK_COUNT = 6;
/** Project choice: profiles whose tables are kept per graph (the last used), each 2 × nodes × (LANDMARK_COUNT + 1) × 4 bytes. */
const PROFILE_TABLES_KEPT = 3;
/** Keeps every bound a hair below the true value, against rounding in sums of lengths and costs (the A*'s straight-line bound too). */
export const BOUND_MARGIN = 1 - 1e-9;

/** A table of costs in seconds between landmarks and every node, for one set of prepared costs. */
export interface LandmarkTable {
  /** Landmarks measured (fewer than LANDMARK_COUNT on a very small graph). */
  count: number;
  /** The landmark nodes, in the order they were chosen. */
  nodes: Int32Array;
  /**
   * δ(landmark l, node n) at [n × count + l] (a node's values side by side, so a search reads one
   * cache line per node); Infinity when no passable edge joins them. Float32: half the memory of
   * float64, rounded by at most 2⁻²⁴ of the value, which `slack` covers.
   */
  seconds: Float32Array;
  /** Taken off every difference read from the table, so float32 rounding never makes a bound too high. */
  slack: number;
  /** The piece of network each node is on, joined by edges passable at least one way. */
  nodeComponent: Int32Array;
}

export interface ProfileLandmarks {
  /** With every facility working. */
  open: LandmarkTable;
  /** With the facilities out of service in the data closed; the same object as `open` when they block none of the profile's arcs. */
  closed: LandmarkTable;
}

/**
 * Labels each node with its piece of network, joined by arcs whose weight is not negative (null:
 * every arc). Every edge gives an arc each way, and a weight here is the same both ways, so one
 * sweep per piece finds it.
 */
export function labelComponents(graph: RoutingGraph, edgeWeight: Float64Array | null): Int32Array {
  const nodeComponent = new Int32Array(graph.nodeCount).fill(-1);
  const stack = new Int32Array(graph.nodeCount);
  let componentCount = 0;
  for (let start = 0; start < graph.nodeCount; start += 1) {
    if ((nodeComponent[start] as number) >= 0) continue;
    nodeComponent[start] = componentCount;
    let stackSize = 1;
    stack[0] = start;
    while (stackSize > 0) {
      stackSize -= 1;
      const node = stack[stackSize] as number;
      const last = graph.nodeArcOffsets[node + 1] as number;
      for (let arc = graph.nodeArcOffsets[node] as number; arc < last; arc += 1) {
        if (edgeWeight !== null && (edgeWeight[arc] as number) < 0) continue;
        const next = graph.arcTarget[arc] as number;
        if ((nodeComponent[next] as number) >= 0) continue;
        nodeComponent[next] = componentCount;
        stack[stackSize] = next;
        stackSize += 1;
      }
    }
    componentCount += 1;
  }
  return nodeComponent;
}

const physicalComponentCache = new WeakMap<RoutingGraph, Int32Array>();

/** The piece of network each node is on over every arc, whatever it costs: whether two places are joined at all. */
export function physicalComponents(graph: RoutingGraph): Int32Array {
  let components = physicalComponentCache.get(graph);
  if (components === undefined) {
    components = labelComponents(graph, null);
    physicalComponentCache.set(graph, components);
  }
  return components;
}

/** Per arc: the cheaper of the arc and its twin under `costs`, or −1 when both are impassable. */
export function symmetricEdgeWeights(costs: PreparedCosts): Float64Array {
  const graph = costs.graph;
  const weight = new Float64Array(graph.arcCount);
  for (let arc = 0; arc < graph.arcCount; arc += 1) {
    const along = costs.arcCost[arc] as number;
    const against = costs.arcCost[graph.arcTwin[arc] as number] as number;
    weight[arc] = along < 0 ? (against < 0 ? -1 : against) : against < 0 ? along : Math.min(along, against);
  }
  return weight;
}

/**
 * Cheapest costs from one node to every node over arcs weighted by `arcWeight` (negative:
 * impassable); Infinity where unreached. `settled` is scratch space of nodeCount bytes.
 */
export function distancesFrom(graph: RoutingGraph, source: number, arcWeight: Float64Array, heap: NodeHeap, settled: Uint8Array): Float64Array {
  const distance = new Float64Array(graph.nodeCount).fill(Infinity);
  settled.fill(0);
  const offsets = graph.nodeArcOffsets;
  const targets = graph.arcTarget;
  heap.clear();
  distance[source] = 0;
  heap.push(source, 0);
  while (heap.size > 0) {
    const node = heap.pop();
    if (settled[node] === 1) continue;
    settled[node] = 1;
    const nodeDistance = distance[node] as number;
    const last = offsets[node + 1] as number;
    for (let arc = offsets[node] as number; arc < last; arc += 1) {
      const weight = arcWeight[arc] as number;
      if (weight < 0) continue;
      const next = targets[arc] as number;
      const nextDistance = nodeDistance + weight;
      if (nextDistance < (distance[next] as number)) {
        distance[next] = nextDistance;
        heap.push(next, nextDistance);
      }
    }
  }
  return distance;
}

/**
 * How many landmarks each piece of network gets: in proportion to its number of nodes (rounded
 * down, the rest to the largest), so small islands get none and are searched with the
 * straight-line bound alone.
 */
function landmarkQuotas(componentSizes: readonly number[], nodeCount: number, landmarkCount: number): number[] {
  const quotas = componentSizes.map((size) => Math.floor((landmarkCount * size) / Math.max(nodeCount, 1)));
  let largest = 0;
  componentSizes.forEach((size, component) => { if (size > (componentSizes[largest] ?? 0)) largest = component; });
  const given = quotas.reduce((sum, quota) => sum + quota, 0);
  if (componentSizes.length > 0) quotas[largest] = (quotas[largest] ?? 0) + landmarkCount - given;
  return quotas.map((quota, component) => Math.min(quota, componentSizes[component] ?? 0));
}

/**
 * Chooses landmarks for a weighting and measures them. Within each piece of network the first
 * landmark is the node farthest in a straight line from the piece's centre, and each next one the
 * node farthest (by the weights) from every landmark so far: "farthest point", which spreads them
 * round the district's edge, where they bound the most routes well.
 */
function chooseLandmarks(graph: RoutingGraph, edgeWeight: Float64Array, nodeComponent: Int32Array, landmarkCount: number): { nodes: number[]; columns: Float64Array[] } {
  let componentCount = 0;
  for (const component of nodeComponent) componentCount = Math.max(componentCount, component + 1);
  const componentSizes = new Array<number>(componentCount).fill(0);
  const sumX = new Array<number>(componentCount).fill(0);
  const sumY = new Array<number>(componentCount).fill(0);
  for (let node = 0; node < graph.nodeCount; node += 1) {
    const component = nodeComponent[node] as number;
    componentSizes[component] = (componentSizes[component] ?? 0) + 1;
    sumX[component] = (sumX[component] ?? 0) + (graph.nodeX[node] as number);
    sumY[component] = (sumY[component] ?? 0) + (graph.nodeY[node] as number);
  }
  const quotas = landmarkQuotas(componentSizes, graph.nodeCount, landmarkCount);
  const nodes: number[] = [];
  const columns: Float64Array[] = [];
  const nearestLandmark = new Float64Array(graph.nodeCount).fill(Infinity);
  const heap = new NodeHeap();
  const settled = new Uint8Array(graph.nodeCount);
  for (let component = 0; component < componentCount; component += 1) {
    const quota = quotas[component] ?? 0;
    if (quota === 0) continue;
    const middleX = (sumX[component] as number) / (componentSizes[component] as number);
    const middleY = (sumY[component] as number) / (componentSizes[component] as number);
    let next = -1;
    let farthest = -1;
    for (let node = 0; node < graph.nodeCount; node += 1) {
      if (nodeComponent[node] !== component) continue;
      const away = Math.hypot((graph.nodeX[node] as number) - middleX, (graph.nodeY[node] as number) - middleY);
      if (away > farthest) {
        farthest = away;
        next = node;
      }
    }
    for (let index = 0; index < quota && next >= 0; index += 1) {
      const column = distancesFrom(graph, next, edgeWeight, heap, settled);
      nodes.push(next);
      columns.push(column);
      next = -1;
      farthest = 0;
      for (let node = 0; node < graph.nodeCount; node += 1) {
        if (nodeComponent[node] !== component) continue;
        const nearest = Math.min(nearestLandmark[node] as number, column[node] as number);
        nearestLandmark[node] = nearest;
        if (nearest > farthest) {
          farthest = nearest;
          next = node;
        }
      }
    }
  }
  return { nodes, columns };
}

/**
 * A table for `costs`: at `landmarkNodes` when given, else at landmarks chosen for these costs.
 * Pure: the same costs always give the same table.
 */
export function buildLandmarkTable(costs: PreparedCosts, landmarkNodes: Int32Array | null = null, landmarkCount: number = LANDMARK_COUNT): LandmarkTable {
  const graph = costs.graph;
  const edgeWeight = symmetricEdgeWeights(costs);
  const nodeComponent = labelComponents(graph, edgeWeight);
  let measured: { nodes: number[]; columns: Float64Array[] };
  if (landmarkNodes === null) {
    measured = chooseLandmarks(graph, edgeWeight, nodeComponent, landmarkCount);
  } else {
    const heap = new NodeHeap();
    const settled = new Uint8Array(graph.nodeCount);
    measured = { nodes: [...landmarkNodes], columns: Array.from(landmarkNodes, (node) => distancesFrom(graph, node, edgeWeight, heap, settled)) };
  }
  const count = measured.nodes.length;
  const seconds = new Float32Array(graph.nodeCount * count);
  let largest = 0;
  measured.columns.forEach((column, landmark) => {
    for (let node = 0; node < graph.nodeCount; node += 1) {
      const value = column[node] as number;
      seconds[node * count + landmark] = value;
      if (value < Infinity && value > largest) largest = value;
    }
  });
  // A difference of two stored values is off by at most 2 × 2⁻²⁴ of the largest; 2⁻²¹ leaves a margin of four.
  return { count, nodes: Int32Array.from(measured.nodes), seconds, slack: largest * 2 ** -21, nodeComponent };
}

const profileTableCache = new WeakMap<RoutingGraph, Map<string, ProfileLandmarks>>();

/** A profile's two tables (see the top of this file), measured on first use; the last PROFILE_TABLES_KEPT profiles' are kept. */
export function profileLandmarksFor(graph: RoutingGraph, profile: RoutingProfile): ProfileLandmarks {
  const key = JSON.stringify(profile);
  let tables = profileTableCache.get(graph);
  if (tables === undefined) {
    tables = new Map();
    profileTableCache.set(graph, tables);
  }
  const cached = tables.get(key);
  if (cached !== undefined) {
    // Most recently used last, so the oldest is the one dropped.
    tables.delete(key);
    tables.set(key, cached);
    return cached;
  }
  const withDataClosures = preparedCostsFor(graph, profile, new Set());
  // Closures that block none of this profile's arcs (a kerb ramp, for a walker) leave its costs as they were.
  const closesArcs = withDataClosures.closedArcs.length > 0;
  const open = buildLandmarkTable(closesArcs ? preparedCostsFor(graph, profile, new Set(), true) : withDataClosures);
  const closed = closesArcs ? buildLandmarkTable(withDataClosures, open.nodes) : open;
  const built = { open, closed };
  tables.set(key, built);
  if (tables.size > PROFILE_TABLES_KEPT) tables.delete(tables.keys().next().value as string);
  return built;
}

/** The landmark bound for one search, ready for the inner loop (search.ts). */
export interface LandmarkBound {
  table: Float32Array;
  /** Landmarks per node in the table. */
  stride: number;
  slack: number;
  /** Columns of the landmarks used: those joined to the finish. */
  active: Int32Array;
  /** δ(landmark, a) and δ(landmark, b) for each landmark used: a and b are the nodes the search can finish from. */
  towardsA: Float64Array;
  towardsB: Float64Array;
  /** Seconds of the last piece from a and from b to the destination; Infinity when that piece is impassable. */
  finishA: number;
  finishB: number;
}

/**
 * The landmark bound for a search that finishes from `finishNodes[0]` or `[1]` with the given
 * last-piece costs (seconds; Infinity or negative when impassable), using every landmark joined
 * to the finish. Null when none is (a small island without a landmark).
 */
export function landmarkBound(table: LandmarkTable, finishNodes: readonly number[], finishSeconds: readonly number[]): LandmarkBound | null {
  const usable = (seconds: number | undefined): number => (seconds !== undefined && seconds >= 0 ? seconds * BOUND_MARGIN : Infinity);
  const nodeA = finishNodes[0] ?? -1;
  const nodeB = finishNodes[1] ?? nodeA;
  if (nodeA < 0) return null;
  const active: number[] = [];
  for (let landmark = 0; landmark < table.count; landmark += 1) {
    // A landmark not joined to the finish bounds nothing (and would give Infinity − Infinity).
    const joined = (table.seconds[nodeA * table.count + landmark] as number) < Infinity && (table.seconds[nodeB * table.count + landmark] as number) < Infinity;
    if (joined) active.push(landmark);
  }
  if (active.length === 0) return null;
  return {
    table: table.seconds, stride: table.count, slack: table.slack,
    active: Int32Array.from(active),
    towardsA: Float64Array.from(active, (landmark) => table.seconds[nodeA * table.count + landmark] as number),
    towardsB: Float64Array.from(active, (landmark) => table.seconds[nodeB * table.count + landmark] as number),
    finishA: usable(finishSeconds[0]),
    finishB: usable(finishSeconds[1]),
  };
}

/**
 * The bound of `landmarkBound` at one node, in seconds (0 when it bounds nothing); the A* computes
 * the same inline (search.ts), with the straight-line bound beside it.
 */
export function landmarkBoundAt(bound: LandmarkBound, node: number): number {
  let seconds = 0;
  for (let index = 0; index < bound.active.length; index += 1) {
    const value = bound.table[node * bound.stride + (bound.active[index] as number)] as number;
    const viaA = (Math.abs((bound.towardsA[index] as number) - value) - bound.slack) * BOUND_MARGIN + bound.finishA;
    const viaB = (Math.abs((bound.towardsB[index] as number) - value) - bound.slack) * BOUND_MARGIN + bound.finishB;
    seconds = Math.max(seconds, Math.min(viaA, viaB));
  }
  return seconds;
}
