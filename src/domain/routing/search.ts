// Shortest paths over the CSR graph with prepared arc costs (costs.ts): a point-to-point A* and a
// multi-source Dijkstra (forwards or backwards). Both start from "seeds" (nodes with a starting
// cost: the ends of the edge a route starts on) so a route can begin part-way along an edge.
//
// The searches allocate nothing per run beyond their results: distances, parents and the heap live
// in scratch buffers kept per graph, and a generation counter marks which entries belong to the
// current run, so nothing has to be cleared between searches.
import type { PreparedCosts } from './costs.ts';
import type { RoutingGraph } from './graph.ts';
import { NodeHeap } from './heap.ts';
import { BOUND_MARGIN, type LandmarkBound } from './landmarks.ts';

interface SearchScratch {
  cost: Float64Array;
  /** Arc that reached the node, or −1 − seed index for a seed. */
  parent: Int32Array;
  /** cost/parent are valid when stamp === generation. */
  stamp: Uint32Array;
  /** Node settled when settled === generation. */
  settled: Uint32Array;
  /** A* only: the node's lower bound on the cost to the destination, valid when stamp === generation. */
  bound: Float64Array;
  generation: number;
  heap: NodeHeap;
}

const scratchCache = new WeakMap<RoutingGraph, SearchScratch>();
const passThroughCache = new WeakMap<RoutingGraph, Uint8Array>();

/**
 * Nodes in the middle of a chain: exactly two arcs, to two other nodes (a sidewalk split where an
 * attribute changes). The A* walks straight through them instead of queueing them, which saves
 * most of the heap work on real sidewalk networks, where such nodes are common.
 */
function passThroughNodes(graph: RoutingGraph): Uint8Array {
  let passThrough = passThroughCache.get(graph);
  if (passThrough === undefined) {
    passThrough = new Uint8Array(graph.nodeCount);
    for (let node = 0; node < graph.nodeCount; node += 1) {
      const first = graph.nodeArcOffsets[node] as number;
      if ((graph.nodeArcOffsets[node + 1] as number) - first !== 2) continue;
      const firstTarget = graph.arcTarget[first] as number;
      const secondTarget = graph.arcTarget[first + 1] as number;
      if (firstTarget !== node && secondTarget !== node) passThrough[node] = 1;
    }
    passThroughCache.set(graph, passThrough);
  }
  return passThrough;
}

function scratchFor(graph: RoutingGraph): SearchScratch {
  let scratch = scratchCache.get(graph);
  if (scratch === undefined) {
    scratch = {
      cost: new Float64Array(graph.nodeCount), parent: new Int32Array(graph.nodeCount),
      stamp: new Uint32Array(graph.nodeCount), settled: new Uint32Array(graph.nodeCount), bound: new Float64Array(graph.nodeCount),
      generation: 0, heap: new NodeHeap(),
    };
    scratchCache.set(graph, scratch);
  }
  scratch.generation += 1;
  if (scratch.generation === 0xffffffff) {
    scratch.stamp.fill(0);
    scratch.settled.fill(0);
    scratch.generation = 1;
  }
  scratch.heap.clear();
  return scratch;
}

/** Nodes a search starts from, with what it costs to reach them from the true start. */
export interface Seeds {
  nodes: readonly number[];
  costs: readonly number[];
}

/** Where a point-to-point search may finish: from a node, the last part-way piece of an edge. */
export interface Completions {
  nodes: readonly number[];
  /** Cost from the node to the destination point; Infinity or negative when that piece is impassable. */
  costs: readonly number[];
  /** Cost of going straight from origin to destination along a shared edge; Infinity when they do not share one. */
  directCost: number;
  /** The destination in the projection plane, for the heuristic. */
  targetX: number;
  targetY: number;
  /** The landmark bound towards these completions (landmarks.ts), or null for the straight-line bound alone. */
  landmarkBound: LandmarkBound | null;
}

export interface SearchOutcome {
  /** Total cost in seconds; Infinity when there is no route. */
  cost: number;
  /** How the route ends: −1 straight along the shared edge, else the index into Completions.nodes. */
  completion: number;
  /** Arcs from the first seed node to the completion node, in order (empty for a direct route). */
  arcs: number[];
  /** Which seed the route starts from (−1 for a direct route). */
  seed: number;
  /** Of the watched arcs, those leaving a node the search settled (it looked at them). */
  watchedArcsReached: number[];
  /** Nodes settled: a measure of the work done. */
  settledNodes: number;
}

const EMPTY_INDICES = new Int32Array(0);
const EMPTY_VALUES = new Float64Array(0);

