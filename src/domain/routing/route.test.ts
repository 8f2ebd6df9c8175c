import { describe, it, expect } from 'vitest';
import type { LngLat, NetworkEdge } from '../facilities/model.ts';
import { distanceMeters } from '../geo/index.ts';
import { buildRoutingGraph } from './graph.ts';
import { dijkstraRouteCost, findRoute, multiSourceDistances, prepareRoutingProfile, type RouteFound, type RouteResult } from './route.ts';
import { relaxLimit, routingProfile, type RelaxableLimit } from './profiles.ts';
import { at, edge, elevator, fineSidewalk, kerbRamp } from './test-support.ts';

function found(result: RouteResult): RouteFound {
  if (result.status !== 'found') throw new Error(`expected a route, got ${JSON.stringify(result.reason)}`);
  return result;
}

describe('an origin island whose only ways out are steps', () => {
  // A square of sidewalk (0…20 m) with two flights of steps down to a street running along y = −30.
  const island = [
    fineSidewalk('island-south', [[0, 0], [20, 0]]), fineSidewalk('island-east', [[20, 0], [20, 20]]),
    fineSidewalk('island-north', [[20, 20], [0, 20]]), fineSidewalk('island-west', [[0, 20], [0, 0]]),
  ];
  const street = [
    fineSidewalk('street-far-west', [[-100, -30], [-50, -30]]), fineSidewalk('street-west', [[-50, -30], [0, -30]]),
    fineSidewalk('street-middle', [[0, -30], [20, -30]]), fineSidewalk('street-east', [[20, -30], [80, -30]]), fineSidewalk('street-far-east', [[80, -30], [130, -30]]),
  ];
  const steps = [
    edge('steps-west', 'steps', [[0, 0], [0, -30]], { stepCount: 40, inclinePercent: -40, widthMeters: 2 }),
    edge('steps-east', 'steps', [[20, 0], [20, -30]], { stepCount: 40, inclinePercent: -40, widthMeters: 2 }),
  ];
  const { graph } = buildRoutingGraph([...island, ...street, ...steps], []);
  const request = { origin: at(10, 1), destination: at(70, -31) };

  it('has no wheelchair route, names the steps as the blocking limit and offers to allow them', () => {
    const result = findRoute(graph, { ...request, profile: 'wheelchair' });
    expect(result.status).toBe('no_route');
    if (result.status !== 'no_route') return;
    expect(result.reason).toMatchObject({ kind: 'origin_enclosed', blockingLimit: 'avoidSteps', relax: 'avoidSteps' });
    if (result.reason.kind !== 'origin_enclosed') return;
    expect(result.reason.blockedArcs.avoidSteps).toBe(steps.length);
    expect(result.reason.reachableNodes).toBe(4);
  });

  it('walks down one flight of steps on foot and counts it', () => {
    const route = found(findRoute(graph, { ...request, profile: 'walk' }));
    expect(route.uses.steps).toBe(1);
    expect(route.segments.filter((segment) => segment.kind === 'steps').map((segment) => segment.edgeId)).toEqual(['steps-east']);
    expect(route.directions.some((step) => step.kind === 'steps' && step.stepCount === 40 && step.direction === 'down')).toBe(true);
  });

  it('names the destination as enclosed when the island is where the route ends', () => {
    const result = findRoute(graph, { origin: request.destination, destination: request.origin, profile: 'wheelchair' });
    expect(result.status === 'no_route' && result.reason).toMatchObject({ blockingLimit: 'avoidSteps', relax: 'avoidSteps' });
  });
});

