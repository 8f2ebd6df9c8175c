// Routing on real pedestrian networks: OpenStreetMap extracts from ../shared/data, imported with
// `bfmap import-osm` as a user would, then read back with the project's parsers. Expectations come
// from the imported edges and facilities, looked up independently of the routing graph.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Facility, LngLat, NetworkEdge } from '../src/domain/facilities/model.ts';
import { PROFILE_NAMES, routingProfile } from '../src/domain/routing/profiles.ts';
import { dijkstraRouteCost, findRoute, type RouteFound, type RouteResult } from '../src/domain/routing/route.ts';
import type { RoutingGraph } from '../src/domain/routing/graph.ts';
import { importOsmFile } from '../bin/commands/import-osm.ts';
import { loadDistrictRoutingData } from './routing-graph.ts';

const sharedOsm = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'osm');

interface RealNetwork {
  graph: RoutingGraph;
  edges: NetworkEdge[];
  facilities: Facility[];
  pairs: [LngLat, LngLat][];
}

/** Deterministic pairs of network vertices (so every point is on a footway the extract maps). */
function vertexPairs(edges: readonly NetworkEdge[], count: number, seed: number): [LngLat, LngLat][] {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const vertices = edges.flatMap((item) => item.geometry.coordinates as LngLat[]);
  const pick = (): LngLat => vertices[Math.floor(next() * vertices.length)] as LngLat;
  return Array.from({ length: count }, () => [pick(), pick()]);
}

const found = (results: readonly RouteResult[]): RouteFound[] => results.filter((result): result is RouteFound => result.status === 'found');

describe.each(['paris-marais.osm', 'berlin-neukolln.osm'])('routes on %s as imported', (file) => {
  let network: RealNetwork;
  beforeAll(async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'bfmap-real-')), 'district');
    await importOsmFile(join(sharedOsm, file), directory, { id: 'real' });
    const data = loadDistrictRoutingData(directory);
    network = { graph: data.graph, edges: data.edges, facilities: data.facilities, pairs: vertexPairs(data.edges, 80, 11) };
  }, 60_000);

  it('costs the same by A* as by a plain Dijkstra, for every profile', () => {
    for (const profile of PROFILE_NAMES) {
      let compared = 0;
      for (const [origin, destination] of network.pairs) {
        const result = findRoute(network.graph, { origin, destination, profile, explainNoRoute: false });
        const dijkstra = dijkstraRouteCost(network.graph, { origin, destination, profile });
        if (result.status === 'found') {
          expect(result.costSeconds).toBeCloseTo(dijkstra, 6);
          compared += 1;
        } else {
          expect(dijkstra).toBe(Infinity);
        }
      }
      // Walking reaches most pairs of a real footway network; the others may be stopped by unknown kerbs.
      if (profile === 'walk') expect(compared).toBeGreaterThan(network.pairs.length / 2);
    }
  });

  it('never sends a wheelchair up steps or through an elevator or ramp that is out of service', () => {
    const edgeById = new Map(network.edges.map((item) => [item.id, item]));
    const facilityById = new Map(network.facilities.map((facility) => [facility.id, facility]));
    const stepsEdges = network.edges.filter((item) => item.kind === 'steps').length;
    expect(stepsEdges).toBeGreaterThan(0);
    const routes = found(network.pairs.map(([origin, destination]) => findRoute(network.graph, { origin, destination, profile: 'wheelchair', explainNoRoute: false })));
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      for (const segment of route.segments) {
        const source = edgeById.get(segment.edgeId) as NetworkEdge;
        expect(source.kind).not.toBe('steps');
        if (source.facilityId !== null) expect(facilityById.get(source.facilityId)?.status).not.toBe('out_of_service');
      }
    }
  });

  it('says how much of a walking route has unknown data, and explains a wheelchair route it cannot find', () => {
    const walks = found(network.pairs.map(([origin, destination]) => findRoute(network.graph, { origin, destination, profile: 'walk', explainNoRoute: false })));
    for (const route of walks) expect(route.unknownSegments).toBe(route.segments.filter((segment) => segment.unknownAttributes.length > 0).length);
    // OpenStreetMap rarely says how steep or wide a footway is: a wheelchair route with unknown data avoided
    // is mostly impossible, and the answer names the limit to relax instead of failing silently.
    const avoiding = routingProfile('wheelchair', { unknown: 'avoid' });
    let explained = 0;
    for (const [origin, destination] of network.pairs.slice(0, 20)) {
      const result = findRoute(network.graph, { origin, destination, profile: avoiding });
      if (result.status === 'found') {
        expect(result.unknownSegments).toBe(0);
        continue;
      }
      expect(['origin_enclosed', 'destination_enclosed', 'disconnected']).toContain(result.reason.kind);
      if (result.reason.kind === 'origin_enclosed' || result.reason.kind === 'destination_enclosed') {
        // The commonest blocking limit is named; relaxing one limit alone may not be enough here.
        expect(['avoidSteps', 'maxKerbHeight', 'maxIncline', 'minWidth', 'unknown', 'closedFacility']).toContain(result.reason.blockingLimit);
        explained += 1;
      }
    }
    expect(explained).toBeGreaterThan(0);
  });

  it('keeps a blind traveller on at least as much tactile paving as a walker, over many routes', () => {
    let blindTotal = 0;
    let walkTotal = 0;
    for (const [origin, destination] of network.pairs) {
      const walk = findRoute(network.graph, { origin, destination, profile: 'walk', explainNoRoute: false });
      const blind = findRoute(network.graph, { origin, destination, profile: 'blind', explainNoRoute: false });
      if (walk.status !== 'found' || blind.status !== 'found') continue;
      walkTotal += walk.tactilePavingMeters;
      blindTotal += blind.tactilePavingMeters;
    }
    expect(blindTotal).toBeGreaterThanOrEqual(walkTotal);
  });
});
