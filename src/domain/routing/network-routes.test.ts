// Routing properties checked over many routes on two networks: the sample district (the same
// files as data/sample, generated in memory and read with the project's parsers) and a synthetic
// grid. Expectations come from the input edges and facilities, looked up independently of the graph.
import { describe, it, expect } from 'vitest';
import { FACILITY_CATEGORIES, LAYER_FILES, type Facility, type LngLat, type NetworkEdge } from '../facilities/model.ts';
import { parseDistrictManifest, parseFacilityLayer, parseNetworkLayer } from '../facilities/parse.ts';
import { generateSampleDistrict } from '../sample/generate-sample-district.ts';
import { buildRoutingGraph, type RoutingGraph } from './graph.ts';
import { PROFILE_NAMES, activeLimits, relaxLimit, routingProfile } from './profiles.ts';
import { dijkstraRouteCost, findRoute, multiSourceDistances, type RouteFound, type RouteResult } from './route.ts';
import { generateSyntheticNetwork } from './synthetic-network.ts';
import { testRandom } from './test-support.ts';

interface TestNetwork {
  name: string;
  edges: NetworkEdge[];
  facilities: Facility[];
  graph: RoutingGraph;
  bbox: [number, number, number, number];
}

function sampleNetwork(): TestNetwork {
  const files = generateSampleDistrict();
  const edges = parseNetworkLayer(LAYER_FILES.network, files[LAYER_FILES.network]).items;
  const facilities = FACILITY_CATEGORIES.flatMap((category) => parseFacilityLayer(category, LAYER_FILES[category], files[LAYER_FILES[category]]).items);
  const manifest = parseDistrictManifest('district.json', files['district.json']).manifest;
  if (manifest === null) throw new Error('the sample manifest does not parse');
  return { name: 'the sample district', edges, facilities, graph: buildRoutingGraph(edges, facilities).graph, bbox: manifest.bbox };
}

function syntheticNetwork(): TestNetwork {
  const network = generateSyntheticNetwork({ blocksEast: 14, blocksNorth: 12, seed: 5 });
  return { name: 'a synthetic grid', ...network, graph: buildRoutingGraph(network.edges, network.facilities).graph };
}

function randomPairs(network: TestNetwork, count: number, seed: number): [LngLat, LngLat][] {
  const random = testRandom(seed);
  const [west, south, east, north] = network.bbox;
  const point = (): LngLat => [west + random() * (east - west), south + random() * (north - south)];
  return Array.from({ length: count }, () => [point(), point()]);
}

const foundRoutes = (results: readonly RouteResult[]): RouteFound[] => results.filter((result): result is RouteFound => result.status === 'found');