describe('a way blocked twice over: steps off an island, then a slope too steep to climb but not to descend', () => {
  // Island (0…20 m) → steps → street → a 9 % slope rising eastwards → plaza (110…130 m). The user
  // climbs at most 6 % but descends up to 12 %, so the slope can be taken westwards only.
  const square = (name: string, west: number): NetworkEdge[] => [
    fineSidewalk(`${name}-south`, [[west, 0], [west + 20, 0]]), fineSidewalk(`${name}-east`, [[west + 20, 0], [west + 20, 20]]),
    fineSidewalk(`${name}-north`, [[west + 20, 20], [west, 20]]), fineSidewalk(`${name}-west`, [[west, 20], [west, 0]]),
  ];
  // The island's long sides are split in two, so it has more nodes than the plaza.
  const islandEdges = [
    fineSidewalk('island-south-1', [[0, 0], [10, 0]]), fineSidewalk('island-south-2', [[10, 0], [20, 0]]), fineSidewalk('island-east', [[20, 0], [20, 20]]),
    fineSidewalk('island-north-1', [[20, 20], [10, 20]]), fineSidewalk('island-north-2', [[10, 20], [0, 20]]), fineSidewalk('island-west', [[0, 20], [0, 0]]),
  ];
  const { graph } = buildRoutingGraph([
    ...islandEdges,
    edge('steps', 'steps', [[20, 0], [40, 0]], { stepCount: 12, widthMeters: 2 }),
    fineSidewalk('street', [[40, 0], [60, 0]]),
    fineSidewalk('slope', [[60, 0], [110, 0]], { inclinePercent: 9 }),
    ...square('plaza', 110),
  ], []);
  const profile = routingProfile('wheelchair', { maxUphillPercent: 6, maxDownhillPercent: 12 });
  const island = at(10, 1);
  const plaza = at(120, 19);
  const routesWhenRelaxed = (origin: LngLat, destination: LngLat, limit: RelaxableLimit): boolean =>
    findRoute(graph, { origin, destination, profile: relaxLimit(profile, limit), explainNoRoute: false }).status === 'found';

  const westernmost = Math.min(...graph.nodeX);
  const nodesEastOf = (meters: number): number => [...graph.nodeX].filter((x) => x - westernmost > meters).length;

  it('offers nothing to relax on the way up to the plaza: allowing the steps or the slope alone is not enough', () => {
    expect(routesWhenRelaxed(island, plaza, 'avoidSteps')).toBe(false);
    expect(routesWhenRelaxed(island, plaza, 'maxIncline')).toBe(false);
    const result = findRoute(graph, { origin: island, destination: plaza, profile });
    // Only the plaza's own nodes lead to the plaza (the slope cannot be climbed), fewer than the island's.
    expect(nodesEastOf(100)).toBeLessThan(islandEdges.length);
    expect(result.status === 'no_route' && result.reason).toEqual({
      kind: 'destination_enclosed', blockingLimit: 'maxIncline', blockedArcs: { maxIncline: 1 }, reachableNodes: nodesEastOf(100), relax: null,
    });
  });

  it('offers to allow the steps on the way down from the plaza, where the slope is no obstacle', () => {
    expect(routesWhenRelaxed(plaza, island, 'avoidSteps')).toBe(true);
    const result = findRoute(graph, { origin: plaza, destination: island, profile });
    expect(result.status === 'no_route' && result.reason).toMatchObject({ blockingLimit: 'avoidSteps', relax: 'avoidSteps' });
  });
});