/**
 * A* from the seeds to the completions. A node's bound on the cost still to go is the larger of
 * the straight-line distance to the destination ÷ the profile's speed (every arc costs at least
 * its length at that speed, costs.ts) and the landmark bound (landmarks.ts), which also counts
 * the penalties on the way. Neither overestimates, so the search stops when no queued node can
 * lead to a cheaper route than the best found. Both are consistent, so a settled node normally
 * keeps its cost; should rounding in the float32 landmark table ever let a cheaper way to a
 * settled node appear, the node is queued again ("reopened") rather than the cheaper way lost.
 * Nodes whose bound is Infinity (no passable edge joins them to the destination) are never queued.
 */
export function aStarSearch(prepared: PreparedCosts, seeds: Seeds, completions: Completions, watchedArcs: Int32Array | null = null): SearchOutcome {
  const graph = prepared.graph;
  const scratch = scratchFor(graph);
  const { cost, parent, stamp, settled, bound, heap } = scratch;
  const generation = scratch.generation;
  const arcCost = prepared.arcCost;
  const offsets = graph.nodeArcOffsets;
  const targets = graph.arcTarget;
  const twins = graph.arcTwin;
  const passThrough = passThroughNodes(graph);
  const nodeX = graph.nodeX;
  const nodeY = graph.nodeY;
  const targetX = completions.targetX;
  const targetY = completions.targetY;
  const inverseSpeed = BOUND_MARGIN / prepared.profile.speedMetersPerSecond;
  const landmarkBound = completions.landmarkBound;
  const table = landmarkBound?.table ?? null;
  const stride = landmarkBound?.stride ?? 0;
  const slack = landmarkBound?.slack ?? 0;
  const active = landmarkBound?.active ?? EMPTY_INDICES;
  const towardsA = landmarkBound?.towardsA ?? EMPTY_VALUES;
  const towardsB = landmarkBound?.towardsB ?? EMPTY_VALUES;
  const finishA = landmarkBound?.finishA ?? Infinity;
  const finishB = landmarkBound?.finishB ?? Infinity;
  const activeCount = active.length;
  const completionNodeA = completions.nodes[0] ?? -1;
  const completionNodeB = completions.nodes[1] ?? -1;
  const completionCostA = validCost(completions.costs[0]);
  const completionCostB = validCost(completions.costs[1]);
  let bestCost = validCost(completions.directCost);
  let bestCompletion = -1;
  let bestNode = -1;

  /** Lower bound on the cost from a node to the destination, in seconds; Infinity when no way joins them. The loop is landmarkBoundAt's, inline. */
  const boundFrom = (node: number): number => {
    const deltaX = (nodeX[node] as number) - targetX;
    const deltaY = (nodeY[node] as number) - targetY;
    let seconds = Math.sqrt(deltaX * deltaX + deltaY * deltaY) * inverseSpeed;
    if (table !== null) {
      const row = node * stride;
      for (let index = 0; index < activeCount; index += 1) {
        const value = table[row + (active[index] as number)] as number;
        const viaA = (Math.abs((towardsA[index] as number) - value) - slack) * BOUND_MARGIN + finishA;
        const viaB = (Math.abs((towardsB[index] as number) - value) - slack) * BOUND_MARGIN + finishB;
        const through = viaA < viaB ? viaA : viaB;
        if (through > seconds) seconds = through;
      }
    }
    return seconds;
  };

  for (let index = 0; index < seeds.nodes.length; index += 1) {
    const node = seeds.nodes[index] as number;
    const seedCost = seeds.costs[index] as number;
    if (!(seedCost >= 0) || seedCost === Infinity) continue;
    if (stamp[node] === generation && (cost[node] as number) <= seedCost) continue;
    if (stamp[node] !== generation) bound[node] = boundFrom(node);
    stamp[node] = generation;
    cost[node] = seedCost;
    parent[node] = -1 - index;
    heap.push(node, seedCost + (bound[node] as number));
  }

  let settledNodes = 0;
  while (heap.size > 0) {
    if (heap.peekKey() >= bestCost) break;
    const node = heap.pop();
    if (settled[node] === generation) continue;
    settled[node] = generation;
    settledNodes += 1;
    const nodeCost = cost[node] as number;
    if (node === completionNodeA && nodeCost + completionCostA < bestCost) {
      bestCost = nodeCost + completionCostA;
      bestCompletion = 0;
      bestNode = node;
    }
    if (node === completionNodeB && nodeCost + completionCostB < bestCost) {
      bestCost = nodeCost + completionCostB;
      bestCompletion = 1;
      bestNode = node;
    }
    const last = offsets[node + 1] as number;
    for (let arc = offsets[node] as number; arc < last; arc += 1) {
      let arcValue = arcCost[arc] as number;
      if (arcValue < 0) continue;
      let next = targets[arc] as number;
      let nextCost = nodeCost + arcValue;
      if (stamp[next] === generation) {
        if (nextCost >= (cost[next] as number)) continue;
        settled[next] = 0;
      } else {
        stamp[next] = generation;
        bound[next] = -1;
      }
      cost[next] = nextCost;
      parent[next] = arc;
      // Along a chain of pass-through nodes (never the destination's), without the heap.
      let arrivingArc = arc;
      while (passThrough[next] === 1 && next !== completionNodeA && next !== completionNodeB) {
        const firstArc = offsets[next] as number;
        const onwardArc = firstArc === twins[arrivingArc] ? firstArc + 1 : firstArc;
        arcValue = arcCost[onwardArc] as number;
        if (arcValue < 0) break;
        const onward = targets[onwardArc] as number;
        const onwardCost = nextCost + arcValue;
        if (stamp[onward] === generation) {
          if (onwardCost >= (cost[onward] as number)) break;
          settled[onward] = 0;
        } else {
          stamp[onward] = generation;
          bound[onward] = -1;
        }
        cost[onward] = onwardCost;
        parent[onward] = onwardArc;
        next = onward;
        nextCost = onwardCost;
        arrivingArc = onwardArc;
      }
      if (passThrough[next] === 1 && next !== completionNodeA && next !== completionNodeB) continue;
      let nextBound = bound[next] as number;
      if (nextBound < 0) {
        nextBound = boundFrom(next);
        bound[next] = nextBound;
      }
      const key = nextCost + nextBound;
      if (key < bestCost) heap.push(next, key);
    }
  }

  const arcs: number[] = [];
  let seed = -1;
  if (bestNode >= 0) {
    let node = bestNode;
    for (;;) {
      const arc = parent[node] as number;
      if (arc < 0) {
        seed = -1 - arc;
        break;
      }
      arcs.push(arc);
      node = graph.arcSource[arc] as number;
    }
    arcs.reverse();
  }
  const watchedArcsReached: number[] = [];
  if (watchedArcs !== null) {
    for (const arc of watchedArcs) {
      const source = graph.arcSource[arc] as number;
      if (settled[source] === generation || (passThrough[source] === 1 && stamp[source] === generation)) watchedArcsReached.push(arc);
    }
  }
  return { cost: bestCost, completion: bestNode >= 0 ? bestCompletion : -1, arcs, seed, watchedArcsReached, settledNodes };
}

