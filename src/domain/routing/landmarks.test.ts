import { describe, it, expect } from 'vitest';
import { FACILITY_CATEGORIES, LAYER_FILES, type LngLat } from '../facilities/model.ts';
import { parseFacilityLayer, parseNetworkLayer } from '../facilities/parse.ts';
import { generateSampleDistrict } from '../sample/generate-sample-district.ts';
import { createArcEvaluation, evaluateArc, preparedCostsFor, type PreparedCosts } from './costs.ts';
import { buildRoutingGraph, type RoutingGraph } from './graph.ts';
import { buildLandmarkTable, landmarkBound, landmarkBoundAt, profileLandmarksFor, type LandmarkTable } from './landmarks.ts';
import { routingProfile, type RoutingProfile } from './profiles.ts';
import { dijkstraRouteCost, edgeArcs, findRoute } from './route.ts';
import { dijkstraFromSeeds } from './search.ts';
import { snapToNetwork } from './snap.ts';
import { generateSyntheticNetwork } from './synthetic-network.ts';
import { at, edge, fineSidewalk, testRandom } from './test-support.ts';

function sampleGraph(): RoutingGraph {
  const files = generateSampleDistrict();
  const edges = parseNetworkLayer(LAYER_FILES.network, files[LAYER_FILES.network]).items;
  const facilities = FACILITY_CATEGORIES.flatMap((category) => parseFacilityLayer(category, LAYER_FILES[category], files[LAYER_FILES[category]]).items);
  return buildRoutingGraph(edges, facilities).graph;
}

const synthetic = generateSyntheticNetwork({ blocksEast: 10, blocksNorth: 8, seed: 9 });
const networks = [
  { name: 'the sample district', graph: sampleGraph() },
  { name: 'a synthetic grid', graph: buildRoutingGraph(synthetic.edges, synthetic.facilities).graph },
];

/** The profiles as shipped, and two a user adjusted (which get tables of their own). */
const profiles: RoutingProfile[] = [
  routingProfile('walk'), routingProfile('wheelchair'), routingProfile('powered-wheelchair'), routingProfile('cane'), routingProfile('blind'),
  routingProfile('wheelchair', { unknown: 'avoid', maxUphillPercent: 6 }), routingProfile('blind', { preferTactilePaving: false }),
];

/** A destination part-way along an edge: the two nodes a route can finish from and what the last piece from each costs. */
function finishAt(costs: PreparedCosts, point: LngLat): { nodes: number[]; seconds: number[] } | null {
  const graph = costs.graph;
  const snapped = snapToNetwork(graph, point, costs.edgeSnappable, 200);
  if (snapped === null) return null;
  const { forward, backward } = edgeArcs(graph, snapped.edge);
  const evaluation = createArcEvaluation();
  const price = (arc: number, toFraction: number): number => {
    evaluateArc(graph, costs.profile, costs.closures, arc, 0, toFraction, evaluation);
    return evaluation.cost >= 0 ? evaluation.cost : Infinity;
  };
  return {
    nodes: [graph.edgeStartNode[snapped.edge] as number, graph.edgeEndNode[snapped.edge] as number],
    seconds: [price(forward, snapped.edgeFraction), price(backward, 1 - snapped.edgeFraction)],
  };
}

function randomPoints(graph: RoutingGraph, count: number, seed: number): LngLat[] {
  const random = testRandom(seed);
  const longitudes = [...graph.nodeLongitude];
  const latitudes = [...graph.nodeLatitude];
  const [west, east, south, north] = [Math.min(...longitudes), Math.max(...longitudes), Math.min(...latitudes), Math.max(...latitudes)];
  return Array.from({ length: count }, (): LngLat => [west + random() * (east - west), south + random() * (north - south)]);
}

/** Facilities reported closed on top of the data: every fifth one. */
const reportedClosed = (graph: RoutingGraph): Set<string> => new Set(graph.facilityIds.filter((_, index) => index % 5 === 0));