describe('crossings and kerbs', () => {
  // Two parallel sidewalks 15 m apart, joined by a crossing at x = 0 whose far kerb is raised 120 mm,
  // and by another at x = 200 with lowered kerbs and a kerb ramp at each end.
  const south = fineSidewalk('south', [[0, 0], [200, 0]]);
  const north = fineSidewalk('north', [[0, 15], [200, 15]]);
  const crossingAttributes = { inclinePercent: 0, widthMeters: 4, surface: 'asphalt', crossing: 'marked', crossingSound: false, tactilePaving: true } as const;
  const raisedCrossing = edge('raised-crossing', 'crossing', [[0, 0], [0, 15]], {
    ...crossingAttributes, kerbStart: 'lowered', kerbStartHeightMillimeters: 5, kerbEnd: 'raised', kerbEndHeightMillimeters: 120,
  });
  const loweredCrossing = edge('lowered-crossing', 'crossing', [[200, 0], [200, 15]], {
    ...crossingAttributes, kerbStart: 'lowered', kerbStartHeightMillimeters: 5, kerbEnd: 'lowered', kerbEndHeightMillimeters: 5,
  });
  const ramps = [kerbRamp('ramp-a', [0, 0], 'working', 6), kerbRamp('ramp-b', [200, 0], 'working', 6), kerbRamp('ramp-c', [200, 15], 'working', 6)];
  const { graph } = buildRoutingGraph([south, north, raisedCrossing, loweredCrossing], ramps);
  const request = { origin: at(2, -1), destination: at(2, 16) };

  it('sends a wheelchair round by the lowered crossing and counts both kerb ramps', () => {
    const route = found(findRoute(graph, { ...request, profile: 'wheelchair' }));
    expect(route.segments.map((segment) => segment.edgeId)).toContain('lowered-crossing');
    expect(route.segments.map((segment) => segment.edgeId)).not.toContain('raised-crossing');
    expect(route.uses).toEqual({ steps: 0, ramps: 2, elevators: 0, crossings: 1 });
    const crossing = route.directions.find((step) => step.kind === 'cross');
    expect(crossing).toMatchObject({ kind: 'cross', signalled: false, kerbRampAtStart: true, kerbRampAtEnd: true });
  });

  it('lets a walker step up the raised kerb: the short way', () => {
    const route = found(findRoute(graph, { ...request, profile: 'walk' }));
    expect(route.segments.map((segment) => segment.edgeId)).toContain('raised-crossing');
    expect(route.lengthMeters).toBeLessThan(20);
  });

  it('closes the lowered crossing to wheels when one of its kerb ramps is out of service, and says so', () => {
    const broken = ramps.map((ramp) => (ramp.id === 'ramp-c' ? { ...ramp, status: 'out_of_service' as const } : ramp));
    const brokenGraph = buildRoutingGraph([south, north, raisedCrossing, loweredCrossing], broken).graph;
    const result = findRoute(brokenGraph, { ...request, profile: 'wheelchair' });
    expect(result.status).toBe('no_route');
    expect(result.avoided).toEqual([{ facilityId: 'ramp-c', kind: 'kerb_ramp', reason: 'out_of_service', onBestPath: true }]);
    expect(found(findRoute(brokenGraph, { ...request, profile: 'walk' })).avoided).toEqual([]);
  });

  it('lets a raised kerb through when the kerb limit is relaxed, and offers exactly that', () => {
    const closedRamp = { ...request, profile: 'wheelchair' as const, closedFacilityIds: ['ramp-c'] };
    const result = findRoute(graph, closedRamp);
    expect(result.status === 'no_route' && result.reason).toMatchObject({ relax: 'maxKerbHeight' });
    const relaxed = found(findRoute(graph, { ...closedRamp, profile: routingProfile('wheelchair', { maxKerbHeightMillimeters: null }) }));
    expect(relaxed.segments.map((segment) => segment.edgeId)).toContain('raised-crossing');
  });
});