describe.each([sampleNetwork(), syntheticNetwork()])('routes on $name', (network) => {
  const edgeById = new Map(network.edges.map((item) => [item.id, item]));
  const facilityById = new Map(network.facilities.map((facility) => [facility.id, facility]));
  const pairs = randomPairs(network, 120, 42);

  it('costs the same by A* as by a plain Dijkstra, for every profile, on 120 random pairs', () => {
    for (const profile of PROFILE_NAMES) {
      let compared = 0;
      for (const [origin, destination] of pairs) {
        const result = findRoute(network.graph, { origin, destination, profile, explainNoRoute: false });
        const dijkstra = dijkstraRouteCost(network.graph, { origin, destination, profile });
        if (result.status === 'found') {
          expect(result.costSeconds).toBeCloseTo(dijkstra, 6);
          compared += 1;
        } else if (result.reason.kind === 'not_explained') {
          expect(dijkstra).toBe(Infinity);
        }
      }
      expect(compared, profile).toBeGreaterThan(pairs.length / 2);
    }
  });

  it('costs the same by A* as by a plain Dijkstra with a fifth of the ramps and elevators reported closed, and with limits a user adjusted', () => {
    // Reported closures and adjusted limits are what the landmark tables (landmarks.ts) were not measured with.
    const closedFacilityIds = network.facilities.filter((facility) => facility.category === 'ramp' || facility.category === 'elevator')
      .filter((_, index) => index % 5 === 0).map((facility) => facility.id);
    expect(closedFacilityIds.length).toBeGreaterThan(0);
    const adjusted = [
      routingProfile('wheelchair'), routingProfile('walk'),
      routingProfile('wheelchair', { maxUphillPercent: 8, maxDownhillPercent: 10, unknown: 'allow' }),
      routingProfile('blind', { preferTactilePaving: false, preferSignalledCrossings: true }),
      routingProfile('cane', { stepsCostFactor: 1, unknown: 'penalise', unknownCostFactor: 3 }),
    ];
    for (const profile of adjusted) {
      let compared = 0;
      for (const [origin, destination] of pairs.slice(0, 60)) {
        const request = { origin, destination, profile, closedFacilityIds };
        const result = findRoute(network.graph, { ...request, explainNoRoute: false });
        const dijkstra = dijkstraRouteCost(network.graph, request);
        if (result.status === 'found') {
          expect(result.costSeconds).toBeCloseTo(dijkstra, 6);
          compared += 1;
        } else {
          expect(dijkstra).toBe(Infinity);
        }
      }
      // Closing a fifth of the kerb ramps cuts a wheelchair off from much of a grid: a sixth of the pairs still route.
      expect(compared, `${profile.name} ${JSON.stringify(profile)}`).toBeGreaterThanOrEqual(10);
    }
  });

  it('explains a missing route by the end that reaches less of the network, and offers the first limit whose relaxation gives a route', () => {
    // The expectations by the long way: a full Dijkstra from each end (multiSourceDistances), and findRoute itself with each limit relaxed in turn.
    const profiles = [routingProfile('wheelchair'), routingProfile('powered-wheelchair'), routingProfile('wheelchair', { unknown: 'avoid' })];
    const reached = (distances: Float64Array): number => distances.filter((seconds) => seconds < Infinity).length;
    let explained = 0;
    for (const profile of profiles) {
      let checked = 0;
      for (const [origin, destination] of pairs) {
        if (checked === 8) break;
        const result = findRoute(network.graph, { origin, destination, profile });
        if (result.status !== 'no_route') continue;
        const reason = result.reason;
        if (reason.kind !== 'origin_enclosed' && reason.kind !== 'destination_enclosed') continue;
        // Ends snapped, so both areas are searched (not the case of an end with no usable edge near it).
        if (result.origin === null || result.destination === null) continue;
        const fromOrigin = reached(multiSourceDistances(network.graph, [origin], profile, Infinity, { direction: 'from_sources' }));
        const toDestination = reached(multiSourceDistances(network.graph, [destination], profile, Infinity, { direction: 'to_sources' }));
        expect(reason.kind).toBe(fromOrigin <= toDestination ? 'origin_enclosed' : 'destination_enclosed');
        expect(reason.reachableNodes).toBe(Math.min(fromOrigin, toDestination));
        expect(reason.blockedArcs[reason.blockingLimit]).toBe(Math.max(...Object.values(reason.blockedArcs)));
        const candidates = activeLimits(profile);
        const ordered = [...candidates.filter((limit) => limit === reason.blockingLimit), ...candidates.filter((limit) => limit !== reason.blockingLimit)];
        const firstThatRoutes = ordered.find((limit) => findRoute(network.graph, { origin, destination, profile: relaxLimit(profile, limit), explainNoRoute: false }).status === 'found');
        expect(reason.relax).toBe(firstThatRoutes ?? null);
        checked += 1;
      }
      explained += checked;
    }
    expect(explained).toBeGreaterThanOrEqual(8);
  });

  it('names a closed facility as on the best path exactly when the route would be cheaper were every facility working', () => {
    // The same network with every facility working, built from the input: its routes are the "best paths".
    const working = buildRoutingGraph(network.edges, network.facilities.map((facility) => ({ ...facility, status: facility.status === 'out_of_service' ? 'working' as const : facility.status }))).graph;
    let cheaperIfWorking = 0;
    let compared = 0;
    for (const [origin, destination] of pairs) {
      const route = findRoute(network.graph, { origin, destination, profile: 'wheelchair', explainNoRoute: false });
      const best = findRoute(working, { origin, destination, profile: 'wheelchair', explainNoRoute: false });
      if (best.status !== 'found') continue;
      const onBestPath = route.avoided.filter((facility) => facility.onBestPath);
      for (const facility of onBestPath) expect(facilityById.get(facility.facilityId)?.status).toBe('out_of_service');
      if (route.status === 'found') {
        expect(best.costSeconds).toBeLessThanOrEqual(route.costSeconds + 1e-6);
        if (route.costSeconds > best.costSeconds + 1e-6) {
          expect(onBestPath.length).toBeGreaterThan(0);
          cheaperIfWorking += 1;
        } else {
          expect(onBestPath).toEqual([]);
        }
      } else {
        expect(onBestPath.length).toBeGreaterThan(0);
      }
      compared += 1;
    }
    expect(compared).toBeGreaterThan(pairs.length / 2);
    expect(cheaperIfWorking).toBeGreaterThan(0);
  });

  it('never sends a wheelchair up steps or through an elevator that is out of service', () => {
    const routes = foundRoutes(pairs.map(([origin, destination]) => findRoute(network.graph, { origin, destination, profile: 'wheelchair', explainNoRoute: false })));
    expect(routes.length).toBeGreaterThan(pairs.length / 2);
    for (const route of routes) {
      for (const segment of route.segments) {
        const source = edgeById.get(segment.edgeId) as NetworkEdge;
        expect(source.kind).not.toBe('steps');
        if (source.facilityId !== null) expect(facilityById.get(source.facilityId)?.status).not.toBe('out_of_service');
      }
    }
  });

  it('routes round an elevator once it is reported closed, and names it as avoided on the best path', () => {
    // Every elevator edge in turn: a wheelchair route from one end to the other; the first that uses its elevator is tested.
    const elevatorEdges = network.edges.filter((item) => item.kind === 'elevator' && item.facilityId !== null && facilityById.get(item.facilityId)?.status === 'working');
    let tested = 0;
    for (const elevatorEdge of elevatorEdges) {
      const line = elevatorEdge.geometry.coordinates as LngLat[];
      const request = { origin: line[0] as LngLat, destination: line[line.length - 1] as LngLat, profile: 'wheelchair' as const };
      const open = findRoute(network.graph, request);
      if (open.status !== 'found' || !open.segments.some((segment) => segment.edgeId === elevatorEdge.id)) continue;
      const closed = findRoute(network.graph, { ...request, closedFacilityIds: [elevatorEdge.facilityId as string] });
      expect(closed.status === 'found' && closed.segments.some((segment) => segment.edgeId === elevatorEdge.id)).toBe(false);
      expect(closed.avoided).toContainEqual({ facilityId: elevatorEdge.facilityId, kind: 'elevator', reason: 'reported_closed', onBestPath: true });
      if (closed.status === 'found') expect(closed.costSeconds).toBeGreaterThan(open.costSeconds);
      tested += 1;
      break;
    }
    expect(tested).toBe(1);
  });

  it('keeps a blind traveller on at least as much tactile paving as the walking route between the same points', () => {
    // The blind profile also prefers signalled crossings, and may give up some paving to reach one;
    // between routes that use the same crossings, steps and elevators, the preference for paving is
    // the only difference, and there the blind route never has less of it.
    const walkingKinds = ['sidewalk', 'footway', 'pedestrian', 'path', 'living_street', 'assumed_sidewalk', 'ramp'];
    const pavedMeters = (route: RouteFound): number => route.segments
      .filter((segment) => walkingKinds.includes(segment.kind) && edgeById.get(segment.edgeId)?.tactilePaving === true)
      .reduce((sum, segment) => sum + segment.lengthMeters, 0);
    const specialEdges = (route: RouteFound): string => route.segments.filter((segment) => !walkingKinds.includes(segment.kind)).map((segment) => segment.edgeId).sort().join(' ');
    let sameSpecialEdges = 0;
    let morePaving = 0;
    let blindTotal = 0;
    let walkTotal = 0;
    let indifferentTotal = 0;
    const indifferent = routingProfile('blind', { preferTactilePaving: false });
    for (const [origin, destination] of randomPairs(network, 300, 7)) {
      const walk = findRoute(network.graph, { origin, destination, profile: 'walk', explainNoRoute: false });
      const blind = findRoute(network.graph, { origin, destination, profile: 'blind', explainNoRoute: false });
      const withoutPreference = findRoute(network.graph, { origin, destination, profile: indifferent, explainNoRoute: false });
      if (walk.status !== 'found' || blind.status !== 'found' || withoutPreference.status !== 'found') continue;
      expect(blind.tactilePavingMeters).toBeCloseTo(pavedMeters(blind), 6);
      blindTotal += blind.tactilePavingMeters;
      walkTotal += walk.tactilePavingMeters;
      indifferentTotal += withoutPreference.tactilePavingMeters;
      if (blind.tactilePavingMeters > walk.tactilePavingMeters + 1) morePaving += 1;
      if (specialEdges(walk) !== specialEdges(blind)) continue;
      expect(blind.tactilePavingMeters).toBeGreaterThanOrEqual(walk.tactilePavingMeters - 1e-6);
      sameSpecialEdges += 1;
    }
    expect(sameSpecialEdges).toBeGreaterThanOrEqual(20);
    expect(morePaving).toBeGreaterThan(0);
    expect(blindTotal).toBeGreaterThan(walkTotal);
    // The preference itself is what adds the paving: the same profile without it finds less.
    expect(blindTotal).toBeGreaterThan(indifferentTotal);
  });

  it('counts and names the unknown data along wheelchair routes, and uses none of it when asked to avoid it', () => {
    // An independent reading of the input: a walking edge with no incline is unknown to a profile with incline limits.
    const inclineUnknown = (segmentEdge: NetworkEdge): boolean => segmentEdge.inclinePercent === null && !['steps', 'elevator'].includes(segmentEdge.kind)
      && !(segmentEdge.kind === 'ramp' && segmentEdge.facilityId !== null && (facilityById.get(segmentEdge.facilityId) as { slopePercent?: number | null } | undefined)?.slopePercent != null);
    const penalised = foundRoutes(pairs.map(([origin, destination]) => findRoute(network.graph, { origin, destination, profile: 'wheelchair', explainNoRoute: false })));
    let unknownSeen = 0;
    for (const route of penalised) {
      expect(route.unknownSegments).toBe(route.segments.filter((segment) => segment.unknownAttributes.length > 0).length);
      const tally: Record<string, number> = {};
      for (const segment of route.segments) for (const attribute of segment.unknownAttributes) tally[attribute] = (tally[attribute] ?? 0) + 1;
      expect(route.unknownAttributes).toEqual(tally);
      for (const segment of route.segments) {
        if (inclineUnknown(edgeById.get(segment.edgeId) as NetworkEdge)) expect(segment.unknownAttributes).toContain('incline');
      }
      unknownSeen += route.unknownSegments;
    }
    expect(unknownSeen).toBeGreaterThan(0);

    const avoiding = routingProfile('wheelchair', { unknown: 'avoid' });
    const strict = foundRoutes(pairs.map(([origin, destination]) => findRoute(network.graph, { origin, destination, profile: avoiding, explainNoRoute: false })));
    expect(strict.length).toBeGreaterThan(0);
    for (const route of strict) {
      expect(route.unknownSegments).toBe(0);
      for (const segment of route.segments) {
        expect(segment.unknownAttributes).toEqual([]);
        expect(inclineUnknown(edgeById.get(segment.edgeId) as NetworkEdge)).toBe(false);
      }
    }
  });
});