describe.each(networks)('landmark bounds on $name', ({ graph }) => {
  // Each table against the costs it must hold for: the open table for the search as if every
  // facility worked, the closed one for the search with the data's closures and any reported ones.
  const cases = profiles.flatMap((profile) => {
    const tables = profileLandmarksFor(graph, profile);
    return [
      { profile, label: 'open', table: tables.open, costs: preparedCostsFor(graph, profile, new Set(), true) },
      { profile, label: 'closed', table: tables.closed, costs: preparedCostsFor(graph, profile, reportedClosed(graph)) },
    ];
  });

  it('never promise a node a cheaper way to the destination than the cheapest there is, for every profile and both tables', () => {
    let compared = 0;
    for (const { profile, label, table, costs } of cases) {
      for (const point of randomPoints(graph, 4, 11)) {
        const finish = finishAt(costs, point);
        if (finish === null) continue;
        const bound = landmarkBound(table, finish.nodes, finish.seconds);
        if (bound === null) continue;
        // The true cost from every node to the destination: a plain Dijkstra backwards from the finish.
        const trueCost = dijkstraFromSeeds(costs, { nodes: finish.nodes, costs: finish.seconds }, 'backward', Infinity);
        for (let node = 0; node < graph.nodeCount; node += 1) {
          const estimate = landmarkBoundAt(bound, node);
          if (estimate > (trueCost[node] as number)) expect.fail(`${profile.name} ${label}: node ${node} bound ${estimate} above its cost ${trueCost[node]}`);
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(graph.nodeCount * profiles.length);
  });

  it('never fall by more than an arc costs between its ends (a consistent bound: A* settles each node once)', () => {
    for (const { table, costs } of cases) {
      const finish = finishAt(costs, randomPoints(graph, 1, 23)[0] as LngLat);
      const bound = finish === null ? null : landmarkBound(table, finish.nodes, finish.seconds);
      if (bound === null) continue;
      for (let arc = 0; arc < graph.arcCount; arc += 1) {
        const arcCost = costs.arcCost[arc] as number;
        if (arcCost < 0) continue;
        const atSource = landmarkBoundAt(bound, graph.arcSource[arc] as number);
        const atTarget = landmarkBoundAt(bound, graph.arcTarget[arc] as number);
        // Both Infinity: neither end can reach the destination, and nothing is searched there.
        if (atSource === Infinity && atTarget === Infinity) continue;
        // Float32 rounding of the table may add a little; its slack is the measure of it.
        expect(atSource - atTarget).toBeLessThanOrEqual(arcCost + 2 * table.slack);
      }
    }
  });

  it('count the wheelchair penalties: a higher bound than the same landmarks measured in plain walking time', () => {
    const wheelchair = cases.find((entry) => entry.profile.name === 'wheelchair' && entry.label === 'closed') as (typeof cases)[number];
    // The same landmarks over lengths at the wheelchair's speed: what a table blind to penalties would give.
    const lengthsOnly: PreparedCosts = { ...wheelchair.costs, arcCost: graph.arcLengthMeters.map((meters) => meters / wheelchair.profile.speedMetersPerSecond) };
    const lengthTable = buildLandmarkTable(lengthsOnly, wheelchair.table.nodes);
    let penaltyAware = 0;
    let penaltyBlind = 0;
    for (const point of randomPoints(graph, 3, 5)) {
      const finish = finishAt(wheelchair.costs, point);
      const bound = finish === null ? null : landmarkBound(wheelchair.table, finish.nodes, finish.seconds);
      const blindBound = finish === null ? null : landmarkBound(lengthTable, finish.nodes, finish.seconds);
      if (bound === null || blindBound === null) continue;
      for (let node = 0; node < graph.nodeCount; node += 1) {
        const estimate = landmarkBoundAt(bound, node);
        if (!Number.isFinite(estimate)) continue;
        penaltyAware += estimate;
        penaltyBlind += landmarkBoundAt(blindBound, node);
      }
    }
    expect(penaltyBlind).toBeGreaterThan(0);
    // The unknown-data penalty alone doubles a quarter of the arcs: well over a tenth more on average.
    expect(penaltyAware).toBeGreaterThan(1.1 * penaltyBlind);
  });
});

describe('choosing landmarks', () => {
  it('puts the two landmarks of a straight street at its two ends', () => {
    const street = [0, 1, 2, 3, 4].map((index) => fineSidewalk(`street-${index}`, [[index * 100, 0], [(index + 1) * 100, 0]]));
    const { graph } = buildRoutingGraph(street, []);
    const table = buildLandmarkTable(preparedCostsFor(graph, routingProfile('walk'), new Set()), null, 2);
    const westEnd = [...graph.nodeX].indexOf(Math.min(...graph.nodeX));
    const eastEnd = [...graph.nodeX].indexOf(Math.max(...graph.nodeX));
    expect([...table.nodes].sort()).toEqual([westEnd, eastEnd].sort());
    // Along a street the table holds the walking time from each end: the whole street's, between the two.
    const streetMeters = [...graph.arcLengthMeters].filter((_, arc) => graph.arcForward[arc] === 1).reduce((sum, meters) => sum + meters, 0);
    expect(table.seconds[eastEnd * table.count + [...table.nodes].indexOf(westEnd)]).toBeCloseTo(streetMeters / routingProfile('walk').speedMetersPerSecond, 3);
  });

  it('gives a small island no landmark, yet routes on it as a plain Dijkstra does', () => {
    const grid = [0, 1, 2, 3].flatMap((row) => [0, 1, 2, 3].flatMap((column) => [
      fineSidewalk(`east-${row}-${column}`, [[column * 50, row * 50], [(column + 1) * 50, row * 50]]),
      fineSidewalk(`north-${row}-${column}`, [[column * 50, row * 50], [column * 50, (row + 1) * 50]]),
    ]));
    const island = [fineSidewalk('island-a', [[1000, 0], [1040, 0]]), fineSidewalk('island-b', [[1040, 0], [1040, 30]])];
    const { graph } = buildRoutingGraph([...grid, ...island], []);
    const table: LandmarkTable = profileLandmarksFor(graph, routingProfile('walk')).open;
    const islandNodes = new Set([...graph.nodeX.keys()].filter((node) => (graph.nodeX[node] as number) > (graph.nodeX[0] as number) + 900));
    expect(islandNodes.size).toBe(3);
    expect(table.count).toBeGreaterThan(0);
    for (const landmark of table.nodes) expect(islandNodes.has(landmark)).toBe(false);
    const request = { origin: at(1005, 1), destination: at(1041, 20), profile: 'walk' as const };
    const route = findRoute(graph, request);
    expect(route.status === 'found' && route.costSeconds).toBeCloseTo(dijkstraRouteCost(graph, request), 9);
  });
});

describe('a hill climbed more slowly than it is descended', () => {
  // A straight street rising 5 % eastwards, and a user who allows 6 % up but 12 % down: going up is
  // near the limit (costly), going down is not.
  const hill = [0, 1, 2, 3].map((index) => fineSidewalk(`hill-${index}`, [[index * 50, 0], [(index + 1) * 50, 0]], { inclinePercent: 5 }));
  const { graph } = buildRoutingGraph(hill, []);
  const profile = routingProfile('wheelchair', { maxUphillPercent: 6, maxDownhillPercent: 12 });
  const costs = preparedCostsFor(graph, profile, new Set());
  const table = buildLandmarkTable(costs, null, 2);
  const bottom = [...graph.nodeX].indexOf(Math.min(...graph.nodeX));
  const top = [...graph.nodeX].indexOf(Math.max(...graph.nodeX));
  const downhill = dijkstraFromSeeds(costs, { nodes: [bottom], costs: [0] }, 'backward', Infinity)[top] as number;
  const uphill = dijkstraFromSeeds(costs, { nodes: [top], costs: [0] }, 'backward', Infinity)[bottom] as number;

  it('bounds the way down by the cost of going down, not of going up', () => {
    expect(uphill).toBeGreaterThan(1.5 * downhill);
    const bound = landmarkBound(table, [bottom, bottom], [0, 0]);
    expect(bound).not.toBeNull();
    const estimate = landmarkBoundAt(bound as NonNullable<typeof bound>, top);
    expect(estimate).toBeLessThanOrEqual(downhill);
    // With a landmark at the foot of the hill, the bound is the whole cost of the way down.
    expect(estimate).toBeGreaterThan(0.999 * downhill);
  });
});

describe('pieces of network', () => {
  // A square of sidewalk with two flights of steps down to a street (as in route.test.ts).
  const island = [
    fineSidewalk('island-south', [[0, 0], [20, 0]]), fineSidewalk('island-east', [[20, 0], [20, 20]]),
    fineSidewalk('island-north', [[20, 20], [0, 20]]), fineSidewalk('island-west', [[0, 20], [0, 0]]),
  ];
  const street = [fineSidewalk('street-west', [[-50, -30], [0, -30]]), fineSidewalk('street-middle', [[0, -30], [20, -30]]), fineSidewalk('street-east', [[20, -30], [80, -30]])];
  const steps = [
    edge('steps-west', 'steps', [[0, 0], [0, -30]], { stepCount: 40, inclinePercent: -40, widthMeters: 2 }),
    edge('steps-east', 'steps', [[20, 0], [20, -30]], { stepCount: 40, inclinePercent: -40, widthMeters: 2 }),
  ];
  const { graph } = buildRoutingGraph([...island, ...street, ...steps], []);
  const islandNode = (node: number): boolean => (graph.nodeY[node] as number) > (graph.nodeY[0] as number) - 1 && (graph.nodeY[node] as number) >= Math.max(...graph.nodeY) - 25;

  it('cut the island off by its steps for a wheelchair, and not for a walker', () => {
    const wheelchair = profileLandmarksFor(graph, routingProfile('wheelchair')).closed.nodeComponent;
    const walk = profileLandmarksFor(graph, routingProfile('walk')).closed.nodeComponent;
    const islandNodes = [...wheelchair.keys()].filter(islandNode);
    expect(islandNodes).toHaveLength(4);
    expect(new Set(islandNodes.map((node) => wheelchair[node])).size).toBe(1);
    expect(new Set(wheelchair).size).toBe(2);
    expect(new Set(walk).size).toBe(1);
  });
});