function validCost(value: number | undefined): number {
  return value === undefined || !(value >= 0) ? Infinity : value;
}

/**
 * Dijkstra from several seeds at once: the cheapest cost from any seed to every node (forwards),
 * or from every node to any seed (backwards: the seeds are destinations and arcs are used in
 * their own direction towards them). Costs in seconds; Infinity for nodes not reached within
 * `maxCost`.
 */
export function dijkstraFromSeeds(prepared: PreparedCosts, seeds: Seeds, direction: 'forward' | 'backward', maxCost: number): Float64Array {
  const graph = prepared.graph;
  const scratch = scratchFor(graph);
  const { settled, heap } = scratch;
  const generation = scratch.generation;
  const result = new Float64Array(graph.nodeCount).fill(Infinity);
  const arcCost = prepared.arcCost;
  const offsets = graph.nodeArcOffsets;
  const targets = graph.arcTarget;
  const twins = graph.arcTwin;
  const backward = direction === 'backward';

  for (let index = 0; index < seeds.nodes.length; index += 1) {
    const node = seeds.nodes[index] as number;
    const seedCost = seeds.costs[index] as number;
    if (!(seedCost >= 0) || seedCost > maxCost || seedCost >= (result[node] as number)) continue;
    result[node] = seedCost;
    heap.push(node, seedCost);
  }
  while (heap.size > 0) {
    const node = heap.pop();
    if (settled[node] === generation) continue;
    settled[node] = generation;
    const nodeCost = result[node] as number;
    const last = offsets[node + 1] as number;
    for (let arc = offsets[node] as number; arc < last; arc += 1) {
      // Backwards, the arc used is the twin: from the neighbour into this node.
      const arcValue = arcCost[backward ? (twins[arc] as number) : arc] as number;
      if (arcValue < 0) continue;
      const next = targets[arc] as number;
      const nextCost = nodeCost + arcValue;
      if (nextCost < (result[next] as number) && nextCost <= maxCost) {
        result[next] = nextCost;
        heap.push(next, nextCost);
      }
    }
  }
  return result;
}