describe('an elevator beside a long ramp', () => {
  // From A (0, 0) to B (0, 10) on the level above: an elevator straight up, or a 120 m walk round
  // by a gentle ramp.
  const edges = [
    fineSidewalk('approach', [[-20, 0], [0, 0]]),
    edge('lift', 'elevator', [[0, 0], [0, 10]], { facilityId: 'lift-1' }),
    fineSidewalk('landing', [[0, 10], [20, 10]]),
    fineSidewalk('round-1', [[-20, 0], [-20, 60]]),
    fineSidewalk('round-2', [[-20, 60], [20, 60]], { inclinePercent: 3 }),
    fineSidewalk('round-3', [[20, 60], [20, 10]]),
  ];
  const request = { origin: at(-10, 0), destination: at(10, 10) };

  it('takes the working elevator', () => {
    const { graph } = buildRoutingGraph(edges, [elevator('lift-1', [0, 0], 'working')]);
    const route = found(findRoute(graph, { ...request, profile: 'wheelchair' }));
    expect(route.uses.elevators).toBe(1);
    expect(route.directions.some((step) => step.kind === 'elevator' && step.facilityId === 'lift-1')).toBe(true);
    expect(route.avoided).toEqual([]);
  });

  it('goes round when the elevator is out of service, and says it avoided it on the best path', () => {
    const { graph } = buildRoutingGraph(edges, [elevator('lift-1', [0, 0], 'out_of_service')]);
    const route = found(findRoute(graph, { ...request, profile: 'wheelchair' }));
    expect(route.uses.elevators).toBe(0);
    expect(route.segments.map((segment) => segment.edgeId)).toContain('round-2');
    expect(route.avoided).toEqual([{ facilityId: 'lift-1', kind: 'elevator', reason: 'out_of_service', onBestPath: true }]);
  });

  it('treats an open fault report as closed, for walkers too', () => {
    const { graph } = buildRoutingGraph(edges, [elevator('lift-1', [0, 0], 'working')]);
    const route = found(findRoute(graph, { ...request, profile: 'walk', closedFacilityIds: ['lift-1'] }));
    expect(route.uses.elevators).toBe(0);
    expect(route.avoided).toEqual([{ facilityId: 'lift-1', kind: 'elevator', reason: 'reported_closed', onBestPath: true }]);
  });

  it('counts an elevator whose status nobody knows as unknown data', () => {
    const { graph } = buildRoutingGraph(edges, [elevator('lift-1', [0, 0], 'unknown')]);
    const allowed = found(findRoute(graph, { ...request, profile: 'walk' }));
    expect(allowed.uses.elevators).toBe(1);
    expect(allowed.unknownSegments).toBe(1);
    expect(allowed.unknownAttributes).toEqual({ facilityStatus: 1 });
    const avoiding = found(findRoute(graph, { ...request, profile: routingProfile('walk', { unknown: 'avoid' }) }));
    expect(avoiding.uses.elevators).toBe(0);
    expect(avoiding.unknownSegments).toBe(0);
  });
});

describe('unknown data', () => {
  // Two ways from west to east: a short sidewalk whose incline nobody measured, or a longer one fully described.
  const edges = [
    fineSidewalk('west', [[0, 0], [10, 0]]),
    fineSidewalk('short-unknown', [[10, 0], [60, 0]], { inclinePercent: null }),
    fineSidewalk('long-known-1', [[10, 0], [10, 20]]),
    fineSidewalk('long-known-2', [[10, 20], [60, 20]]),
    fineSidewalk('long-known-3', [[60, 20], [60, 0]]),
    fineSidewalk('east', [[60, 0], [70, 0]]),
  ];
  const { graph } = buildRoutingGraph(edges, []);
  const request = { origin: at(1, 0), destination: at(69, 0) };

  it('is allowed at normal cost, counted and named', () => {
    const route = found(findRoute(graph, { ...request, profile: routingProfile('wheelchair', { unknown: 'allow' }) }));
    expect(route.segments.map((segment) => segment.edgeId)).toContain('short-unknown');
    expect(route.unknownSegments).toBe(1);
    expect(route.unknownAttributes).toEqual({ incline: 1 });
    expect(route.segments.find((segment) => segment.edgeId === 'short-unknown')?.unknownAttributes).toEqual(['incline']);
  });

  it('is penalised: a detour shorter than the penalty is taken', () => {
    // The detour adds 40 m to 50 m; doubling the 50 m unknown stretch costs 50 m more.
    const route = found(findRoute(graph, { ...request, profile: routingProfile('wheelchair', { unknown: 'penalise', unknownCostFactor: 2 }) }));
    expect(route.segments.map((segment) => segment.edgeId)).not.toContain('short-unknown');
    expect(route.unknownSegments).toBe(0);
  });

  it('is avoided entirely when asked, and the no-route reason then names unknown data', () => {
    const route = found(findRoute(graph, { ...request, profile: routingProfile('wheelchair', { unknown: 'avoid' }) }));
    expect(route.segments.every((segment) => segment.unknownAttributes.length === 0)).toBe(true);
    const onlyUnknown = buildRoutingGraph(edges.filter((item) => !item.id.startsWith('long')), []).graph;
    const result = findRoute(onlyUnknown, { ...request, profile: routingProfile('wheelchair', { unknown: 'avoid' }) });
    expect(result.status === 'no_route' && result.reason).toMatchObject({ blockingLimit: 'unknown', relax: 'unknown' });
  });

  it('does not matter to a walker, who has no incline limit', () => {
    const route = found(findRoute(graph, { ...request, profile: 'walk' }));
    expect(route.unknownSegments).toBe(0);
    expect(route.segments.map((segment) => segment.edgeId)).toContain('short-unknown');
  });
});

