// Coverage bench (issue 7): the time of one computeCoverage (snapping the facilities, the
// multi-source search, snapping and pricing every cell, the straight-line check, street rows) on
// the sample district and on a synthetic network of about 200k edges with about 10k hex cells.
// "cold": the first run for a profile, which also prices every arc for it (cached per graph and
// profile afterwards); "warm": later runs, as the planner changes the distance or places a
// proposed facility. It prints numbers and never fails on them.
//
//   npx tsx scripts/bench-coverage.ts [--edges N] [--cells N] [--runs N]
import { performance } from 'node:perf_hooks';
import { computeCoverage, type CoverageRequest } from '../src/domain/coverage/index.ts';
import type { Facility, LngLat, ToiletFacility } from '../src/domain/facilities/model.ts';
import {
  buildRoutingGraph, generateSyntheticNetwork, prepareProfileCosts, syntheticBlocksForEdgeCount, type ProfileName, type RoutingGraph,
} from '../src/domain/routing/index.ts';
import { createRandom } from '../src/domain/sample/random.ts';
import { loadDistrictRoutingData } from './routing-graph.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const ms = (milliseconds: number): string => `${milliseconds.toFixed(milliseconds < 10 ? 1 : 0)} ms`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** The same graph as a new object, so nothing cached for the original (priced arcs, search scratch) applies. */
function coldGraph(graph: RoutingGraph): RoutingGraph {
  return { ...graph };
}

function bench(label: string, graph: RoutingGraph, facilities: readonly Facility[], request: Omit<CoverageRequest, 'profile'>, runs: number): void {
  for (const profile of ['walk', 'wheelchair'] as ProfileName[]) {
    // In the app the worker prices the chosen profile while the planner is still choosing
    // (PlannerView → prepare); here a second graph instance gives the first run without it.
    const pricingStart = performance.now();
    prepareProfileCosts(graph, profile);
    const pricingMilliseconds = performance.now() - pricingStart;
    const preparedStart = performance.now();
    computeCoverage(graph, facilities, { ...request, profile });
    const preparedMilliseconds = performance.now() - preparedStart;
    const coldStart = performance.now();
    const first = computeCoverage(coldGraph(graph), facilities, { ...request, profile });
    const coldMilliseconds = performance.now() - coldStart;
    const warm: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const start = performance.now();
      computeCoverage(graph, facilities, { ...request, profile });
      warm.push(performance.now() - start);
    }
    console.log(
      `coverage ${label} ${profile}: ${first.cells.length} cells (${first.cellsOnNetwork} on the network), ${graph.edgeCount} edges, ${first.facilities.counted} ${request.category}s within ${request.withinMeters} m:`
      + ` first run after the profile was priced ${ms(preparedMilliseconds)} (pricing ${ms(pricingMilliseconds)}, done while the planner chooses),`
      + ` cold with pricing ${ms(coldMilliseconds)}, warm median ${ms(median(warm))} over ${runs}`
      + ` | share network ${(100 * (first.shareNetwork ?? 0)).toFixed(1)} %, straight line ${(100 * (first.shareStraightLine ?? 0)).toFixed(1)} %`,
    );
  }
}

function syntheticToilet(index: number, position: LngLat): ToiletFacility {
  return {
    id: `bench:toilet:${index}`, category: 'toilet', nameZh: null, nameEn: null, addressZh: null, addressEn: null, status: 'working', statusNote: null,
    lastVerified: null, source: 'bench', doorWidthMeters: null, turningSpaceMeters: null, grabBars: null, emergencyCall: null, access: null,
    openingHours: null, changingTable: null, location: { type: 'Point', coordinates: position },
  };
}

const runs = option('runs', 5);
const sample = loadDistrictRoutingData('data/sample');
bench('sample district', sample.graph, sample.facilities, { category: 'toilet', withinMeters: 500 }, runs);

const edgeTarget = option('edges', 200_000);
const cellTarget = option('cells', 10_000);
const blocks = syntheticBlocksForEdgeCount(edgeTarget);
const network = generateSyntheticNetwork({ blocksEast: blocks, blocksNorth: blocks, seed: 1 });
const { graph } = buildRoutingGraph(network.edges, network.facilities);
const [west, south, east, north] = network.bbox;
const widthMeters = (east - west) * graph.projection.metersPerDegreeLongitude;
const heightMeters = (north - south) * graph.projection.metersPerDegreeLatitude;
// A hex cell of size s covers (√3 / 2) s²: the size that gives about cellTarget cells over the box.
const cellSizeMeters = Math.sqrt((widthMeters * heightMeters) / cellTarget / (Math.sqrt(3) / 2));
// One toilet per ~25 ha, scattered: a sparse category like public accessible toilets.
const random = createRandom(7);
const toiletCount = Math.max(1, Math.round((widthMeters * heightMeters) / 250_000));
const toilets = Array.from({ length: toiletCount }, (_, index) => syntheticToilet(index, [west + random() * (east - west), south + random() * (north - south)]));
bench(`synthetic ${(widthMeters / 1000).toFixed(1)} × ${(heightMeters / 1000).toFixed(1)} km, cells of ${cellSizeMeters.toFixed(0)} m`, graph, [...network.facilities, ...toilets], {
  category: 'toilet', withinMeters: 500, cellSizeMeters,
}, runs);