describe('snapping', () => {
  const { graph } = buildRoutingGraph([fineSidewalk('long', [[0, 0], [100, 0]]), fineSidewalk('spur', [[100, 0], [100, 50]])], []);

  it('starts part-way along the nearest edge, not at its nearest node', () => {
    const route = found(findRoute(graph, { origin: at(40, 8), destination: at(90, -3), profile: 'walk' }));
    expect(route.origin.edgeId).toBe('long');
    expect(route.origin.edgeFraction).toBeCloseTo(0.4, 3);
    expect(route.origin.distanceMeters).toBeCloseTo(8, 1);
    expect(distanceMeters(route.origin.coordinate, at(40, 0))).toBeLessThan(0.05);
    expect(route.lengthMeters).toBeCloseTo(50, 1);
    expect(route.segments).toHaveLength(1);
  });

  it('reports a point far from every edge as off the network', () => {
    const result = findRoute(graph, { origin: at(40, 900), destination: at(90, 0), profile: 'walk' });
    expect(result.status === 'no_route' && result.reason).toEqual({ kind: 'origin_off_network', maxSnapDistanceMeters: 200 });
  });

  it('tells two unconnected pieces of network apart from a blocked way', () => {
    const { graph: split } = buildRoutingGraph([fineSidewalk('a', [[0, 0], [50, 0]]), fineSidewalk('b', [[60, 0], [110, 0]])], []);
    const result = findRoute(split, { origin: at(10, 0), destination: at(100, 0), profile: 'walk' });
    expect(result.status === 'no_route' && result.reason).toEqual({ kind: 'disconnected' });
  });
});

describe('requests that cannot be routed', () => {
  const { graph } = buildRoutingGraph([fineSidewalk('a', [[0, 0], [50, 0]])], []);

  it.each([
    [{ origin: [200, 0] as [number, number], destination: at(1, 0), profile: 'walk' as const }, /origin must be/],
    [{ origin: at(1, 0), destination: at(2, 0), profile: 'skateboard' as 'walk' }, /profile "skateboard"/],
    [{ origin: at(1, 0), destination: at(2, 0), profile: routingProfile('wheelchair', { minWidthMeters: -1 }) }, /minWidthMeters/],
  ])('says what is wrong with %j', (request, message) => {
    const result = findRoute(graph, request);
    expect(result.status === 'no_route' && result.reason.kind === 'invalid_request' && result.reason.problems.join('; ')).toMatch(message);
  });
});

describe('multi-source distances', () => {
  // A straight street of four 100 m edges; sources at its west end and 10 m short of its east end.
  const edges = [0, 1, 2, 3].map((index) => fineSidewalk(`street-${index}`, [[index * 100, 0], [(index + 1) * 100, 0]]));
  const { graph } = buildRoutingGraph(edges, []);

  it('gives each node the walking time to its nearest source, and Infinity beyond the limit', () => {
    const speed = routingProfile('walk').speedMetersPerSecond;
    const distances = multiSourceDistances(graph, [at(0, 0), at(390, 0)], 'walk', 1000);
    const byEast = [...distances].map((seconds, node) => [Math.round((graph.nodeX[node] as number) - (graph.nodeX[0] as number)), seconds] as const);
    expect(byEast).toHaveLength(5);
    const secondsAt = (eastOfFirst: number): number => {
      const westernmost = Math.min(...graph.nodeX);
      const node = [...graph.nodeX].findIndex((x) => Math.abs(x - westernmost - eastOfFirst) < 0.5);
      return distances[node] as number;
    };
    expect(secondsAt(0)).toBeCloseTo(0, 6);
    expect(secondsAt(100)).toBeCloseTo(100 / speed, 2);
    expect(secondsAt(200)).toBeCloseTo(190 / speed, 2);
    expect(secondsAt(400)).toBeCloseTo(10 / speed, 2);
    const limited = multiSourceDistances(graph, [at(0, 0)], 'walk', 150 / speed);
    expect([...limited].filter((seconds) => seconds < Infinity)).toHaveLength(2);
  });

  it('agrees with the point-to-point Dijkstra from a single source', () => {
    const forward = multiSourceDistances(graph, [at(50, 0)], 'walk', Infinity, { direction: 'from_sources' });
    const eastEnd = [...graph.nodeX].indexOf(Math.max(...graph.nodeX));
    const routeCost = dijkstraRouteCost(graph, { origin: at(50, 0), destination: [graph.nodeLongitude[eastEnd] as number, graph.nodeLatitude[eastEnd] as number], profile: 'walk' });
    expect(forward[eastEnd]).toBeCloseTo(routeCost, 6);
  });
});

describe('preparing a profile ahead of the first route', () => {
  // A street with an elevator up to a landing, and a crossing whose kerb ramp is out of service.
  const edges = [
    fineSidewalk('street', [[0, 0], [100, 0]]),
    edge('lift', 'elevator', [[50, 0], [50, 10]], { facilityId: 'lift-1' }),
    fineSidewalk('landing', [[50, 10], [70, 10]]),
    edge('crossing', 'crossing', [[100, 0], [100, 15]], { kerbStart: 'lowered', kerbEnd: 'lowered', kerbStartHeightMillimeters: 5, kerbEndHeightMillimeters: 5 }),
    fineSidewalk('far-side', [[100, 15], [150, 15]]),
  ];
  const tableBytes = (graph: { nodeCount: number }, landmarkCount: number, tables: number): number => tables * graph.nodeCount * (landmarkCount + 1) * 4;

  it('measures one table for a walker, whom a broken kerb ramp does not stop, and two for a wheelchair, whom it does', () => {
    const { graph } = buildRoutingGraph(edges, [elevator('lift-1', [50, 0], 'working'), kerbRamp('ramp-1', [100, 15], 'out_of_service', 6)]);
    const walk = prepareRoutingProfile(graph, 'walk');
    const wheelchair = prepareRoutingProfile(graph, 'wheelchair');
    expect(walk.landmarkCount).toBeGreaterThan(0);
    expect(walk.landmarkTableBytes).toBe(tableBytes(graph, walk.landmarkCount, 1));
    expect(wheelchair.landmarkTableBytes).toBe(tableBytes(graph, wheelchair.landmarkCount, 2));
  });

  it('measures two for a walker once an elevator, which everyone needs, is out of service', () => {
    const { graph } = buildRoutingGraph(edges, [elevator('lift-1', [50, 0], 'out_of_service')]);
    const walk = prepareRoutingProfile(graph, 'walk');
    expect(walk.landmarkTableBytes).toBe(tableBytes(graph, walk.landmarkCount, 2));
  });

  it('refuses a profile it cannot use, saying why', () => {
    const { graph } = buildRoutingGraph(edges, []);
    expect(() => prepareRoutingProfile(graph, routingProfile('wheelchair', { speedMetersPerSecond: 0 }))).toThrow(/speedMetersPerSecond/);
  });
});
